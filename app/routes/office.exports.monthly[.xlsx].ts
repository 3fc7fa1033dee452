import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { sqlite } from "~/db.server";
import { monthParam } from "~/domain/route-params";
import { getTranslator } from "~/i18n/i18n.server";
import { monthlyReport, monthlyWorkbook } from "~/models/reports.server";

/** The monthly report (月统月报) per jurisdiction and per origin county. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view:ledger:any");
  const { t } = await getTranslator(request);
  const parsed = monthParam.safeParse(new URL(request.url).searchParams.get("month"));
  if (!parsed.success) return new Response(t("reports.badMonth"), { status: 400 });
  const { year, month } = parsed.data;
  const report = monthlyReport(sqlite, year, month);
  return new Response(await monthlyWorkbook(report), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="monthly-report-${report.month}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
