import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, Field, FormAlert, SelectField } from "~/components/form";
import { Money } from "~/components/money";
import { ProductPageHeader } from "~/components/seller-nav";
import { UploadProgressForm } from "~/components/upload-progress-form";
import { formatDate, formatDateTime, shanghaiDate } from "~/domain/dates";
import { certificationLevels } from "~/domain/product-limits";
import { certificateState } from "~/domain/product-status";
import { useT } from "~/i18n/use-t";
import {
  attachCertificationFromRequest,
  type CertificationReply,
} from "~/utils/certification-upload.server";
import { pageMeta } from "~/utils/meta";
import { loadOwnProduct } from "~/utils/seller-product.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t, language, product, header } = await loadOwnProduct(request, params, context);
  const today = shanghaiDate();
  return {
    title: `${t("sellerProducts.tabs.certification")} · ${header.productName} · ${t("site.name")}`,
    description: t("descriptions.productCertification", { product: header.productName }),
    header,
    today,
    state: certificateState(product.certifiedUntil, today),
    certifications: product.certifications.map((c) => ({
      id: c.id,
      authority: c.authority,
      level: c.level,
      number: c.number,
      issuedOn: formatDate(c.issuedOn, language),
      validUntil: formatDate(c.validUntil, language),
      valueFen: c.valueFen,
      peopleLifted: c.peopleLifted,
      status: c.status,
      inForce: c.id === product.certificationId,
      rejectReason: c.rejectReason,
      submittedAt: formatDateTime(c.createdAt, language),
      reviewedAt: c.reviewedAt ? formatDateTime(c.reviewedAt, language) : null,
      hasDocument: c.documentKey !== null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const owned = await loadOwnProduct(request, params, context);
  const { status, data } = await attachCertificationFromRequest(request, owned);
  return Response.json(data, { status });
}

export default function ProductCertification() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<CertificationReply>();
  const t = useT();
  return (
    <main id="main" className="page">
      <ProductPageHeader header={data.header} title={t("sellerProducts.tabs.certification")} />
      {posted?.message ? (
        <p className="form-success" role="status">
          {posted.message}{" "}
          <a href={`/seller/products/${data.header.productId}`}>{t("certForm.toOverview")}</a>
        </p>
      ) : null}
      <FormAlert message={posted?.alert} />
      {data.state === "expiring" ? <p className="notice">{t("certForm.expiringSoon")}</p> : null}
      {data.state === "expired" ? <p className="notice">{t("certForm.expiredNow")}</p> : null}

      {data.certifications.length > 0 ? (
        <section aria-labelledby="cert-list">
          <h2 id="cert-list">{t("sellerProducts.certHistory")}</h2>
          {data.certifications.map((c) => (
            <div key={c.id} className="panel">
              <p>
                <strong>{t(`certStatus.${c.status}`)}</strong>
                {c.inForce ? ` · ${t("certForm.inForce")}` : ""}
              </p>
              <dl className="facts">
                <dt>{t("certification.authority")}</dt>
                <dd>
                  {c.authority} · {t(`certification.levels.${c.level}`)}
                </dd>
                <dt>{t("certification.number")}</dt>
                <dd>{c.number}</dd>
                <dt>{t("certification.issuedOn")}</dt>
                <dd>{c.issuedOn}</dd>
                <dt>{t("certification.validUntil")}</dt>
                <dd>{c.validUntil}</dd>
                <dt>{t("certification.value")}</dt>
                <dd>
                  <Money fen={c.valueFen} />
                </dd>
                <dt>{t("certification.peopleLifted")}</dt>
                <dd>{t("product.people", { count: c.peopleLifted })}</dd>
                <dt>{t("certForm.submittedAt")}</dt>
                <dd>{c.submittedAt}</dd>
                {c.reviewedAt ? (
                  <>
                    <dt>{t("certForm.reviewedAt")}</dt>
                    <dd>{c.reviewedAt}</dd>
                  </>
                ) : null}
                {c.rejectReason ? (
                  <>
                    <dt>{t("sellerProducts.reason")}</dt>
                    <dd>{c.rejectReason}</dd>
                  </>
                ) : null}
              </dl>
              {c.hasDocument ? (
                <p>
                  <a href={`/certifications/${c.id}/document`}>
                    {t("sellerProducts.document", { number: c.number })}
                  </a>
                </p>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}

      <h2 id="attach-heading">{t("certForm.heading")}</h2>
      <p className="hint">{t("certForm.intro")}</p>
      <UploadProgressForm
        uploadUrl={`/seller/products/${data.header.productId}/certification/upload`}
        labelledBy="attach-heading"
      >
        {(answer) => {
          const result = answer ?? posted;
          const errors = result?.fieldErrors;
          const values = result?.values ?? {};
          const failed = errors && Object.keys(errors).length > 0;
          return (
            <>
              {answer?.message ? (
                <p className="form-success" role="status">
                  {answer.message}
                </p>
              ) : null}
              <FormAlert message={answer?.alert} />
              {failed ? <FormAlert message={t("forms.invalid")} /> : null}
              <Field
                name="authority"
                label={t("certification.authority")}
                hint={t("certForm.authorityHint")}
                defaultValue={values.authority}
                errors={errors}
                required
                maxLength={100}
              />
              <SelectField
                name="level"
                label={t("certification.level")}
                defaultValue={values.level ?? ""}
                errors={errors}
                required
              >
                <option value="">{t("forms.pick")}</option>
                {certificationLevels.map((level) => (
                  <option key={level} value={level}>
                    {t(`certification.levels.${level}`)}
                  </option>
                ))}
              </SelectField>
              <Field
                name="number"
                label={t("certification.number")}
                defaultValue={values.number}
                errors={errors}
                required
                maxLength={60}
              />
              <Field
                name="issuedOn"
                type="date"
                label={t("certification.issuedOn")}
                defaultValue={values.issuedOn}
                max={data.today}
                errors={errors}
                required
              />
              <Field
                name="validUntil"
                type="date"
                label={t("certification.validUntil")}
                defaultValue={values.validUntil}
                min={data.today}
                errors={errors}
                required
              />
              <Field
                name="value"
                label={t("certForm.value")}
                hint={t("certForm.valueHint")}
                defaultValue={values.value}
                errors={errors}
                required
                inputMode="decimal"
              />
              <Field
                name="peopleLifted"
                label={t("certification.peopleLifted")}
                defaultValue={values.peopleLifted}
                errors={errors}
                required
                inputMode="numeric"
              />
              <div className="form-field">
                <label htmlFor="field-document">{t("certForm.document")}</label>
                <p id="field-document-hint" className="hint">
                  {t("certForm.documentHint")}
                </p>
                <input
                  id="field-document"
                  name="document"
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  required
                  aria-invalid={errors?.document ? true : undefined}
                  aria-describedby={
                    errors?.document
                      ? "field-document-hint field-document-errors"
                      : "field-document-hint"
                  }
                />
                <ErrorList id="field-document-errors" errors={errors?.document} />
              </div>
              <p>
                <button type="submit">{t("certForm.submit")}</button>
              </p>
            </>
          );
        }}
      </UploadProgressForm>
    </main>
  );
}
