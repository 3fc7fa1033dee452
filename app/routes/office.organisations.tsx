import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { DecisionForm } from "~/components/decision-form";
import { ErrorList, FormAlert } from "~/components/form";
import { officeLinks } from "~/components/office-links";
import { db, sqlite } from "~/db.server";
import { parseForm } from "~/domain/forms";
import {
  parentDecisionSchema,
  reviewSchema,
  thresholdDecisionSchema,
} from "~/domain/organisation-forms";
import { formatDateTime } from "~/domain/dates";
import { formatFen } from "~/domain/money";
import {
  decideThresholdChange,
  listPendingThresholdChanges,
} from "~/models/threshold-changes.server";
import { decideUnionParent, listUnconfirmedParents } from "~/models/union-parents.server";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can, listOrganisationsByStatus, reviewOrganisation } from "~/models/organisations.server";
import { placeNames } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "review:organisation:any");
  const { language, t } = await getTranslator(request);
  const places = placeNames(sqlite, language);
  const view = (status: "pending" | "rejected") =>
    listOrganisationsByStatus(db, status).map((org) => ({
      ...org,
      place: places[org.jurisdictionCode ?? org.countyCode ?? ""] ?? "—",
      createdAt: org.createdAt.toISOString(),
    }));
  return {
    title: `${t("office.review")} · ${t("site.name")}`,
    description: t("descriptions.organisations"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    pending: view("pending"),
    rejected: view("rejected").slice(0, 20),
    thresholds: listPendingThresholdChanges(db).map((c) => ({
      id: c.id,
      org: language === "en" && c.orgNameEn ? c.orgNameEn : c.orgNameZh,
      old: c.oldFen === null ? null : formatFen(c.oldFen),
      new: c.newFen === null ? null : formatFen(c.newFen),
      name: c.requestedByName,
      at: formatDateTime(c.requestedAt, language),
    })),
    parents: listUnconfirmedParents(db).map((p) => ({
      unionId: p.unionId,
      union: language === "en" && p.unionNameEn ? p.unionNameEn : p.unionNameZh,
      parent: language === "en" && p.parentNameEn ? p.parentNameEn : p.parentNameZh,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "review:organisation:any");
  const { t } = await getTranslator(request);
  const form = await readFormData(request);
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const intent = String(form.get("intent") ?? "");
  // A unit's approval amount change, decided by the office as the second person.
  if (intent.startsWith("threshold-")) {
    const step = parseForm(thresholdDecisionSchema, form);
    if (!step.ok || step.data.intent === "threshold-withdraw")
      throw new Response(t("forms.invalid"), { status: 400 });
    const result = decideThresholdChange(db, {
      id: step.data.changeId,
      decision: step.data.intent === "threshold-approve" ? "approve" : "reject",
      by: "office",
      reason: step.data.reason,
      actor,
    });
    if (!result.ok)
      return Response.json(
        {
          orgId: 0,
          fieldErrors: {},
          done: null,
          alert: t(`buyer.thresholdRefused.${result.reason}`),
        },
        { status: 409 },
      );
    return Response.json({ orgId: 0, fieldErrors: {}, done: null, trustDone: step.data.intent });
  }
  // A trade union's parent unit, confirmed or refused by the office.
  if (intent.startsWith("parent-")) {
    const step = parseForm(parentDecisionSchema, form);
    if (!step.ok) throw new Response(t("forms.invalid"), { status: 400 });
    const done = decideUnionParent(db, {
      unionId: step.data.orgId,
      decision: step.data.intent === "parent-confirm" ? "confirm" : "refuse",
      by: "office",
      actor,
    });
    if (!done) throw new Response(t("office.notPending"), { status: 404 });
    return Response.json({ orgId: 0, fieldErrors: {}, done: null, trustDone: step.data.intent });
  }
  const parsed = parseForm(reviewSchema, form);
  if (!parsed.ok) {
    return Response.json(
      { orgId: Number(parsed.values.orgId), fieldErrors: parsed.fieldErrors, done: null },
      { status: 400 },
    );
  }
  const done = reviewOrganisation(db, {
    orgId: parsed.data.orgId,
    decision: parsed.data.intent,
    reason: parsed.data.reason,
    actor,
  });
  if (!done) throw new Response(t("office.notPending"), { status: 404 });
  return Response.json({ orgId: parsed.data.orgId, fieldErrors: {}, done: parsed.data.intent });
}

export default function OfficeOrganisations() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{
    orgId: number;
    fieldErrors: Record<string, string[]>;
    done: string | null;
    trustDone?: string;
    alert?: string;
  }>();
  const t = useT();
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("office.review")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      {result?.done ? (
        <p className="form-success" role="status">
          {t(`office.done.${result.done}`)}
        </p>
      ) : null}
      {result?.trustDone ? (
        <p className="form-success" role="status">
          {t(`office.trustDone.${result.trustDone}`)}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />
      {data.thresholds.length > 0 ? (
        <section className="panel" aria-labelledby="thresholds-heading">
          <h2 id="thresholds-heading">
            {t("office.thresholds", { count: data.thresholds.length })}
          </h2>
          <p className="hint">{t("office.thresholdsLead")}</p>
          {data.thresholds.map((change) => (
            <DecisionForm
              key={change.id}
              field="changeId"
              value={change.id}
              confirm={{
                intent: "threshold-approve",
                label: t("office.thresholdApprove", { org: change.org }),
              }}
              refuse={{
                intent: "threshold-reject",
                label: t("office.thresholdReject"),
                ariaLabel: `${t("office.thresholdReject")} · ${change.org}`,
              }}
            >
              <p>
                {t("office.thresholdChange", {
                  org: change.org,
                  old: change.old ?? t("office.thresholdNone"),
                  new: change.new ?? t("office.thresholdNone"),
                  name: change.name,
                  at: change.at,
                })}
              </p>
            </DecisionForm>
          ))}
        </section>
      ) : null}
      {data.parents.length > 0 ? (
        <section className="panel" aria-labelledby="parents-heading">
          <h2 id="parents-heading">{t("office.parents", { count: data.parents.length })}</h2>
          <p className="hint">{t("office.parentsLead")}</p>
          {data.parents.map((link) => (
            <DecisionForm
              key={link.unionId}
              field="orgId"
              value={link.unionId}
              confirm={{
                intent: "parent-confirm",
                label: t("office.parentConfirm", { union: link.union, parent: link.parent }),
              }}
              refuse={{
                intent: "parent-refuse",
                label: t("office.parentRefuse"),
                ariaLabel: `${t("office.parentRefuse")} · ${link.union}`,
              }}
            >
              <p>{t("office.parentLink", { union: link.union, parent: link.parent })}</p>
            </DecisionForm>
          ))}
        </section>
      ) : null}
      <h2>{t("office.pending", { count: data.pending.length })}</h2>
      {data.pending.length === 0 ? <p>{t("office.nonePending")}</p> : null}
      {data.pending.map((org) => (
        <section key={org.id} className="panel" aria-labelledby={`org-${org.id}`}>
          <h3 id={`org-${org.id}`}>{org.nameZh}</h3>
          <dl className="facts">
            <dt>{t("org.fields.creditCode")}</dt>
            <dd>{org.creditCode}</dd>
            <dt>{t("org.fields.type")}</dt>
            <dd>{t(`organisation.types.${org.type}`)}</dd>
            <dt>{t("org.fields.place")}</dt>
            <dd>{org.place}</dd>
            <dt>{t("org.fields.contactName")}</dt>
            <dd>
              {org.contactName} · {org.contactPhone}
            </dd>
          </dl>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="orgId" value={org.id} />
            <div className="form-field">
              <label htmlFor={`reason-${org.id}`}>{t("office.reason")}</label>
              <textarea
                id={`reason-${org.id}`}
                name="reason"
                rows={2}
                maxLength={500}
                aria-describedby={
                  result?.orgId === org.id && result.fieldErrors.reason
                    ? `reason-${org.id}-errors`
                    : undefined
                }
              />
              <ErrorList
                id={`reason-${org.id}-errors`}
                errors={result?.orgId === org.id ? result.fieldErrors.reason : undefined}
              />
            </div>
            <p className="inline-form">
              <button type="submit" name="intent" value="approve">
                {t("office.approve", { name: org.nameZh })}
              </button>
              <button type="submit" name="intent" value="reject" className="secondary-button">
                {t("office.reject", { name: org.nameZh })}
              </button>
            </p>
          </Form>
        </section>
      ))}
      {data.rejected.length > 0 ? (
        <>
          <h2>{t("office.recentlyRejected")}</h2>
          <ul>
            {data.rejected.map((org) => (
              <li key={org.id}>
                {org.nameZh} — {org.rejectReason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}
