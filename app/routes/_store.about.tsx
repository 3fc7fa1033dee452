import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useT } from "~/i18n/use-t";
import { pageMeta } from "~/utils/meta";
import { getTranslator } from "~/i18n/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return {
    title: `${t("about.heading")} · ${t("site.name")}`,
    description: t("descriptions.about"),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

/** What the marketplace is for and how its figures are counted. */
export default function About() {
  const t = useT();
  return (
    <main id="main" className="page narrow">
      <h1>{t("about.heading")}</h1>
      <p className="lead">{t("about.mission")}</p>
      <h2>{t("about.targetsHeading")}</h2>
      <p>{t("about.targets")}</p>
      <h2>{t("about.countingHeading")}</h2>
      <ul>
        <li>{t("about.countPaid")}</li>
        <li>{t("about.countOutside")}</li>
        <li>{t("about.countOnce")}</li>
        <li>{t("about.countPeople")}</li>
      </ul>
      <h2>{t("about.whoHeading")}</h2>
      <p>{t("about.who")}</p>
    </main>
  );
}
