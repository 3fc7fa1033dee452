import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { pageMeta } from "~/utils/meta";
import { sqlite } from "~/db.server";
import { getTranslator } from "~/i18n/i18n.server";
import { localise, localName } from "~/i18n/localise";
import { listCounties } from "~/models/catalog.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("counties.heading")} · ${t("site.name")}`,
    counties: listCounties(sqlite).map((county) => ({
      code: county.code,
      name: localName(language, county),
      summary: localise(language, county.summaryZh, county.summaryEn),
      productCount: county.productCount,
      partners: county.pairedJurisdictions.map((j) => localName(language, j)),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Counties() {
  const { counties } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <h1>{t("counties.heading")}</h1>
      <p className="lead">{t("counties.lead")}</p>
      <ul className="county-grid">
        {counties.map((county) => (
          <li key={county.code}>
            <Link to={`/counties/${county.code}`}>
              <span className="county-name">{county.name}</span>
              <span className="county-summary">{county.summary}</span>
              <span className="county-meta">
                {t("county.productCount", { count: county.productCount })}
                {" · "}
                {county.partners.length > 0
                  ? t("county.pairedWith", { partners: county.partners.join(t("list.separator")) })
                  : t("county.unpaired")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
