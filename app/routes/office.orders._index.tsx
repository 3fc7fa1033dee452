import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Money } from "~/components/money";
import { officeLinks } from "~/components/office-links";
import { Pagination } from "~/components/pagination";
import { db, sqlite } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { officeOrderFilterSchema } from "~/domain/order-forms";
import { orderStatuses } from "~/domain/order-status";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listCountyNames } from "~/models/catalog.server";
import { listOfficeOrders, stuckOrders } from "~/models/office-orders.server";
import { can } from "~/models/organisations.server";
import { listApprovedSellers, listJurisdictions } from "~/models/reference.server";
import { pageMeta } from "~/utils/meta";

/** Every order, filtered, and the ones that wait too long for the seller or the buyer. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:office:any");
  const { language, t } = await getTranslator(request);
  const filter = officeOrderFilterSchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const result = listOfficeOrders(db, {
    jurisdictionCode: filter.district,
    countyCode: filter.county,
    sellerOrgId: filter.seller,
    status: filter.status,
    month: filter.month,
    page: filter.page,
  });
  const now = new Date();
  return {
    title: `${t("officeOrders.title")} · ${t("site.name")}`,
    description: t("descriptions.officeOrders"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    filter,
    jurisdictions: listJurisdictions(sqlite).map((j) => ({
      code: j.code,
      name: localName(language, j),
    })),
    counties: listCountyNames(sqlite).map((c) => ({ code: c.code, name: localName(language, c) })),
    sellers: listApprovedSellers(sqlite),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    rows: result.rows.map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      totalFen: row.totalFen,
      buyerName: localise(language, row.buyerName, row.buyerNameEn),
      sellerName: localise(language, row.sellerName, row.sellerNameEn),
      createdAt: formatDateTime(row.createdAt, language),
      updatedAt: formatDateTime(row.updatedAt, language),
    })),
    stuck: stuckOrders(db, now).map((order) => ({
      id: order.id,
      number: order.number,
      status: order.status,
      totalFen: order.totalFen,
      kind: order.kind,
      days: order.days,
      since: formatDateTime(order.since, language),
      buyerName: localise(language, order.buyerName, order.buyerNameEn),
      sellerName: localise(language, order.sellerName, order.sellerNameEn),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function OfficeOrders() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("officeOrders.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />

      <section aria-labelledby="stuck-heading">
        <h2 id="stuck-heading">{t("officeOrders.stuck.heading", { count: data.stuck.length })}</h2>
        <p className="hint">{t("officeOrders.stuck.rule")}</p>
        {data.stuck.length === 0 ? (
          <p>{t("officeOrders.stuck.none")}</p>
        ) : (
          <ul className="plain-list">
            {data.stuck.map((order) => (
              <li key={order.id}>
                <Link to={`/office/orders/${order.id}`}>{order.number}</Link> · {order.buyerName} →{" "}
                {order.sellerName} · <Money fen={order.totalFen} /> ·{" "}
                <strong>{t(`officeOrders.stuck.${order.kind}`, { count: order.days })}</strong> (
                {t(`orderStatus.${order.status}`)}, {order.since})
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2 id="all-heading">{t("officeOrders.all")}</h2>
      <Form method="get" className="filters" aria-label={t("officeOrders.filters.label")}>
        <div className="field">
          <label htmlFor="filter-district">{t("officeOrders.filters.district")}</label>
          <select id="filter-district" name="district" defaultValue={data.filter.district ?? ""}>
            <option value="">{t("officeOrders.filters.any")}</option>
            {data.jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                {j.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-county">{t("officeOrders.filters.county")}</label>
          <select id="filter-county" name="county" defaultValue={data.filter.county ?? ""}>
            <option value="">{t("officeOrders.filters.any")}</option>
            {data.counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-seller">{t("officeOrders.filters.seller")}</label>
          <select id="filter-seller" name="seller" defaultValue={data.filter.seller ?? ""}>
            <option value="">{t("officeOrders.filters.any")}</option>
            {data.sellers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t("officeOrders.filters.status")}</label>
          <select id="filter-status" name="status" defaultValue={data.filter.status ?? ""}>
            <option value="">{t("officeOrders.filters.any")}</option>
            {orderStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`orderStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-month">{t("officeOrders.filters.month")}</label>
          <input
            id="filter-month"
            name="month"
            type="month"
            defaultValue={data.filter.month ?? ""}
          />
        </div>
        <div className="filter-actions">
          <button type="submit">{t("catalog.apply")}</button>
        </div>
      </Form>

      <p role="status">{t("officeOrders.count", { count: data.total })}</p>
      {data.rows.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table" aria-labelledby="all-heading">
            <thead>
              <tr>
                <th scope="col">{t("officeOrders.columns.number")}</th>
                <th scope="col">{t("officeOrders.columns.buyer")}</th>
                <th scope="col">{t("officeOrders.columns.seller")}</th>
                <th scope="col">{t("officeOrders.columns.status")}</th>
                <th scope="col">{t("officeOrders.columns.total")}</th>
                <th scope="col">{t("officeOrders.columns.created")}</th>
                <th scope="col">{t("officeOrders.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/office/orders/${row.id}`}>{row.number}</Link>
                  </td>
                  <td>{row.buyerName}</td>
                  <td>{row.sellerName}</td>
                  <td>{t(`orderStatus.${row.status}`)}</td>
                  <td>
                    <Money fen={row.totalFen} />
                  </td>
                  <td>{row.createdAt}</td>
                  <td>{row.updatedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        search={location.search}
        basePath="/office/orders"
      />
    </main>
  );
}
