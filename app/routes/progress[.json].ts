import type { LoaderFunctionArgs } from "@remix-run/node";
import { db, sqlite } from "~/db.server";
import { shanghaiYear } from "~/domain/dates";
import { parseYearParam } from "~/domain/year-param";
import { getTranslator } from "~/i18n/i18n.server";
import { yearProgress } from "~/models/ledger.server";

/** Public open data: a year's counted progress, in a fixed documented shape. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { language, t } = await getTranslator(request);
  const year = parseYearParam(new URL(request.url).searchParams.get("year"), shanghaiYear());
  if (year === null) {
    return Response.json({ error: t("progress.badYear") }, { status: 400 });
  }
  return Response.json(yearProgress(sqlite, db, year, language), {
    headers: { "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" },
  });
}
