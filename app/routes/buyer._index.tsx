import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, requireSide } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { DecisionForm } from "~/components/decision-form";
import { Field, FormAlert, TextareaField } from "~/components/form";
import { db, sqlite } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { formatFen } from "~/domain/money";
import { decideUnionParent, listUnconfirmedParents } from "~/models/union-parents.server";
import {
  canteenBudgetSchema,
  parentDecisionSchema,
  thresholdDecisionSchema,
  thresholdSchema,
} from "~/domain/organisation-forms";
import { shanghaiYear } from "~/domain/dates";
import { contributionOf, setCanteenBudget } from "~/models/contributions.server";
import { listJurisdictions } from "~/models/reference.server";
import { MoneyLarge } from "~/components/money";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { buyerLinks } from "~/components/buyer-nav";
import { can, getOrganisation } from "~/models/organisations.server";
import {
  decideThresholdChange,
  hasOtherAdmin,
  pendingThresholdChange,
  requestThresholdChange,
  withdrawThresholdChange,
} from "~/models/threshold-changes.server";
import { formatDateTime } from "~/domain/dates";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSide(request, "buyer");
  const { language, t } = await getTranslator(request);
  const org = getOrganisation(db, current.acting.orgId);
  if (!org) throw new Response(null, { status: 404 });
  return {
    title: `${t("area.buyer")} · ${t("site.name")}`,
    description: t("descriptions.buyerHome"),
    language,
    orgName: localise(language, org.nameZh, org.nameEn),
    role: current.acting.role,
    type: org.type,
    jurisdictionCode: org.jurisdictionCode,
    threshold: org.approvalThresholdFen === null ? "" : (org.approvalThresholdFen / 100).toFixed(2),
    thresholdText: org.approvalThresholdFen === null ? null : formatFen(org.approvalThresholdFen),
    canSetThreshold: can(current.acting, "set:approval-threshold:own-org"),
    pendingThreshold: pendingView(org.id, current.user.id, language),
    otherAdmin: hasOtherAdmin(db, org.id, current.user.id),
    canSetBudget: org.type === "budget_unit" && can(current.acting, "edit:org:own-org"),
    isBudgetUnit: org.type === "budget_unit",
    contribution: contributionOf(
      sqlite,
      { id: org.id, type: org.type, jurisdictionCode: org.jurisdictionCode },
      shanghaiYear(),
    ),
    districtName: org.jurisdictionCode
      ? (listJurisdictions(sqlite).find((j) => j.code === org.jurisdictionCode) ?? null)
      : null,
    canManageMembers: can(current.acting, "manage:members:own-org"),
    // Unions that named this unit as their parent, waiting for its admin.
    unions: can(current.acting, "manage:members:own-org")
      ? listUnconfirmedParents(db, org.id).map((u) => ({
          id: u.unionId,
          name: localise(language, u.unionNameZh, u.unionNameEn),
          creditCode: u.creditCode,
        }))
      : [],
    // This union's own parent link, while it is not confirmed.
    parentUnconfirmed:
      org.parentId !== null && org.parentConfirmedAt === null
        ? (() => {
            const parent = getOrganisation(db, org.parentId);
            return parent ? localise(language, parent.nameZh, parent.nameEn) : null;
          })()
        : null,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

/** The unit's pending approval amount change, as the page shows it. */
function pendingView(orgId: number, userId: number, language: "zh-CN" | "en") {
  const change = pendingThresholdChange(db, orgId);
  if (!change) return null;
  return {
    id: change.id,
    amountText: change.newFen === null ? null : formatFen(change.newFen),
    requestedByName: change.requestedByName,
    requestedAt: formatDateTime(change.requestedAt, language),
    mine: change.requestedBy === userId,
  };
}

interface ActionData {
  fieldErrors: Record<string, string[]>;
  saved: boolean;
  budgetSaved?: boolean;
  unionDone?: string;
  done?: string;
  alert?: string;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  if (form.get("intent") === "canteen-budget") {
    const current = await requirePermission(request, "edit:org:own-org");
    const org = getOrganisation(db, current.acting.orgId);
    if (!org || org.type !== "budget_unit") throw new Response(null, { status: 404 });
    const parsed = parseForm(canteenBudgetSchema, form);
    if (!parsed.ok)
      return Response.json({ fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
    setCanteenBudget(db, {
      orgId: org.id,
      year: shanghaiYear(),
      canteenBudgetFen: parsed.data.canteenBudget,
      actor: { userId: current.user.id, ip: clientIpOf(context) },
    });
    return Response.json({ fieldErrors: {}, saved: false, budgetSaved: true });
  }
  const current = await requirePermission(request, "set:approval-threshold:own-org");
  if (current.acting.side !== "buyer") throw new Response(null, { status: 404 });
  const { t } = await getTranslator(request);
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const reply = (body: ActionData, status = 200) => Response.json(body, { status });
  const intent = form.get("intent");
  if (typeof intent === "string" && intent.startsWith("parent-")) {
    const admin = await requirePermission(request, "manage:members:own-org");
    const parsed = parseForm(parentDecisionSchema, form);
    if (!parsed.ok) throw new Response(t("forms.invalid"), { status: 400 });
    const done = decideUnionParent(db, {
      unionId: parsed.data.orgId,
      decision: parsed.data.intent === "parent-confirm" ? "confirm" : "refuse",
      by: "parent",
      actor: { ...actor, orgId: admin.acting.orgId },
    });
    if (!done) throw new Response(t("buyer.thresholdRefused.not_found"), { status: 404 });
    return reply({ fieldErrors: {}, saved: false, unionDone: parsed.data.intent });
  }
  if (typeof intent === "string" && intent.startsWith("threshold-")) {
    const parsed = parseForm(thresholdDecisionSchema, form);
    if (!parsed.ok) return reply({ fieldErrors: parsed.fieldErrors, saved: false }, 400);
    const { changeId, reason } = parsed.data;
    const result =
      parsed.data.intent === "threshold-withdraw"
        ? withdrawThresholdChange(db, { id: changeId, actor })
        : decideThresholdChange(db, {
            id: changeId,
            decision: parsed.data.intent === "threshold-approve" ? "approve" : "reject",
            by: "unit",
            reason,
            actor,
          });
    if (!result.ok)
      return reply(
        { fieldErrors: {}, saved: false, alert: t(`buyer.thresholdRefused.${result.reason}`) },
        409,
      );
    return reply({ fieldErrors: {}, saved: false, done: parsed.data.intent.slice(10) });
  }
  const parsed = parseForm(thresholdSchema, form);
  if (!parsed.ok) return reply({ fieldErrors: parsed.fieldErrors, saved: false }, 400);
  const result = requestThresholdChange(db, { newFen: parsed.data.threshold, actor });
  if (!result.ok)
    return reply(
      { fieldErrors: {}, saved: false, alert: t(`buyer.thresholdRefused.${result.reason}`) },
      409,
    );
  return reply({ fieldErrors: {}, saved: true });
}

export default function BuyerHome() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const links = buyerLinks(t, { canApprove: data.canManageMembers });
  return (
    <main id="main" className="page">
      <AreaHeader title={t("area.buyer")} orgName={data.orgName} role={data.role} links={links} />
      <p>{t("buyer.lead")}</p>
      <p>
        <Link to="/products">{t("home.browse")}</Link>
      </p>
      <section className="panel" aria-labelledby="contribution-heading">
        <h2 id="contribution-heading">
          {t("buyer.contribution", { year: data.contribution.year })}
        </h2>
        <dl className="facts">
          <dt>{t("buyer.ourCounted")}</dt>
          <dd>
            <MoneyLarge fen={data.contribution.countedFen} language={data.language} />
          </dd>
          {data.contribution.district && data.districtName ? (
            <>
              <dt>
                {t("buyer.district", {
                  name:
                    data.language === "en" ? data.districtName.nameEn : data.districtName.nameZh,
                })}
              </dt>
              <dd>
                <MoneyLarge fen={data.contribution.district.countedFen} language={data.language} />{" "}
                / <MoneyLarge fen={data.contribution.district.targetFen} language={data.language} />
              </dd>
            </>
          ) : null}
          {data.isBudgetUnit ? (
            <>
              <dt>{t("buyer.pledged", { share: data.contribution.reservedShareBp / 100 })}</dt>
              <dd>
                {data.contribution.pledgedFen === null ? (
                  t("buyer.noBudget")
                ) : (
                  <>
                    <MoneyLarge fen={data.contribution.pledgedFen} language={data.language} />
                    {" · "}
                    {t("buyer.boughtOfPledge", {
                      percent:
                        data.contribution.pledgedFen > 0
                          ? Math.floor(
                              (data.contribution.countedFen * 100) / data.contribution.pledgedFen,
                            )
                          : 0,
                    })}
                  </>
                )}
              </dd>
            </>
          ) : null}
        </dl>
        {data.canSetBudget ? (
          <Form method="post" className="form" noValidate>
            {result?.budgetSaved ? (
              <p className="form-success" role="status">
                {t("forms.saved")}
              </p>
            ) : null}
            <input type="hidden" name="intent" value="canteen-budget" />
            <Field
              name="canteenBudget"
              label={t("buyer.canteenBudget", { year: data.contribution.year })}
              hint={t("buyer.canteenBudgetHint")}
              inputMode="decimal"
              defaultValue={
                data.contribution.canteenBudgetFen === null
                  ? ""
                  : (data.contribution.canteenBudgetFen / 100).toFixed(2)
              }
              errors={result?.fieldErrors}
            />
            <p>
              <button type="submit">{t("buyer.saveBudget")}</button>
            </p>
          </Form>
        ) : null}
      </section>
      {data.parentUnconfirmed ? (
        <p className="notice">{t("buyer.parentUnconfirmed", { name: data.parentUnconfirmed })}</p>
      ) : null}
      {data.unions.length > 0 || result?.unionDone ? (
        <section className="panel" aria-labelledby="unions-heading">
          <h2 id="unions-heading">{t("buyer.unions")}</h2>
          {result?.unionDone ? (
            <p className="form-success" role="status">
              {t(`buyer.unionDone.${result.unionDone}`)}
            </p>
          ) : null}
          {data.unions.length > 0 ? <p className="hint">{t("buyer.unionsLead")}</p> : null}
          {data.unions.map((union) => (
            <DecisionForm
              key={union.id}
              field="orgId"
              value={union.id}
              confirm={{
                intent: "parent-confirm",
                label: t("buyer.unionConfirm", { name: union.name }),
              }}
              refuse={{
                intent: "parent-refuse",
                label: t("buyer.unionRefuse"),
                ariaLabel: `${t("buyer.unionRefuse")} · ${union.name}`,
              }}
            >
              <p>
                {union.name} · {union.creditCode}
              </p>
            </DecisionForm>
          ))}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="threshold-heading">
        <h2 id="threshold-heading">{t("buyer.threshold")}</h2>
        <p>
          {data.thresholdText
            ? t("buyer.thresholdIs", { amount: data.thresholdText })
            : t("buyer.thresholdNone")}
        </p>
        {result?.saved ? (
          <p className="form-success" role="status">
            {t("buyer.thresholdRequested")}
          </p>
        ) : null}
        {result?.done ? (
          <p className="form-success" role="status">
            {t(`buyer.thresholdDone.${result.done}`)}
          </p>
        ) : null}
        <FormAlert message={result?.alert} />
        {data.pendingThreshold ? (
          <div className="notice">
            <p>
              {t("buyer.thresholdPending", {
                name: data.pendingThreshold.requestedByName,
                at: data.pendingThreshold.requestedAt,
                amount: data.pendingThreshold.amountText ?? t("buyer.thresholdPendingNone"),
              })}
            </p>
            {data.canSetThreshold && data.pendingThreshold.mine ? (
              <Form method="post" className="form">
                <p className="hint">
                  {t("buyer.thresholdOwnPending")}{" "}
                  {data.otherAdmin ? null : t("buyer.thresholdNoOther")}
                </p>
                <input type="hidden" name="changeId" value={data.pendingThreshold.id} />
                <p>
                  <button
                    type="submit"
                    name="intent"
                    value="threshold-withdraw"
                    className="secondary-button"
                  >
                    {t("buyer.thresholdWithdraw")}
                  </button>
                </p>
              </Form>
            ) : data.canSetThreshold ? (
              <DecisionForm
                field="changeId"
                value={data.pendingThreshold.id}
                confirm={{ intent: "threshold-approve", label: t("buyer.thresholdApprove") }}
                refuse={{ intent: "threshold-reject", label: t("buyer.thresholdReject") }}
              >
                <TextareaField
                  id="threshold-reason"
                  name="reason"
                  label={t("buyer.thresholdReason")}
                  rows={2}
                  maxLength={500}
                />
              </DecisionForm>
            ) : null}
          </div>
        ) : null}
        {data.canSetThreshold ? (
          <Form method="post" className="form" noValidate>
            <Field
              name="threshold"
              label={t("buyer.thresholdLabel")}
              hint={t("buyer.thresholdHint")}
              inputMode="decimal"
              defaultValue={data.threshold}
              errors={result?.fieldErrors}
            />
            <p>
              <button type="submit">{t("buyer.thresholdRequest")}</button>
            </p>
          </Form>
        ) : null}
      </section>
    </main>
  );
}
