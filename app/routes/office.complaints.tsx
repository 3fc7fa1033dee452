import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { officeLinks } from "~/components/office-links";
import { db } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { parseForm } from "~/domain/forms";
import { complaintAnswerSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { answerComplaint, listComplaints } from "~/models/complaints.server";
import { can } from "~/models/organisations.server";
import { RATE_LIMITS } from "~/models/rate-limits.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:office:any");
  const { language, t } = await getTranslator(request);
  const { complaints, surges } = listComplaints(db);
  const shown = (list: typeof complaints) =>
    list.map((c) => ({ ...c, createdAt: formatDateTime(c.createdAt, language) }));
  return {
    title: `${t("complaints.officeTitle")} · ${t("site.name")}`,
    description: t("descriptions.officeComplaints"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    complaints: shown(complaints),
    surges: shown(surges),
    surgeMax: RATE_LIMITS.complaintPerTarget.max,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "view:office:any");
  const { t } = await getTranslator(request);
  const parsed = parseForm(complaintAnswerSchema, await readFormData(request));
  if (!parsed.ok) return Response.json({ message: t("forms.invalid") }, { status: 400 });
  const done = answerComplaint(db, {
    ...parsed.data,
    actor: { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) },
  });
  if (!done) throw new Response(t("complaints.notFound"), { status: 404 });
  return Response.json({ message: t("complaints.answered") });
}

export default function OfficeComplaints() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ message: string }>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("complaints.officeTitle")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      {result ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      {data.complaints.length === 0 ? <p>{t("complaints.none")}</p> : null}
      {data.complaints.map((c) => (
        <ComplaintPanel key={c.id} complaint={c} />
      ))}
      {data.surges.length > 0 ? (
        <section aria-labelledby="complaint-surges">
          <h2 id="complaint-surges">{t("complaints.surges", { count: data.surges.length })}</h2>
          <p className="hint">{t("complaints.surgesHint", { max: data.surgeMax })}</p>
          {data.surges.map((c) => (
            <ComplaintPanel key={c.id} complaint={c} heading="h3" />
          ))}
        </section>
      ) : null}
    </main>
  );
}

type ComplaintView = ReturnType<typeof useLoaderData<typeof loader>>["complaints"][number];

function ComplaintPanel({
  complaint: c,
  heading: Heading = "h2",
}: {
  complaint: ComplaintView;
  heading?: "h2" | "h3";
}) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby={`complaint-${c.id}`}>
      <Heading id={`complaint-${c.id}`}>
        {t("complaints.number", { id: c.id })} · {t(`complaints.subjects.${c.subjectType}`)}{" "}
        {c.subjectRef}
      </Heading>
      <p className="hint">
        {c.createdAt} · {c.contactName || "—"} · {c.contact || "—"}
      </p>
      <p className="mail-body">{c.body}</p>
      <Form method="post" className="form">
        <input type="hidden" name="id" value={c.id} />
        <div className="form-field">
          <label htmlFor={`status-${c.id}`}>{t("complaints.status")}</label>
          <select id={`status-${c.id}`} name="status" defaultValue={c.status}>
            {(["open", "in_progress", "resolved"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`complaints.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={`reply-${c.id}`}>{t("complaints.reply")}</label>
          <textarea
            id={`reply-${c.id}`}
            name="reply"
            rows={3}
            maxLength={2000}
            defaultValue={c.reply}
          />
        </div>
        <p>
          <button type="submit">{t("complaints.save", { id: c.id })}</button>
        </p>
      </Form>
    </section>
  );
}
