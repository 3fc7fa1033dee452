import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getTranslator } from "~/i18n/i18n.server";
import { checkUploadedImport } from "~/models/record-import.server";

/**
 * The import check as plain JSON, for the page's script: it uploads with
 * XMLHttpRequest so it can show real upload progress on large files.
 */
export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "record:sale:any");
  const { t } = await getTranslator(request);
  const { result, status } = await checkUploadedImport(request, t);
  return Response.json(result, { status });
}
