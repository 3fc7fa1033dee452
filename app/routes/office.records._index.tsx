import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { AreaHeader } from "~/components/area-header";
import { ErrorList, Field, FormAlert, SelectField } from "~/components/form";
import { Money } from "~/components/money";
import { officeLinks } from "~/components/office-links";
import { SaleFields } from "~/components/sale-fields";
import { db, sqlite } from "~/db.server";
import { shanghaiDate } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { outsideRecordSchema, recordDecisionSchema } from "~/domain/organisation-forms";
import { getTranslator } from "~/i18n/i18n.server";
import { actingName, localName } from "~/i18n/localise";
import { useT } from "~/i18n/use-t";
import { listCountyNames } from "~/models/catalog.server";
import { can } from "~/models/organisations.server";
import {
  createRecord,
  listRecords,
  rejectRecord,
  storeEvidence,
  unknownReferences,
  verifyRecord,
} from "~/models/records.server";
import { listApprovedSellers, listJurisdictions, placeNames } from "~/models/reference.server";
import { clientIpOf } from "~/server/context";
import { readEvidenceUpload } from "~/utils/evidence-upload.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "record:sale:any");
  const { language, t } = await getTranslator(request);
  const view = (r: ReturnType<typeof listRecords>[number]) => ({
    id: r.id,
    status: r.status,
    buyerName: r.buyerName,
    buyerType: r.buyerType,
    jurisdictionCode: r.jurisdictionCode,
    countyCode: r.countyCode,
    sellerName: r.sellerName,
    productDescription: r.productDescription,
    amountFen: r.amountFen,
    saleDate: r.saleDate,
    kind: r.kind,
    channel: r.channel,
    certified: r.certified,
    invoiceNumber: r.invoiceNumber,
    hasEvidence: Boolean(r.evidenceKey),
    mine: r.recordedBy === current.user.id,
    rejectReason: r.rejectReason,
    ledgerSeq: r.ledgerSeq,
  });
  return {
    title: `${t("records.title")} · ${t("site.name")}`,
    description: t("descriptions.records"),
    orgName: actingName(language, current.acting),
    role: current.acting.role,
    canManageUsers: can(current.acting, "manage:user:any"),
    today: shanghaiDate(),
    jurisdictions: listJurisdictions(sqlite).map((j) => ({
      code: j.code,
      name: localName(language, j),
    })),
    counties: listCountyNames(sqlite).map((c) => ({ code: c.code, name: localName(language, c) })),
    sellers: listApprovedSellers(sqlite),
    places: placeNames(sqlite, language),
    pending: listRecords(db, "pending").map(view),
    decided: listRecords(db, "decided").slice(0, 20).map(view),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function reply(
  status: number,
  body: {
    fieldErrors?: FieldErrors;
    values?: Record<string, string>;
    message?: string;
    alert?: string;
    recordId?: number;
  },
) {
  return Response.json({ fieldErrors: {}, values: {}, ...body }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePermission(request, "record:sale:any");
  const { t } = await getTranslator(request);
  const actor = { userId: current.user.id, orgId: current.acting.orgId, ip: clientIpOf(context) };
  const contentType = request.headers.get("Content-Type") ?? "";

  if (contentType.startsWith("multipart/form-data")) {
    const upload = await readEvidenceUpload(request);
    if (!upload.form) return reply(413, { fieldErrors: { evidence: ["forms.fileTooLarge"] } });
    const parsed = parseForm(outsideRecordSchema, upload.form);
    const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
    if (!upload.ok) fieldErrors.evidence = [upload.error];
    if (parsed.ok && parsed.data.saleDate > shanghaiDate())
      fieldErrors.saleDate = ["forms.futureDate"];
    if (parsed.ok) Object.assign(fieldErrors, unknownReferences(db, parsed.data));
    if (!parsed.ok || !upload.ok || Object.keys(fieldErrors).length > 0) {
      return reply(400, { fieldErrors, values: parsed.ok ? {} : parsed.values });
    }
    const stored = storeEvidence(upload.bytes, upload.type);
    const id = createRecord(db, {
      record: parsed.data,
      evidence: { ...stored, type: upload.type },
      actor,
    });
    return reply(200, { message: t("records.created", { id }) });
  }

  const parsed = parseForm(recordDecisionSchema, await readFormData(request));
  if (!parsed.ok) {
    return reply(400, {
      fieldErrors: parsed.fieldErrors,
      recordId: Number(parsed.values.recordId),
    });
  }
  if (!can(current.acting, "verify:sale:any"))
    throw new Response(t("auth.forbidden"), { status: 403 });
  const { intent, recordId, reason } = parsed.data;
  const result =
    intent === "verify"
      ? verifyRecord(db, { recordId, actor })
      : rejectRecord(db, { recordId, reason, actor });
  if (!result.ok) {
    if (result.reason === "not_found") throw new Response(t("records.notFound"), { status: 404 });
    return reply(409, { alert: t(`records.refused.${result.reason}`), recordId });
  }
  return reply(200, {
    message: t(`records.done.${intent}`, { seq: "seq" in result ? result.seq : "" }),
  });
}

interface ActionData {
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  message?: string;
  alert?: string;
  recordId?: number;
}

export default function Records() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  const isCreateError = result && !result.recordId && Object.keys(result.fieldErrors).length > 0;
  return (
    <main id="main" className="page">
      <AreaHeader
        title={t("records.title")}
        orgName={data.orgName}
        role={data.role}
        links={officeLinks(t, { canManageUsers: data.canManageUsers })}
      />
      {result?.message ? (
        <p className="form-success" role="status">
          {result.message}
        </p>
      ) : null}
      <FormAlert message={result?.alert} />

      <h2>{t("records.pending", { count: data.pending.length })}</h2>
      {data.pending.length === 0 ? <p>{t("records.nonePending")}</p> : null}
      {data.pending.map((r) => (
        <section key={r.id} className="panel" aria-labelledby={`record-${r.id}`}>
          <h3 id={`record-${r.id}`}>
            {t("records.recordTitle", { id: r.id, buyer: r.buyerName })}
          </h3>
          <dl className="facts">
            <dt>{t("ledger.amount")}</dt>
            <dd>
              <Money fen={r.amountFen} />
            </dd>
            <dt>{t("ledger.seller")}</dt>
            <dd>{r.sellerName}</dd>
            <dt>{t("records.fields.productDescription")}</dt>
            <dd>{r.productDescription}</dd>
            <dt>{t("ledger.where")}</dt>
            <dd>
              {data.places[r.jurisdictionCode] ?? r.jurisdictionCode} →{" "}
              {data.places[r.countyCode] ?? r.countyCode}
            </dd>
            <dt>{t("ledger.how")}</dt>
            <dd>
              {t(r.kind === "purchase" ? "ledger.purchase" : "ledger.helpedSale")} ·{" "}
              {t(r.channel === "online" ? "ledger.online" : "ledger.offline")}
              {r.certified ? ` · ${t("ledger.certified")}` : ""}
            </dd>
            <dt>{t("ledger.invoice")}</dt>
            <dd>{r.invoiceNumber}</dd>
            <dt>{t("records.fields.saleDate")}</dt>
            <dd>{r.saleDate}</dd>
            <dt>{t("records.fields.evidence")}</dt>
            <dd>
              {r.hasEvidence ? (
                <a href={`/office/records/${r.id}/evidence`}>{t("records.downloadEvidence")}</a>
              ) : (
                "—"
              )}
            </dd>
          </dl>
          {r.mine ? (
            <p className="hint">{t("records.ownRecord")}</p>
          ) : (
            <Form method="post" className="form">
              <input type="hidden" name="recordId" value={r.id} />
              <div className="form-field">
                <label htmlFor={`reason-${r.id}`}>{t("records.rejectReason")}</label>
                <textarea id={`reason-${r.id}`} name="reason" rows={2} maxLength={500} />
                <ErrorList
                  id={`reason-${r.id}-errors`}
                  errors={result?.recordId === r.id ? errors?.reason : undefined}
                />
              </div>
              <p className="inline-form">
                <button type="submit" name="intent" value="verify">
                  {t("records.verify", { id: r.id })}
                </button>
                <button type="submit" name="intent" value="reject" className="secondary-button">
                  {t("records.reject", { id: r.id })}
                </button>
              </p>
            </Form>
          )}
        </section>
      ))}

      <p>
        <a href="/office/records/import">{t("import.title")}</a>
      </p>
      <h2 id="new-record">{t("records.new")}</h2>
      <Form
        method="post"
        encType="multipart/form-data"
        className="form"
        noValidate
        aria-labelledby="new-record"
      >
        {isCreateError ? <FormAlert message={t("forms.invalid")} /> : null}
        <Field
          name="buyerName"
          label={t("records.fields.buyerName")}
          defaultValue={values.buyerName}
          errors={errors}
        />
        <SelectField
          name="buyerType"
          label={t("records.fields.buyerType")}
          defaultValue={values.buyerType ?? ""}
          errors={errors}
        >
          <option value="">{t("forms.pick")}</option>
          {(["budget_unit", "trade_union", "enterprise", "channel", "individual"] as const).map(
            (type) => (
              <option key={type} value={type}>
                {t(`ledger.buyerTypes.${type}`)}
              </option>
            ),
          )}
        </SelectField>
        <SelectField
          name="jurisdictionCode"
          label={t("records.fields.jurisdiction")}
          defaultValue={values.jurisdictionCode ?? ""}
          errors={errors}
        >
          <option value="">{t("forms.pick")}</option>
          {data.jurisdictions.map((j) => (
            <option key={j.code} value={j.code}>
              {j.name}
            </option>
          ))}
        </SelectField>
        <SaleFields
          values={values}
          errors={errors}
          sellers={data.sellers}
          counties={data.counties}
          today={data.today}
          showKind
        />
        <p>
          <button type="submit">{t("records.submit")}</button>
        </p>
      </Form>

      {data.decided.length > 0 ? (
        <>
          <h2>{t("records.decided")}</h2>
          <ul>
            {data.decided.map((r) => (
              <li key={r.id}>
                #{r.id} {r.buyerName} · <Money fen={r.amountFen} /> ·{" "}
                {r.status === "verified"
                  ? t("records.verifiedAs", { seq: r.ledgerSeq ?? "" })
                  : `${t("records.rejected")}: ${r.rejectReason}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}
