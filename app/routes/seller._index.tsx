import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSide } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { MoneyLarge } from "~/components/money";
import { sellerLinks } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formatDate, shanghaiDate, shanghaiYear } from "~/domain/dates";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can, getOrganisation } from "~/models/organisations.server";
import { sellerOverview } from "~/models/seller-overview.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSide(request, "seller");
  const { language, t } = await getTranslator(request);
  const org = getOrganisation(db, current.acting.orgId);
  if (!org) throw new Response(null, { status: 404 });
  const today = shanghaiDate();
  const year = shanghaiYear();
  const overview = sellerOverview(db, org.id, today, year);
  return {
    title: `${t("area.seller")} · ${t("site.name")}`,
    description: t("descriptions.sellerHome"),
    language,
    year,
    orgName: localise(language, org.nameZh, org.nameEn),
    role: current.acting.role,
    creditCode: org.creditCode,
    bank: org.bankName
      ? `${org.bankName} · ${org.bankAccountName} · ${org.bankAccountNumber}`
      : null,
    mechanism: org.mechanism,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    canManageProducts: can(current.acting, "manage:product:own-org"),
    attention: overview.attention.map((item) => ({
      productId: item.productId,
      name: localise(language, item.nameZh, item.nameEn),
      kind: item.kind,
      reason: item.reason,
      date: item.certifiedUntil ? formatDate(item.certifiedUntil, language) : "",
      stock: item.stock,
    })),
    orderWork: overview.orderWork,
    byStatus: overview.byStatus,
    onSale: overview.onSale,
    total: overview.total,
    countedFen: overview.countedFen,
    countedEntries: overview.countedEntries,
    peopleLifted: overview.peopleLifted,
    declaredPeople: overview.declaredPeople,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function SellerHome() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const orderWorkCount =
    data.orderWork.receivables +
    data.orderWork.toConfirm +
    data.orderWork.toShip +
    data.orderWork.toInvoice;
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("area.seller")}
        orgName={data.orgName}
        role={data.role}
        links={sellerLinks(t, { canManageMembers: data.canManageMembers })}
      />

      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading">
          {t("sellerHome.attention", { count: data.attention.length + orderWorkCount })}
        </h2>
        {orderWorkCount > 0 ? (
          <p>
            <Link to="/seller/orders">
              {(["receivables", "toConfirm", "toShip", "toInvoice"] as const)
                .filter((key) => data.orderWork[key] > 0)
                .map((key) => t(`sellerHome.orders.${key}`, { count: data.orderWork[key] }))
                .join(" · ")}
            </Link>
          </p>
        ) : null}
        {data.attention.length === 0 && orderWorkCount === 0 ? (
          <p>{t("sellerHome.nothingNeeded")}</p>
        ) : data.attention.length === 0 ? null : (
          <ul className="attention-list">
            {data.attention.map((item) => (
              <li key={`${item.kind}-${item.productId}`} className={`attention-${item.kind}`}>
                <Link to={`/seller/products/${item.productId}`}>{item.name}</Link>
                {" · "}
                {t(`sellerHome.kinds.${item.kind}`, {
                  date: item.date,
                  stock: item.stock,
                  reason: item.reason ?? "",
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="products-heading" className="panel">
        <h2 id="products-heading">{t("sellerProducts.title")}</h2>
        <p>
          {t("sellerHome.onSale", { count: data.onSale, total: data.total })}
          {data.byStatus.submitted > 0
            ? ` · ${t("sellerHome.inReview", { count: data.byStatus.submitted })}`
            : ""}
          {data.byStatus.draft > 0
            ? ` · ${t("sellerHome.drafts", { count: data.byStatus.draft })}`
            : ""}
        </p>
        {data.canManageProducts ? (
          <p className="inline-form">
            <Link to="/seller/products/new" className="button">
              {t("sellerProducts.new")}
            </Link>
            <Link to="/seller/products">{t("sellerHome.allProducts")}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="counted-heading" className="panel">
        <h2 id="counted-heading">{t("sellerHome.counted", { year: data.year })}</h2>
        <dl className="facts">
          <dt>{t("sellerHome.countedSales")}</dt>
          <dd>
            <MoneyLarge fen={data.countedFen} language={data.language} />
            {" · "}
            {t("sellerHome.entries", { count: data.countedEntries })}
          </dd>
          <dt>{t("sellerHome.peopleCounted")}</dt>
          <dd>
            {t("product.people", { count: data.peopleLifted })}
            {data.peopleLifted === 0 && data.declaredPeople > 0 ? (
              <span className="hint">
                {" "}
                · {t("sellerHome.peopleRule", { count: data.declaredPeople })}
              </span>
            ) : null}
          </dd>
        </dl>
      </section>

      <dl className="facts panel">
        <dt>{t("org.fields.creditCode")}</dt>
        <dd>{data.creditCode}</dd>
        <dt>{t("org.fields.bankName")}</dt>
        <dd>{data.bank ?? "—"}</dd>
        <dt>{t("org.fields.mechanism")}</dt>
        <dd>{data.mechanism ? t(`org.mechanisms.${data.mechanism}`) : "—"}</dd>
        <dt>{t("org.fields.peopleLifted")}</dt>
        <dd>{t("product.people", { count: data.declaredPeople })}</dd>
      </dl>
      <p>
        <Link to="/products">{t("seller.storefront")}</Link>
      </p>
    </main>
  );
}
