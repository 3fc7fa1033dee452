import type { LoaderFunctionArgs } from "@remix-run/node";
import { readFileSync } from "node:fs";
import { requirePermission } from "~/auth/session.server";
import { db } from "~/db.server";
import { idParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { evidencePath, getRecord } from "~/models/records.server";

/**
 * A record's evidence, for the office only. Served as a download with the
 * type found in its content, never inline as HTML.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "view:ledger:any");
  const { t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  const record = id.success ? getRecord(db, id.data) : null;
  const path = record?.evidenceKey ? evidencePath(record.evidenceKey) : null;
  if (!record || !path || !record.evidenceType)
    throw new Response(t("records.notFound"), { status: 404 });
  const extension = record.evidenceKey!.split(".").pop();
  return new Response(readFileSync(path), {
    headers: {
      "Content-Type": record.evidenceType,
      "Content-Disposition": `attachment; filename="record-${record.id}.${extension}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
