import type Database from "better-sqlite3";
import { reviewableStatuses } from "~/domain/product-status";
import { statement } from "./statements.server";

/** The reviewable statuses as an SQL list (constants, not input). */
const REVIEWABLE_SQL = reviewableStatuses.map((status) => `'${status}'`).join(", ");

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

/** Names of every Fuzhou jurisdiction and Dingxi county by division code, in the page's language. */
export function placeNames(
  sqlite: Database.Database,
  language: "zh-CN" | "en",
): Record<string, string> {
  const rows = statement(
    sqlite,
    `select code, name_zh as nameZh, name_en as nameEn from jurisdictions
     union all select code, name_zh, name_en from origin_counties`,
  ).all() as Place[];
  return Object.fromEntries(rows.map((r) => [r.code, language === "en" ? r.nameEn : r.nameZh]));
}

/** Sellers whose sales may be recorded: approved ones, by name. */
export function listApprovedSellers(
  sqlite: Database.Database,
): { id: number; name: string; county: string }[] {
  return statement(
    sqlite,
    `select id, name_zh as name, county_code as county from organisations
     where side = 'seller' and status = 'approved' order by county_code, name_zh`,
  ).all() as { id: number; name: string; county: string }[];
}

/**
 * What waits for the office: organisations to review, outside sales to verify
 * and certifications to review (pending ones of products submitted or on sale,
 * as in listCertificationQueue).
 */
export function pendingWork(sqlite: Database.Database): {
  organisations: number;
  records: number;
  certifications: number;
} {
  return statement(
    sqlite,
    `select (select count(*) from organisations where status = 'pending') as organisations,
            (select count(*) from outside_records where status = 'pending') as records,
            (select count(*) from certifications c join products p on p.id = c.product_id
              where c.status = 'pending' and p.status in (${REVIEWABLE_SQL}))
              as certifications`,
  ).get() as { organisations: number; records: number; certifications: number };
}

/** Names of the units of measure by code, in the page's language. */
export function unitNames(
  sqlite: Database.Database,
  language: "zh-CN" | "en",
): Record<string, string> {
  const rows = statement(
    sqlite,
    "select code, name_zh as nameZh, name_en as nameEn from units",
  ).all() as Place[];
  return Object.fromEntries(rows.map((r) => [r.code, language === "en" ? r.nameEn : r.nameZh]));
}
