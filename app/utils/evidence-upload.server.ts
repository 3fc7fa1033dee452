import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { detectEvidenceType, MAX_EVIDENCE_BYTES, type EvidenceType } from "~/domain/file-types";

export type EvidenceUpload =
  | { ok: true; form: FormData; bytes: Uint8Array; type: EvidenceType }
  | {
      ok: false;
      form: FormData | null;
      status: number;
      error: "forms.fileTooLarge" | "forms.evidenceRequired" | "forms.evidenceType";
    };

/**
 * Reads a multipart form with an "evidence" file: at most 10 MB, and only a
 * PDF, JPEG or PNG by its content, whatever its name or declared type.
 */
export async function readEvidenceUpload(request: Request): Promise<EvidenceUpload> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_EVIDENCE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { ok: false, form: null, status: 413, error: "forms.fileTooLarge" };
    }
    throw error;
  }
  const file = form.get("evidence");
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, form, status: 400, error: "forms.evidenceRequired" };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectEvidenceType(bytes);
  if (!type) return { ok: false, form, status: 400, error: "forms.evidenceType" };
  return { ok: true, form, bytes, type };
}
