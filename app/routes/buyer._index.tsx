import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, requireSide } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { Field } from "~/components/form";
import { db } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { formatFen } from "~/domain/money";
import { thresholdSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { localise } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { can, getOrganisation, setApprovalThreshold } from "~/models/organisations.server";
import { clientIpOf } from "~/server/context";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSide(request, "buyer");
  const { language, t } = await getTranslator(request);
  const org = getOrganisation(db, current.acting.orgId);
  if (!org) throw new Response(null, { status: 404 });
  return {
    title: `${t("area.buyer")} · ${t("site.name")}`,
    orgName: localise(language, org.nameZh, org.nameEn),
    role: current.acting.role,
    type: org.type,
    jurisdictionCode: org.jurisdictionCode,
    threshold: org.approvalThresholdFen === null ? "" : (org.approvalThresholdFen / 100).toFixed(2),
    thresholdText: org.approvalThresholdFen === null ? null : formatFen(org.approvalThresholdFen),
    canSetThreshold: can(current.acting, "set:approval-threshold:own-org"),
    canManageMembers: can(current.acting, "manage:members:own-org"),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "set:approval-threshold:own-org");
  if (current.acting.side !== "buyer") throw new Response(null, { status: 404 });
  const parsed = parseForm(thresholdSchema, await request.formData());
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
  const links = [{ to: "/buyer", label: t("area.overview") }];
  if (data.canManageMembers) links.push({ to: "/account/members", label: t("members.title") });
  return (
    <main id="main" className="page">
      <AreaHeader title={t("area.buyer")} orgName={data.orgName} role={data.role} links={links} />
      <p>{t("buyer.lead")}</p>
      <p>
        <Link to="/products">{t("home.browse")}</Link>
      </p>
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
