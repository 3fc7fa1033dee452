import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Money } from "~/components/money";
import { officeLinks } from "~/components/office-links";
import { Pagination } from "~/components/pagination";
import { db, sqlite } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { ledgerFilterSchema } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listEntries } from "~/models/ledger.server";
import { placeNames } from "~/models/reference.server";
import { can } from "~/models/organisations.server";
import { pageMeta } from "~/utils/meta";

/** The ledger entries behind a dashboard figure (or all of them), newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:ledger:any");
  const { language, t } = await getTranslator(request);
  const filter = ledgerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = listEntries(db, {
    ...filter,
    certified: filter.certified === undefined ? undefined : filter.certified === "1",
    statsOrgId: filter.statsOrg,
  });
  const places = placeNames(sqlite, language);
  return {
    title: `${t("ledger.title")} · ${t("site.name")}`,
    description: t("descriptions.ledger"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    filter,
    // The filters in words, for the line above the table.
    applied: Object.entries(filter)
      .filter(([key, value]) => key !== "page" && value !== undefined)
      .map(([key, value]): [string, string] => {
        const text = String(value);
        if (key === "jurisdiction" || key === "county") return [key, places[text] ?? text];
        if (key === "buyerType") return [key, t(`ledger.buyerTypes.${text}`)];
        if (key === "kind")
          return [key, t(text === "purchase" ? "ledger.purchase" : "ledger.helpedSale")];
        if (key === "channel")
          return [key, t(text === "online" ? "ledger.online" : "ledger.offline")];
        if (key === "certified") return [key, t(text === "1" ? "ledger.yes" : "ledger.no")];
        return [key, text];
      }),
    total: result.total,
    totalFen: result.totalFen,
    page: result.page,
    pageCount: result.pageCount,
    rows: result.rows.map((row) => ({
      seq: row.seq,
      countedAt: formatDateTime(row.countedAt, language),
      amountFen: row.amountFen,
      reversesSeq: row.reversesSeq,
      buyerName: row.buyerName,
      buyerType: row.buyerType,
      jurisdiction: places[row.jurisdictionCode] ?? row.jurisdictionCode,
      county: places[row.countyCode] ?? row.countyCode,
      sellerName: row.sellerName,
      kind: row.kind,
      channel: row.channel,
      certified: row.certified,
      paired: row.paired,
      invoiceNumber: row.invoiceNumber,
      hash: row.hash,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function LedgerEntries() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("ledger.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <p role="status">
        {t("ledger.summary", { count: data.total })} <Money fen={data.totalFen} />
        {data.applied.length > 0
          ? ` · ${data.applied.map(([key, value]) => `${t(`ledger.filters.${key}`)}: ${value}`).join(t("list.separator"))}`
          : ""}
      </p>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("ledger.countedAt")}</th>
              <th scope="col">{t("ledger.amount")}</th>
              <th scope="col">{t("ledger.buyer")}</th>
              <th scope="col">{t("ledger.where")}</th>
              <th scope="col">{t("ledger.seller")}</th>
              <th scope="col">{t("ledger.how")}</th>
              <th scope="col">{t("ledger.invoice")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.seq}>
                <td>
                  {row.seq}
                  {row.reversesSeq ? ` (${t("ledger.reverses", { seq: row.reversesSeq })})` : ""}
                </td>
                <td>{row.countedAt}</td>
                <td>
                  <Money fen={row.amountFen} />
                </td>
                <td>
                  {row.buyerName} · {t(`ledger.buyerTypes.${row.buyerType}`)}
                </td>
                <td>
                  {row.jurisdiction} → {row.county}
                  {row.paired ? ` · ${t("ledger.paired")}` : ""}
                </td>
                <td>{row.sellerName}</td>
                <td>
                  {t(row.kind === "purchase" ? "ledger.purchase" : "ledger.helpedSale")} ·{" "}
                  {t(row.channel === "online" ? "ledger.online" : "ledger.offline")}
                  {row.certified ? ` · ${t("ledger.certified")}` : ""}
                </td>
                <td>{row.invoiceNumber ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        search={location.search}
        basePath="/office/ledger"
      />
    </main>
  );
}
