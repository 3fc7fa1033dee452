import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Money } from "~/components/money";
import { StatusBadge, sellerLinks } from "~/components/seller-nav";
import { db } from "~/db.server";
import { formatDate, shanghaiDate } from "~/domain/dates";
import { certificateState, isLowStock, isOrderable } from "~/domain/product-status";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can } from "~/models/organisations.server";
import { listSellerProducts } from "~/models/products.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  const { language, t } = await getTranslator(request);
  const today = shanghaiDate();
  return {
    title: `${t("sellerProducts.title")} · ${t("site.name")}`,
    description: t("descriptions.sellerProducts"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    products: listSellerProducts(db, current.acting.orgId).map((p) => ({
      id: p.id,
      name: localise(language, p.nameZh, p.nameEn),
      status: p.status,
      orderable: isOrderable(p, today),
      certificate: certificateState(p.certifiedUntil, today),
      certifiedUntil: p.certifiedUntil ? formatDate(p.certifiedUntil, language) : null,
      priceFen: p.priceFen,
      unit: localise(language, p.unitZh, p.unitEn),
      stock: p.stock,
      lowStock: p.status === "listed" && isLowStock(p),
      thumbSrc: p.thumbSrc,
      pendingCertification: p.pendingCertification,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function SellerProducts() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("sellerProducts.title")}
        orgName={data.orgName}
        role={data.role}
        links={sellerLinks(t, { canManageMembers: data.canManageMembers })}
      />
      <p className="inline-form">
        <Link to="/seller/products/new" className="button">
          {t("sellerProducts.new")}
        </Link>
        <Link to="/seller/products/bulk">{t("bulkEdit.title")}</Link>
      </p>
      {data.products.length === 0 ? (
        <p>{t("sellerProducts.none")}</p>
      ) : (
        <ul className="seller-products">
          {data.products.map((p) => (
            <li key={p.id} className="panel">
              {p.thumbSrc ? (
                <img src={p.thumbSrc} alt="" width={96} height={72} loading="lazy" />
              ) : (
                <span className="thumb-missing" aria-hidden="true" />
              )}
              <div>
                <h2 className="card-title">
                  <Link to={`/seller/products/${p.id}`}>{p.name}</Link>
                </h2>
                <p>
                  <StatusBadge status={p.status} />{" "}
                  {p.orderable ? t("sellerProducts.onSaleShort") : null}
                  {p.pendingCertification ? ` · ${t("sellerProducts.inReviewShort")}` : ""}
                </p>
                <p>
                  <Money fen={p.priceFen} />
                  {t("product.perUnit", { unit: p.unit })} · {t("product.stock")} {p.stock}
                  {p.lowStock ? ` · ${t("sellerProducts.lowStock")}` : ""}
                </p>
                {p.certificate === "expiring" || p.certificate === "expired" ? (
                  <p className="notice">
                    {t(`sellerProducts.certificate.${p.certificate}`, { date: p.certifiedUntil })}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
