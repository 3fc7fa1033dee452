/**
 * Reading a request's form. A body that is not a form at all (JSON, plain
 * text, a multipart body without its boundary or cut short) is the sender's
 * mistake: a translated 400 like any invalid form, never a 500. Browsers never
 * send one; scripts and scanners do.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { getTranslator } from "~/i18n/i18n.server";

/**
 * What fetch's `formData()` (a TypeError) and Remix's multipart parser (an
 * Error saying "malformed …") throw for a body that is not what its header says.
 */
export function isUnreadableBody(error: unknown): boolean {
  return (
    error instanceof TypeError || (error instanceof Error && error.message.startsWith("malformed "))
  );
}

async function unreadable(request: Request): Promise<Response> {
  const { t } = await getTranslator(request);
  return new Response(t("forms.invalid"), {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** `request.formData()`, throwing a translated 400 when the body cannot be read as a form. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    if (isUnreadableBody(error)) throw await unreadable(request);
    throw error;
  }
}

/**
 * `unstable_parseMultipartFormData`, the same way: a body that is not
 * multipart is a 400; what the upload handlers throw (too large…) passes on.
 */
export async function readMultipartFormData(
  request: Request,
  uploadHandler: UploadHandler,
): Promise<FormData> {
  try {
    return await unstable_parseMultipartFormData(request, uploadHandler);
  } catch (error) {
    if (isUnreadableBody(error)) throw await unreadable(request);
    throw error;
  }
}
