import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { CountyGrid, toCountyView } from "~/components/county-grid";
import { pageMeta } from "~/utils/meta";
import { ProductGrid, toCardView } from "~/components/product-card";
import { ProgressStrip } from "~/components/progress-strip";
import { sqlite } from "~/db.server";
import { shanghaiYear } from "~/domain/dates";
import { getTranslator } from "~/i18n/i18n.server";
import { featuredProducts, listCounties } from "~/models/catalog.server";
import { progressSummary } from "~/models/progress.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const counties = listCounties(sqlite).map((county) => toCountyView(county, language));
  return {
    language,
    title: `${t("site.name")} · ${t("home.titleTagline")}`,
    description: t("home.lead"),
    featured: featuredProducts(sqlite, 8).map((card) => toCardView(card, language)),
    counties,
    progress: progressSummary(sqlite, shanghaiYear()),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Home() {
  const { featured, counties, progress, language } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <section className="hero" aria-labelledby="hero-heading">
        <h1 id="hero-heading">{t("home.heading")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p>{t("home.how")}</p>
        <p className="hero-actions">
          <a className="button" href="/products">
            {t("home.browse")}
          </a>
          <a className="button secondary" href="/counties">
            {t("home.counties")}
          </a>
        </p>
      </section>

      <ProgressStrip progress={progress} language={language} />

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading">{t("home.featured")}</h2>
        <ProductGrid products={featured} />
        <p>
          <a href="/products">{t("home.allProducts")}</a>
        </p>
      </section>

      <section aria-labelledby="counties-heading">
        <h2 id="counties-heading">{t("home.countiesHeading")}</h2>
        <CountyGrid counties={counties} />
      </section>
    </main>
  );
}
