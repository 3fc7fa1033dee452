import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { pageMeta } from "~/utils/meta";
import { Pagination } from "~/components/pagination";
import { ProductGrid, toCardView } from "~/components/product-card";
import { sqlite } from "~/db.server";
import { parseCatalogParams } from "~/domain/catalog-params";
import { catalogSortValues } from "~/domain/catalog-sorts";
import { getTranslator } from "~/i18n/i18n.server";
import { localName } from "~/i18n/localise";
import { listCategories, listCountyNames, listProducts } from "~/models/catalog.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const { params, problems } = parseCatalogParams(new URL(request.url).searchParams);
  const counties = listCountyNames(sqlite);
  const categories = listCategories(sqlite);
  if (params.county && !counties.some((c) => c.code === params.county)) {
    problems.push("catalog.errors.county");
    delete params.county;
  }
  if (params.category && !categories.some((c) => c.slug === params.category)) {
    problems.push("catalog.errors.category");
    delete params.category;
  }
  const result = listProducts(sqlite, params);
  const county = counties.find((c) => c.code === params.county);
  const category = categories.find((c) => c.slug === params.category);
  const heading = params.q
    ? t("catalog.searchHeading", { q: params.q })
    : county
      ? t("catalog.countyHeading", { county: localName(language, county) })
      : category
        ? localName(language, category)
        : t("catalog.heading");
  return {
    title: `${heading} · ${t("site.name")}`,
    description: t("descriptions.catalog"),
    heading,
    params,
    problems: problems.map((key) => t(key)),
    counties: counties.map((c) => ({ code: c.code, name: localName(language, c) })),
    categories: categories.map((c) => ({ slug: c.slug, name: localName(language, c) })),
    products: result.items.map((card) => toCardView(card, language)),
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Catalog() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const { params } = data;
  const filtered =
    params.county || params.category || params.q || params.raw.min || params.raw.max || params.sort;
  return (
    <main id="main" className="page catalog">
      <h1>{data.heading}</h1>
      <Form method="get" action="/products" className="filters" aria-label={t("catalog.filters")}>
        <div className="field field-wide">
          <label htmlFor="filter-q">{t("catalog.q")}</label>
          <input
            id="filter-q"
            type="search"
            name="q"
            defaultValue={params.raw.q}
            maxLength={100}
            placeholder={t("search.placeholder")}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-county">{t("catalog.county")}</label>
          <select id="filter-county" name="county" defaultValue={params.county ?? ""}>
            <option value="">{t("catalog.allCounties")}</option>
            {data.counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t("catalog.category")}</label>
          <select id="filter-category" name="category" defaultValue={params.category ?? ""}>
            <option value="">{t("catalog.allCategories")}</option>
            {data.categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field price-range">
          <legend>{t("catalog.priceRange")}</legend>
          <label htmlFor="filter-min" className="visually-hidden">
            {t("catalog.minPrice")}
          </label>
          <input
            id="filter-min"
            name="min"
            inputMode="decimal"
            defaultValue={params.raw.min}
            placeholder={t("catalog.minPrice")}
            size={8}
          />
          <span aria-hidden="true">–</span>
          <label htmlFor="filter-max" className="visually-hidden">
            {t("catalog.maxPrice")}
          </label>
          <input
            id="filter-max"
            name="max"
            inputMode="decimal"
            defaultValue={params.raw.max}
            placeholder={t("catalog.maxPrice")}
            size={8}
          />
        </fieldset>
        <div className="field">
          <label htmlFor="filter-sort">{t("catalog.sort")}</label>
          <select id="filter-sort" name="sort" defaultValue={params.sort ?? "relevance"}>
            {catalogSortValues.map((sort) => (
              <option key={sort} value={sort}>
                {t(`catalog.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit">{t("catalog.apply")}</button>
          {filtered ? <a href="/products">{t("catalog.clear")}</a> : null}
        </div>
      </Form>

      {data.problems.length > 0 ? (
        <div className="notice" role="alert">
          <ul>
            {data.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <p className="result-count" role="status">
        {t("catalog.resultCount", { count: data.total })}
      </p>
      {data.products.length > 0 ? (
        <ProductGrid products={data.products} />
      ) : (
        <p className="empty">{t("catalog.empty")}</p>
      )}
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        search={location.search}
        basePath="/products"
      />
    </main>
  );
}
