import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { readMultipartFormData } from "~/utils/form-data.server";
import { detectEvidenceType, MAX_EVIDENCE_BYTES, type EvidenceType } from "~/domain/file-types";

export type EvidenceUpload =
  | { ok: true; form: FormData; bytes: Uint8Array; type: EvidenceType }
  | {
      ok: false;
      form: FormData | null;
      status: number;
      error:
        | "forms.fileTooLarge"
        | "forms.evidenceRequired"
        | "forms.evidenceType"
        | "forms.documentRequired";
    };

/**
 * Reads a multipart form with an "evidence" file (or another field, e.g. a
 * certificate's scan): at most 10 MB, and only a PDF, JPEG or PNG by its
 * content, whatever its name or declared type.
 */
export async function readEvidenceUpload(
  request: Request,
  field: "evidence" | "document" = "evidence",
): Promise<EvidenceUpload> {
  let form: FormData;
  try {
    form = await readMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_EVIDENCE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, form: null, status: 413, error: "forms.fileTooLarge" };
    }
    throw error;
  }
  const file = form.get(field);
  if (!(file instanceof File) || file.size === 0) {
    const error = field === "evidence" ? "forms.evidenceRequired" : "forms.documentRequired";
    return { ok: false, form, status: 400, error };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectEvidenceType(bytes);
  if (!type) return { ok: false, form, status: 400, error: "forms.evidenceType" };
  return { ok: true, form, bytes, type };
}
