import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { officeLinks } from "~/components/office-links";
import { ProgressView } from "~/components/progress-view";
import { db, sqlite } from "~/db.server";
import { shanghaiDate, shanghaiYear } from "~/domain/dates";
import { parseYearParam } from "~/domain/year-param";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listCountyNames } from "~/models/catalog.server";
import { pendingWork } from "~/models/reference.server";
import { listYears } from "~/models/targets.server";
import { yearProgress } from "~/models/ledger.server";
import { pledgesOfYear } from "~/models/contributions.server";
import { MoneyLarge } from "~/components/money";
import { can } from "~/models/organisations.server";
import { pageMeta } from "~/utils/meta";

/** The office's dashboard: the year's progress, every figure linked to its entries. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:office:any");
  const { language, t } = await getTranslator(request);
  const year = parseYearParam(new URL(request.url).searchParams.get("year"), shanghaiYear());
  if (year === null) throw new Response(t("progress.badYear"), { status: 404 });
  return {
    title: `${t("area.office")} · ${t("site.name")}`,
    description: t("descriptions.officeHome"),
    language,
    year,
    years: listYears(db),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    pending: pendingWork(sqlite),
    counties: Object.fromEntries(
      listCountyNames(sqlite).map((c) => [c.code, localName(language, c)]),
    ),
    progress: yearProgress(sqlite, db, year, language),
    pledges: pledgesOfYear(sqlite, year),
    defaultMonth: year === shanghaiYear() ? shanghaiDate().slice(0, 7) : `${year}-12`,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function OfficeDashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("area.office")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <ul className="attention">
        <li>
          <a href="/office/records">
            {t("office.pendingRecords", { count: data.pending.records })}
          </a>
        </li>
        <li>
          <a href="/office/certifications">
            {t("certReview.pendingCount", { count: data.pending.certifications })}
          </a>
        </li>
        <li>
          <a href="/office/organisations">
            {t("office.pending", { count: data.pending.organisations })}
          </a>
        </li>
      </ul>
      <Form method="get" className="inline-form">
        <label htmlFor="dashboard-year">{t("progress.year")}</label>
        <select id="dashboard-year" name="year" defaultValue={data.year}>
          {data.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="submit">{t("progress.show")}</button>
      </Form>
      <section className="panel" aria-labelledby="exports-heading">
        <h2 id="exports-heading">{t("reports.heading")}</h2>
        <p className="inline-form">
          <a href={`/office/exports/ledger.csv?year=${data.year}`}>
            {t("reports.ledgerCsv", { year: data.year })}
          </a>
          <a href={`/office/exports/ledger.xlsx?year=${data.year}`}>
            {t("reports.ledgerXlsx", { year: data.year })}
          </a>
          <a href="/office/exports/ledger.csv">{t("reports.ledgerAll")}</a>
        </p>
        <form method="get" action="/office/exports/monthly.xlsx" className="inline-form">
          <label htmlFor="report-month">{t("reports.month")}</label>
          <input
            id="report-month"
            name="month"
            type="month"
            defaultValue={data.defaultMonth}
            required
          />
          <button type="submit">{t("reports.monthly")}</button>
        </form>
      </section>
      <h2>{t("progress.heading", { year: data.year })}</h2>
      <ProgressView
        progress={data.progress}
        language={data.language}
        countyNames={data.counties}
        entriesHref={(filter) => `/office/ledger?${new URLSearchParams(filter).toString()}`}
      />
      <section aria-labelledby="pledges-heading">
        <h2 id="pledges-heading">{t("office.pledges")}</h2>
        {data.pledges.length === 0 ? (
          <p>{t("office.noPledges")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("org.fields.name")}</th>
                  <th scope="col">{t("office.pledged")}</th>
                  <th scope="col">{t("office.bought")}</th>
                </tr>
              </thead>
              <tbody>
                {data.pledges.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>
                      <MoneyLarge fen={p.pledgedFen} language={data.language} />
                    </td>
                    <td>
                      <a href={`/office/ledger?year=${data.year}&statsOrg=${p.id}`}>
                        <MoneyLarge fen={p.boughtFen} language={data.language} />
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
