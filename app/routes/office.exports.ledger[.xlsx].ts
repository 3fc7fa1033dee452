import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { db, sqlite } from "~/db.server";
import { exportYearParam } from "~/domain/route-params";
import { recordAudit } from "~/models/audit.server";
import { ledgerWorkbook } from "~/models/reports.server";
import { clientIpOf } from "~/server/context";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The ledger (or one year) as an Excel workbook with Chinese headers. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const current = await requirePermission(request, "view:ledger:any");
  const year = exportYearParam.parse(new URL(request.url).searchParams.get("year") ?? undefined);
  recordAudit(db, {
    actorUserId: current.user.id,
    actorOrgId: current.acting.orgId,
    action: "export.ledger_xlsx",
    targetType: "ledger",
    targetId: year === null ? "all" : String(year),
    ip: clientIpOf(context),
  });
  return new Response(await ledgerWorkbook(sqlite, year), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="ledger-${year ?? "all"}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
