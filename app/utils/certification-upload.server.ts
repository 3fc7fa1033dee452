import { db } from "~/db.server";
import { shanghaiDate } from "~/domain/dates";
import { extensionOf } from "~/domain/file-types";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { certificationDateProblems, certificationSchema } from "~/domain/product-forms";
import { attachCertification } from "~/models/products.server";
import { storeUpload } from "~/models/uploads.server";
import { readEvidenceUpload } from "./evidence-upload.server";
import type { loadOwnProduct } from "./seller-product.server";

export interface CertificationReply {
  fieldErrors: FieldErrors;
  values: Record<string, string>;
  message?: string;
  alert?: string;
}

/**
 * The seller attaches a certification with its scan: the page's action and
 * its JSON twin (for upload progress) both answer with this.
 */
export async function attachCertificationFromRequest(
  request: Request,
  owned: Awaited<ReturnType<typeof loadOwnProduct>>,
): Promise<{ status: number; data: CertificationReply }> {
  const { t, product, sellerId, actor } = owned;
  const upload = await readEvidenceUpload(request, "document");
  if (!upload.form)
    return { status: 413, data: { fieldErrors: { document: ["forms.fileTooLarge"] }, values: {} } };
  const parsed = parseForm(certificationSchema, upload.form);
  const fieldErrors: FieldErrors = parsed.ok
    ? certificationDateProblems(parsed.data, shanghaiDate())
    : { ...parsed.fieldErrors };
  if (!upload.ok) fieldErrors.document = [upload.error];
  if (!parsed.ok || !upload.ok || Object.keys(fieldErrors).length > 0) {
    const values = parsed.ok
      ? Object.fromEntries(
          [...upload.form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"),
        )
      : parsed.values;
    return { status: 400, data: { fieldErrors, values } };
  }
  const stored = storeUpload("certificates", upload.bytes, extensionOf(upload.type));
  const { value, ...certification } = parsed.data;
  const result = attachCertification(db, {
    sellerId,
    productId: product.id,
    certification: { ...certification, valueFen: value },
    document: { key: stored.key, type: upload.type, sha256: stored.sha256 },
    actor,
  });
  if (!result.ok)
    return {
      status: 409,
      data: { fieldErrors: {}, values: {}, alert: t(`sellerProducts.refused.${result.reason}`) },
    };
  const next = ["draft", "rejected", "delisted"].includes(product.status);
  return {
    status: 200,
    data: {
      fieldErrors: {},
      values: {},
      message: t(next ? "certForm.attachedSubmitNext" : "certForm.attached"),
    },
  };
}
