import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, requireSide } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Field } from "~/components/form";
import { db, sqlite } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { formatFen } from "~/domain/money";
import { canteenBudgetSchema, thresholdSchema } from "~/domain/organisation-forms";
import { shanghaiYear } from "~/domain/dates";
import { contributionOf, setCanteenBudget } from "~/models/contributions.server";
import { listJurisdictions } from "~/models/reference.server";
import { MoneyLarge } from "~/components/money";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { buyerLinks } from "~/components/buyer-nav";
import { can, getOrganisation, setApprovalThreshold } from "~/models/organisations.server";
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
    language,
    orgName: localise(language, org.nameZh, org.nameEn),
    role: current.acting.role,
    type: org.type,
    jurisdictionCode: org.jurisdictionCode,
    threshold: org.approvalThresholdFen === null ? "" : (org.approvalThresholdFen / 100).toFixed(2),
    thresholdText: org.approvalThresholdFen === null ? null : formatFen(org.approvalThresholdFen),
    canSetThreshold: can(current.acting, "set:approval-threshold:own-org"),
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
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

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
    return Response.json({ fieldErrors: {}, saved: true });
  }
  const current = await requirePermission(request, "set:approval-threshold:own-org");
  if (current.acting.side !== "buyer") throw new Response(null, { status: 404 });
  const parsed = parseForm(thresholdSchema, form);
  if (!parsed.ok)
    return Response.json({ fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
  setApprovalThreshold(db, {
    thresholdFen: parsed.data.threshold,
    actor: { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) },
  });
  return Response.json({ fieldErrors: {}, saved: true });
}

export default function BuyerHome() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ fieldErrors: Record<string, string[]>; saved: boolean }>();
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
      <section className="panel" aria-labelledby="threshold-heading">
        <h2 id="threshold-heading">{t("buyer.threshold")}</h2>
        <p>
          {data.thresholdText
            ? t("buyer.thresholdIs", { amount: data.thresholdText })
            : t("buyer.thresholdNone")}
        </p>
        {data.canSetThreshold ? (
          <Form method="post" className="form" noValidate>
            {result?.saved ? (
              <p className="form-success" role="status">
                {t("forms.saved")}
              </p>
            ) : null}
            <Field
              name="threshold"
              label={t("buyer.thresholdLabel")}
              hint={t("buyer.thresholdHint")}
              inputMode="decimal"
              defaultValue={data.threshold}
              errors={result?.fieldErrors}
            />
            <p>
              <button type="submit">{t("forms.save")}</button>
            </p>
          </Form>
        ) : null}
      </section>
    </main>
  );
}
