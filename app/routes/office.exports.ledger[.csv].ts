import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { db, sqlite } from "~/db.server";
import { exportYearParam } from "~/domain/route-params";
import { recordAudit } from "~/models/audit.server";
import { ledgerCsvStream } from "~/models/reports.server";
import { clientIpOf } from "~/server/context";

/** The full ledger (or one year) as CSV for spreadsheets; streamed. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:ledger:any");
  const year = exportYearParam.parse(new URL(request.url).searchParams.get("year") ?? undefined);
  recordAudit(db, {
    actorUserId: current.user.id,
    actorOrgId: current.acting.orgId,
    action: "export.ledger_csv",
    targetType: "ledger",
    targetId: year === null ? "all" : String(year),
    ip: clientIpOf(context),
  });
  return new Response(ledgerCsvStream(sqlite, year), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ledger-${year ?? "all"}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
