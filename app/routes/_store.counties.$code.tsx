import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { pageMeta } from "~/utils/meta";
import { Pagination } from "~/components/pagination";
import { ProductGrid, toCardView } from "~/components/product-card";
import { sqlite } from "~/db.server";
import { pageParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { localise, localName } from "~/i18n/localise";
import { getCounty, listProducts } from "~/models/catalog.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const code = params.code ?? "";
  const county = /^\d{6}$/.test(code) ? getCounty(sqlite, code) : null;
  if (!county) throw new Response(t("error.countyNotFound"), { status: 404 });
  const page = pageParam.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const result = listProducts(sqlite, { county: county.code, page });
  const name = localName(language, county);
  return {
    title: `${name} · ${t("site.name")}`,
    description:
      (language === "en" ? county.summaryEn : county.summaryZh) ||
      t("descriptions.county", { county: name }),
    county: {
      code: county.code,
      name,
      summary: localise(language, county.summaryZh, county.summaryEn),
      partners: county.pairedJurisdictions.map((j) => localName(language, j)),
    },
    products: result.items.map((card) => toCardView(card, language)),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function CountyPage() {
  const { county, products, total, page, pageCount } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <main id="main" className="page">
      <nav aria-label={t("breadcrumb.label")} className="breadcrumb">
        <Link to="/counties">{t("nav.counties")}</Link>
      </nav>
      <h1>{county.name}</h1>
      <p className="lead">{county.summary}</p>
      <p className="pairing">
        {county.partners.length > 0
          ? t("county.pairedWithLong", { partners: county.partners.join(t("list.separator")) })
          : t("county.unpairedLong")}
      </p>
      <h2>{t("county.productsHeading", { count: total })}</h2>
      {products.length > 0 ? (
        <ProductGrid products={products} />
      ) : (
        <p className="empty">{t("catalog.empty")}</p>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        search={location.search}
        basePath={`/counties/${county.code}`}
      />
      <p>
        <Link to={`/products?county=${county.code}`}>{t("county.filterInCatalog")}</Link>
      </p>
    </main>
  );
}
