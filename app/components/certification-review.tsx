import { Form } from "@remix-run/react";
import type { ReviewReply } from "~/domain/product-review-forms";
import { useT } from "~/i18n/use-t";
import { ErrorList, FormAlert } from "./form";
import { Money } from "./money";

/** A certification as the office reads it; dates already formatted for the page's language. */
export interface CertificationView {
  id: number;
  authority: string;
  level: "county" | "city" | "province" | "national";
  number: string;
  issuedOn: string;
  validUntil: string;
  valueFen: number;
  peopleLifted: number;
  hasDocument: boolean;
}

/** The facts of a certification and the link to its scan. */
export function CertificationFacts({ certification: c }: { certification: CertificationView }) {
  const t = useT();
  return (
    <dl className="facts">
      <dt>{t("certification.authority")}</dt>
      <dd lang="zh-CN">{c.authority}</dd>
      <dt>{t("certification.level")}</dt>
      <dd>{t(`certification.levels.${c.level}`)}</dd>
      <dt>{t("certification.number")}</dt>
      <dd lang="zh-CN">{c.number}</dd>
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
      <dt>{t("certReview.document")}</dt>
      <dd>
        {c.hasDocument ? (
          <a href={`/certifications/${c.id}/document`} target="_blank" rel="noopener noreferrer">
            {t("certReview.openDocument", { number: c.number })}
          </a>
        ) : (
          t("certReview.noDocument")
        )}
      </dd>
    </dl>
  );
}

/**
 * Approve or reject one pending certification. The reason is required to
 * reject (the seller reads it); errors come back on the field itself.
 */
export function DecisionForm({
  certificationId,
  number,
  reply,
}: {
  certificationId: number;
  number: string;
  reply: ReviewReply | undefined;
}) {
  const t = useT();
  const mine = reply?.certificationId === certificationId && reply.intent !== "delist";
  const reasonErrors = mine ? reply.fieldErrors.reason : undefined;
  const fieldId = `reason-${certificationId}`;
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="certificationId" value={certificationId} />
      <div className="form-field">
        <label htmlFor={fieldId}>{t("certReview.reason")}</label>
        <textarea
          id={fieldId}
          name="reason"
          rows={2}
          maxLength={500}
          aria-invalid={reasonErrors ? true : undefined}
          aria-describedby={reasonErrors ? `${fieldId}-errors` : undefined}
        />
        <ErrorList id={`${fieldId}-errors`} errors={reasonErrors} />
      </div>
      <p className="inline-form">
        <button type="submit" name="intent" value="approve">
          {t("certReview.approve", { number })}
        </button>
        <button type="submit" name="intent" value="reject" className="secondary-button">
          {t("certReview.reject", { number })}
        </button>
      </p>
    </Form>
  );
}

/**
 * The result of the last action, at the top of the page: the decided item has
 * left the queue by then, so its own form cannot say what happened.
 */
export function ReviewStatus({ reply }: { reply: ReviewReply | undefined }) {
  const t = useT();
  if (reply?.message) {
    return (
      <p className="form-success" role="status">
        {reply.message}
      </p>
    );
  }
  if (reply?.alert) return <FormAlert message={reply.alert} />;
  if (reply && Object.keys(reply.fieldErrors).length > 0)
    return <FormAlert message={t("forms.invalid")} />;
  return null;
}
