import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { CountyGrid, toCountyView } from "~/components/county-grid";
import { pageMeta } from "~/utils/meta";
import { sqlite } from "~/db.server";
import { getTranslator } from "~/i18n/i18n.server";
import { listCounties } from "~/models/catalog.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("counties.heading")} · ${t("site.name")}`,
    description: t("descriptions.counties"),
    counties: listCounties(sqlite).map((county) => toCountyView(county, language)),
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
      <CountyGrid counties={counties} />
    </main>
  );
}
