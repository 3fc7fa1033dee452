import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { readMultipartFormData } from "~/utils/form-data.server";
import {
  detectEvidenceType,
  detectImageType,
  extensionOf,
  imageExtensionOf,
  MAX_EVIDENCE_BYTES,
} from "~/domain/file-types";
import { storeUpload } from "~/models/uploads.server";
import { withoutMetadata } from "~/utils/strip-image.server";

export type OrderUpload =
  | { ok: true; form: FormData; file: { key: string; type: string } | null }
  | {
      ok: false;
      form: FormData | null;
      field: string;
      error: "forms.fileTooLarge" | "forms.evidenceType" | "forms.imageType";
    };

/**
 * Reads an order form that may carry a file (a transfer slip or an invoice
 * scan: a document; a photo of the goods: an image): at most 10 MB, its type
 * found by content, stored under a generated name outside public/. An image
 * (a photo of the goods, a slip photographed or scanned as JPEG or PNG) is
 * stored re-encoded, upright and without its metadata: a phone's photo
 * carries where and when it was taken. A PDF is stored as it came. The form
 * says which of `fields` it sends; no file is fine, a bad one is refused.
 */
export async function readOrderUpload(
  request: Request,
  fields: Record<string, "document" | "image">,
): Promise<OrderUpload> {
  let form: FormData;
  try {
    form = await readMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_EVIDENCE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return {
        ok: false,
        form: null,
        field: Object.keys(fields)[0] ?? "file",
        error: "forms.fileTooLarge",
      };
    throw error;
  }
  for (const [field, kind] of Object.entries(fields)) {
    const file = form.get(field);
    if (!(file instanceof File) || file.size === 0) continue;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (kind === "image") {
      const type = detectImageType(bytes);
      const clean = type && (await withoutMetadata(bytes, type));
      if (!type || !clean) return { ok: false, form, field, error: "forms.imageType" };
      const { key } = storeUpload("orders", clean, imageExtensionOf(type));
      return { ok: true, form, file: { key, type } };
    }
    const type = detectEvidenceType(bytes);
    const clean = type === "application/pdf" ? bytes : type && (await withoutMetadata(bytes, type));
    if (!type || !clean) return { ok: false, form, field, error: "forms.evidenceType" };
    const { key } = storeUpload("orders", clean, extensionOf(type));
    return { ok: true, form, file: { key, type } };
  }
  return { ok: true, form, file: null };
}
