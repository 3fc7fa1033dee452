import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { db } from "~/db.server";
import { checkBulkUpload } from "~/models/product-bulk.server";

/**
 * The bulk-edit check as plain JSON, for the page's script: it uploads with
 * XMLHttpRequest so it can show upload progress.
 */
export async function action({ request }: ActionFunctionArgs) {
  const current = await requirePermission(request, "manage:product:own-org");
  const { result, status } = await checkBulkUpload(db, request, current.acting.orgId);
  return Response.json(result, { status });
}
