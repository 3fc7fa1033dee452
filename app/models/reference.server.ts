import type Database from "better-sqlite3";
import { statement } from "./statements.server";

export interface Place {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Fuzhou's jurisdictions in official order, the municipal bucket last. */
export function listJurisdictions(sqlite: Database.Database): (Place & { kind: string })[] {
  return statement(
    sqlite,
    "select code, name_zh as nameZh, name_en as nameEn, kind from jurisdictions order by sort_order",
  ).all() as (Place & { kind: string })[];
}
