import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import {
  detectEvidenceType,
  detectImageType,
  extensionOf,
  imageExtensionOf,
  MAX_EVIDENCE_BYTES,
} from "~/domain/file-types";
import { storeUpload } from "~/models/uploads.server";

export type OrderUpload =
  | { ok: true; form: FormData; file: { key: string; type: string } | null }
  | {
      ok: false;
      form: FormData | null;
      error: "forms.fileTooLarge" | "forms.evidenceType" | "forms.imageType";
    };

/**
 * Reads an order form that may carry one file (a transfer slip, an invoice, a
 * photo of the goods): at most 10 MB, its type found by content, stored under
 * a generated name outside public/. No file is fine; a bad one is refused.
 */
export async function readOrderUpload(
  request: Request,
  field: string,
  kind: "document" | "image",
): Promise<OrderUpload> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_EVIDENCE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, form: null, error: "forms.fileTooLarge" };
    throw error;
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) return { ok: true, form, file: null };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (kind === "image") {
    const type = detectImageType(bytes);
    if (!type) return { ok: false, form, error: "forms.imageType" };
    const { key } = storeUpload("orders", bytes, imageExtensionOf(type));
    return { ok: true, form, file: { key, type } };
  }
  const type = detectEvidenceType(bytes);
  if (!type) return { ok: false, form, error: "forms.evidenceType" };
  const { key } = storeUpload("orders", bytes, extensionOf(type));
  return { ok: true, form, file: { key, type } };
}
