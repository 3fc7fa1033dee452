import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { db } from "~/db.server";
import { memberDecisionSchema } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { changeMemberRole, decideMembership, listMembers } from "~/models/organisations.server";
import { rolesForSide } from "~/domain/permissions";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "manage:members:own-org");
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("members.title")} · ${t("site.name")}`,
    description: t("descriptions.members"),
    orgName: actingName(language, current.acting),
    me: current.user.id,
    roles: rolesForSide(current.acting.side),
    members: listMembers(db, current.acting.orgId).map((m) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "manage:members:own-org");
  const { t } = await getTranslator(request);
  const parsed = memberDecisionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return Response.json({ message: t("forms.invalid") }, { status: 400 });
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const input = parsed.data;
  const done =
    input.intent === "change-role"
      ? changeMemberRole(db, { membershipId: input.membershipId, role: input.role, actor })
      : decideMembership(db, { membershipId: input.membershipId, decision: input.intent, actor });
  // Another organisation's membership is "not found", like one that does not exist.
  if (!done) throw new Response(t("members.notFound"), { status: 404 });
  return Response.json({ message: t(`members.done.${input.intent}`) });
}

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ message: string }>();
  const t = useT();
  return (
    <main id="main" className="page">
      <h1>{t("members.title")}</h1>
      <p className="lead">{data.orgName}</p>
      {result ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("auth.fields.name")}</th>
              <th scope="col">{t("auth.fields.email")}</th>
              <th scope="col">{t("org.fields.role")}</th>
              <th scope="col">{t("account.status")}</th>
              <th scope="col">{t("account.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.membershipId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>{t(`roles.${m.role}`)}</td>
                <td>
                  <span className={`status status-${m.status}`}>
                    {t(`account.memberStatus.${m.status}`)}
                  </span>
                </td>
                <td>
                  {m.status === "pending" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="membershipId" value={m.membershipId} />
                      <button type="submit" name="intent" value="approve">
                        {t("members.approve", { name: m.name })}
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="reject"
                        className="secondary-button"
                      >
                        {t("members.reject", { name: m.name })}
                      </button>
                    </Form>
                  ) : m.status === "approved" && m.userId !== data.me ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="membershipId" value={m.membershipId} />
                      <label htmlFor={`role-${m.membershipId}`} className="visually-hidden">
                        {t("members.newRole", { name: m.name })}
                      </label>
                      <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role}>
                        {data.roles.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" name="intent" value="change-role">
                        {t("members.changeRole", { name: m.name })}
                      </button>
                    </Form>
                  ) : (
                    "—"
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
