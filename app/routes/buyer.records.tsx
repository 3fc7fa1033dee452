import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { FormAlert } from "~/components/form";
import { Money } from "~/components/money";
import { SaleFields } from "~/components/sale-fields";
import { db, sqlite } from "~/db.server";
import { shanghaiDate } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { outsideRecordSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { buyerLinks } from "~/components/buyer-nav";
import { listCountyNames } from "~/models/catalog.server";
import { can, getOrganisation } from "~/models/organisations.server";
import { listApprovedSellers } from "~/models/reference.server";
import {
  createRecord,
  listRecordsOf,
  storeEvidence,
  unknownReferences,
} from "~/models/records.server";
import { clientIpOf } from "~/server/context";
import { readEvidenceUpload } from "~/utils/evidence-upload.server";
import { pageMeta } from "~/utils/meta";

/** A buyer unit records a purchase it made outside the marketplace; the office verifies it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "record:purchase:own-org");
  if (current.acting.side !== "buyer") throw new Response(null, { status: 404 });
  const { language, t } = await getTranslator(request);
  return {
    title: `${t("buyerRecords.title")} · ${t("site.name")}`,
    description: t("descriptions.buyerRecords"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canApprove: can(current.acting, "approve:order:own-org"),
    today: shanghaiDate(),
    sellers: listApprovedSellers(sqlite),
    counties: listCountyNames(sqlite).map((c) => ({ code: c.code, name: localName(language, c) })),
    records: listRecordsOf(db, current.acting.orgId).map((r) => ({
      id: r.id,
      status: r.status,
      sellerName: r.sellerName,
      amountFen: r.amountFen,
      saleDate: r.saleDate,
      invoiceNumber: r.invoiceNumber,
      rejectReason: r.rejectReason,
      ledgerSeq: r.ledgerSeq,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "record:purchase:own-org");
  const { t } = await getTranslator(request);
  const org = getOrganisation(db, current.acting.orgId);
  if (!org || org.side !== "buyer" || !org.jurisdictionCode)
    throw new Response(null, { status: 404 });
  const upload = await readEvidenceUpload(request);
  if (!upload.form)
    return Response.json(
      { fieldErrors: { evidence: [upload.ok ? "" : upload.error] }, values: {} },
      { status: 413 },
    );
  // The buyer is the acting organisation itself, whatever the form says.
  upload.form.set("buyerName", org.nameZh);
  upload.form.set(
    "buyerType",
    org.type === "trade_union"
      ? "trade_union"
      : org.type === "budget_unit"
        ? "budget_unit"
        : "enterprise",
  );
  upload.form.set("jurisdictionCode", org.jurisdictionCode);
  upload.form.set("kind", "purchase");
  const parsed = parseForm(outsideRecordSchema, upload.form);
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (!upload.ok) fieldErrors.evidence = [upload.error];
  if (parsed.ok && parsed.data.saleDate > shanghaiDate())
    fieldErrors.saleDate = ["forms.futureDate"];
  if (parsed.ok) Object.assign(fieldErrors, unknownReferences(db, parsed.data));
  if (!parsed.ok || !upload.ok || Object.keys(fieldErrors).length > 0) {
    return Response.json({ fieldErrors, values: parsed.ok ? {} : parsed.values }, { status: 400 });
  }
  const stored = storeEvidence(upload.bytes, upload.type);
  const id = createRecord(db, {
    record: parsed.data,
    evidence: { ...stored, type: upload.type },
    actor: { userId: current.user.id, orgId: org.id, ip: clientIpOf(context) },
    buyerOrgId: org.id,
  });
  return Response.json({ fieldErrors: {}, values: {}, message: t("buyerRecords.created", { id }) });
}

interface ActionData {
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  message?: string;
}

export default function BuyerRecords() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("buyerRecords.title")}
        orgName={data.orgName}
        role={data.role}
        links={buyerLinks(t, { canApprove: data.canApprove })}
      />
      <p>{t("buyerRecords.lead")}</p>
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="form"
        noValidate
        aria-labelledby="buyer-record-heading"
      >
        <h2 id="buyer-record-heading">{t("buyerRecords.new")}</h2>
        {errors && Object.keys(errors).length > 0 ? (
          <FormAlert message={t("forms.invalid")} />
        ) : null}
        <SaleFields
          values={values}
          errors={errors}
          sellers={data.sellers}
          counties={data.counties}
          today={data.today}
          showKind={false}
        />
        <p>
          <button type="submit">{t("records.submit")}</button>
        </p>
      </Form>
      <h2>{t("buyerRecords.mine")}</h2>
      {data.records.length === 0 ? <p>{t("buyerRecords.none")}</p> : null}
      <ul>
        {data.records.map((r) => (
          <li key={r.id}>
            #{r.id} {r.sellerName} · <Money fen={r.amountFen} /> · {r.saleDate} · {r.invoiceNumber}{" "}
            ·{" "}
            {r.status === "verified"
              ? t("records.verifiedAs", { seq: r.ledgerSeq ?? "" })
              : r.status === "rejected"
                ? `${t("records.rejected")}: ${r.rejectReason}`
                : t("buyerRecords.pending")}
          </li>
        ))}
      </ul>
    </main>
  );
}
