/**
 * Checking an uploaded CSV of outside sales (shared by the import page's
 * form and the upload endpoint its script uses to show upload progress).
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { isUnreadableBody } from "~/utils/form-data.server";
import type Database from "better-sqlite3";
import type { TFunction } from "i18next";
import { shanghaiDate } from "~/domain/dates";
import { checkImport, MAX_IMPORT_BYTES, type ImportLookups } from "~/domain/record-import";
import { sqlite } from "~/db.server";
import { storeImportFile } from "./records.server";

const SHOWN_PROBLEMS = 2000;

export type ImportResult =
  | {
      step: "preview";
      batch: string | null;
      rows: number;
      amountFen: number;
      problems: { line: number; column: string; message: string }[];
      problemCount: number;
    }
  | { step: "done"; message: string }
  | { step: "error"; message: string };

export function importLookups(connection: Database.Database): ImportLookups {
  const sellers = connection
    .prepare(
      "select id, name_zh as name, credit_code as code from organisations where side = 'seller' and status = 'approved'",
    )
    .all() as { id: number; name: string; code: string }[];
  return {
    sellerByCreditCode: new Map(sellers.map((s) => [s.code, { id: s.id, name: s.name }])),
    jurisdictionCodes: new Set(
      connection.prepare("select code from jurisdictions").pluck().all() as string[],
    ),
    countyCodes: new Set(
      connection.prepare("select code from origin_counties").pluck().all() as string[],
    ),
    today: shanghaiDate(),
  };
}

/** Reads the "file" part, checks every row, and keeps the file only when it has no problem. */
export async function checkUploadedImport(
  request: Request,
  t: TFunction,
): Promise<{ result: ImportResult; status: number }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { result: { step: "error", message: t("import.tooLarge") }, status: 413 };
    }
    // Not a multipart body (JSON, text, a cut-off upload): there is no file in it.
    if (isUnreadableBody(error))
      return { result: { step: "error", message: t("import.noFile") }, status: 400 };
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return { result: { step: "error", message: t("import.noFile") }, status: 400 };
  }
  const text = await file.text();
  const checked = checkImport(text, importLookups(sqlite));
  const amountFen = checked.rows.reduce((sum, row) => sum + row.amountFen, 0);
  const batch = checked.problems.length === 0 ? storeImportFile(text).batch : null;
  return {
    result: {
      step: "preview",
      batch,
      rows: checked.rows.length,
      amountFen,
      problems: checked.problems.slice(0, SHOWN_PROBLEMS),
      problemCount: checked.problems.length,
    },
    status: checked.problems.length === 0 ? 200 : 400,
  };
}
