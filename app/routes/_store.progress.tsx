import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ProgressView } from "~/components/progress-view";
import { db, sqlite } from "~/db.server";
import { shanghaiYear } from "~/domain/dates";
import { parseYearParam } from "~/domain/year-param";
import { getTranslator } from "~/i18n/i18n.server";
import { localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listCountyNames } from "~/models/catalog.server";
import { yearProgress } from "~/models/ledger.server";
import { listYears } from "~/models/targets.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const current = shanghaiYear();
  const year = parseYearParam(new URL(request.url).searchParams.get("year"), current);
  if (year === null) throw new Response(t("progress.badYear"), { status: 404 });
  const counties = Object.fromEntries(
    listCountyNames(sqlite).map((c) => [c.code, localName(language, c)]),
  );
  const years = listYears(db);
  return {
    title: `${t("progress.pageTitle", { year })} · ${t("site.name")}`,
    description: t("descriptions.progress", { year }),
    language,
    year,
    years,
    counties,
    progress: yearProgress(sqlite, db, year, language),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ProgressPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <h1>{t("progress.pageTitle", { year: data.year })}</h1>
      <p className="lead">{t("progress.pageLead")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="progress-year">{t("progress.year")}</label>
        <select id="progress-year" name="year" defaultValue={data.year}>
          {data.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="submit">{t("progress.show")}</button>
      </Form>
      <ProgressView progress={data.progress} language={data.language} countyNames={data.counties} />
      <section className="panel" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">{t("progress.ledgerHeading")}</h2>
        <p>{t("progress.ledgerEntries", { count: data.progress.ledger.entries })}</p>
        <p>
          {t("progress.headHash")} <span className="hash">{data.progress.ledger.headHash}</span>
        </p>
        <p>{t("progress.rule")}</p>
        <p>
          <a href={`/progress.json?year=${data.year}`}>{t("progress.openData")}</a> ·{" "}
          <a href="/complaints/new?about=record">{t("complaints.title")}</a>
        </p>
      </section>
    </main>
  );
}
