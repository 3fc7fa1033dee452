import type { TFunction } from "i18next";
import { db } from "~/db.server";
import { parseForm } from "~/domain/forms";
import { certificationDecisionSchema } from "~/domain/product-forms";
import { officeDelistSchema, type ReviewReply } from "~/domain/product-review-forms";
import {
  decideCertification,
  getCertification,
  officeDelist,
  type Actor,
} from "~/models/products.server";

function reply(status: number, body: Partial<ReviewReply>): Response {
  return Response.json({ fieldErrors: {}, ...body } satisfies ReviewReply, { status });
}

/**
 * The approve / reject form of the queue and of one certification's page.
 * `onlyId` limits the page of one certification to that one.
 */
export function decideFromForm(
  form: FormData,
  options: { actor: Actor; t: TFunction; onlyId?: number },
): Response {
  const { t } = options;
  const parsed = parseForm(certificationDecisionSchema, form);
  if (!parsed.ok) {
    const id = Number(parsed.values.certificationId);
    return reply(400, {
      fieldErrors: parsed.fieldErrors,
      certificationId: Number.isSafeInteger(id) ? id : undefined,
    });
  }
  const { intent, certificationId, reason } = parsed.data;
  if (options.onlyId !== undefined && options.onlyId !== certificationId)
    return reply(400, { alert: t("forms.invalid"), certificationId });
  const certification = getCertification(db, certificationId);
  if (!certification) throw new Response(t("certReview.notFound"), { status: 404 });
  const result = decideCertification(db, {
    certificationId,
    intent,
    reason: intent === "approve" ? "" : reason,
    actor: options.actor,
  });
  if (!result.ok) {
    if (result.reason === "not_found")
      throw new Response(t("certReview.notFound"), { status: 404 });
    return reply(409, { alert: t(`certReview.refused.${result.reason}`), certificationId });
  }
  return reply(200, {
    intent,
    certificationId,
    message: t(`certReview.done.${intent}`, {
      number: certification.number,
      status: t(`productStatus.${result.status}`),
    }),
  });
}

/** The office takes the product of a certification off sale, with the seller-visible reason. */
export function delistFromForm(
  form: FormData,
  options: { actor: Actor; t: TFunction; productId: number; certificationId: number },
): Response {
  const { t, certificationId } = options;
  const parsed = parseForm(officeDelistSchema, form);
  if (!parsed.ok) return reply(400, { fieldErrors: parsed.fieldErrors, intent: "delist" });
  const result = officeDelist(db, {
    productId: options.productId,
    reason: parsed.data.reason,
    actor: options.actor,
  });
  if (!result.ok) {
    if (result.reason === "not_found")
      throw new Response(t("certReview.notFound"), { status: 404 });
    return reply(409, { alert: t(`certReview.refused.${result.reason}`), intent: "delist" });
  }
  return reply(200, { intent: "delist", certificationId, message: t("certReview.done.delist") });
}
