import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { officeLinks } from "~/components/office-links";
import { Pagination } from "~/components/pagination";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { auditFilterSchema } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listAudit } from "~/models/audit.server";
import { can } from "~/models/organisations.server";
import { pageMeta } from "~/utils/meta";

/** Shanghai calendar days to UTC instants: 00:00 at UTC+8. */
function shanghaiMidnight(date: string, plusDays = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:audit:any");
  const { language, t } = await getTranslator(request);
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = listAudit(db, {
    action: filter.action || undefined,
    actor: filter.actor || undefined,
    target: filter.target || undefined,
    from: filter.from ? shanghaiMidnight(filter.from) : undefined,
    to: filter.to ? shanghaiMidnight(filter.to, 1) : undefined,
    page: filter.page,
  });
  return {
    title: `${t("audit.title")} · ${t("site.name")}`,
    description: t("descriptions.audit"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    filter,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    rows: result.rows.map((row) => ({
      ...row,
      at: formatDateTime(row.at, language),
      oldValue: row.oldValue === null ? "" : JSON.stringify(row.oldValue),
      newValue: row.newValue === null ? "" : JSON.stringify(row.newValue),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Audit() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("audit.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      <Form method="get" className="filters" aria-label={t("audit.filters")}>
        {(["action", "actor", "target"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`audit-${name}`}>{t(`audit.${name}`)}</label>
            <input id={`audit-${name}`} name={name} defaultValue={data.filter[name] ?? ""} />
          </div>
        ))}
        {(["from", "to"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`audit-${name}`}>{t(`audit.${name}`)}</label>
            <input
              id={`audit-${name}`}
              name={name}
              type="date"
              defaultValue={data.filter[name] ?? ""}
            />
          </div>
        ))}
        <div className="filter-actions">
          <button type="submit">{t("catalog.apply")}</button>
        </div>
      </Form>
      <p role="status">{t("audit.count", { count: data.total })}</p>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.target")}</th>
              <th scope="col">{t("audit.ip")}</th>
              <th scope="col">{t("audit.old")}</th>
              <th scope="col">{t("audit.new")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.at}</td>
                <td>
                  {row.actorEmail ?? "—"}
                  {row.actorOrg ? ` · ${row.actorOrg}` : ""}
                </td>
                <td>{row.action}</td>
                <td>
                  {row.targetType} {row.targetId}
                </td>
                <td>{row.ip}</td>
                <td className="mono">{row.oldValue}</td>
                <td className="mono">{row.newValue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={data.page}
        pageCount={data.pageCount}
        search={location.search}
        basePath="/office/audit"
      />
    </main>
  );
}
