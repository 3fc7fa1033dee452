import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { officeLinks } from "~/components/office-links";
import { db } from "~/db.server";
import { userActionSchema } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { endSessionsByOffice, listUsers, setUserStatus } from "~/models/users.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "manage:user:any");
  const { language, t } = await getTranslator(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return {
    title: `${t("office.users")} · ${t("site.name")}`,
    description: t("descriptions.users"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    me: current.user.id,
    q,
    users: listUsers(db, q).map((u) => ({
      ...u,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "manage:user:any");
  const { t } = await getTranslator(request);
  const parsed = userActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return Response.json({ message: t("forms.invalid") }, { status: 400 });
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const { intent, userId } = parsed.data;
  if (intent === "end-sessions") {
    const ended = endSessionsByOffice(db, { userId, actor });
    return Response.json({ message: t("office.sessionsEnded", { count: ended }) });
  }
  const changed = setUserStatus(db, {
    userId,
    status: intent === "disable" ? "disabled" : "active",
    actor,
  });
  if (!changed) return Response.json({ message: t("office.unchanged") }, { status: 400 });
  return Response.json({ message: t(intent === "disable" ? "office.disabled" : "office.enabled") });
}

export default function OfficeUsers() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ message: string }>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("office.users")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: true })}
      />
      {result ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <Form method="get" className="inline-form">
        <label htmlFor="users-q">{t("office.findUser")}</label>
        <input id="users-q" name="q" type="search" defaultValue={data.q} />
        <button type="submit">{t("search.submit")}</button>
      </Form>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("auth.fields.name")}</th>
              <th scope="col">{t("auth.fields.email")}</th>
              <th scope="col">{t("account.status")}</th>
              <th scope="col">{t("office.liveSessions")}</th>
              <th scope="col">{t("account.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>
                  <span
                    className={`status status-${user.status === "active" ? "approved" : "rejected"}`}
                  >
                    {t(`office.userStatus.${user.status}`)}
                  </span>
                </td>
                <td>{user.liveSessions}</td>
                <td>
                  {user.id === data.me ? (
                    "—"
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="userId" value={user.id} />
                      {user.status === "active" ? (
                        <button type="submit" name="intent" value="disable">
                          {t("office.disable", { email: user.email })}
                        </button>
                      ) : (
                        <button type="submit" name="intent" value="enable">
                          {t("office.enable", { email: user.email })}
                        </button>
                      )}
                      <button
                        type="submit"
                        name="intent"
                        value="end-sessions"
                        className="secondary-button"
                      >
                        {t("office.endSessions", { email: user.email })}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
