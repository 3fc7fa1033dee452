import type Database from "better-sqlite3";
import { statement } from "./statements.server";

/** Whether the storefront shows demo products, so the footer says so. */
export function hasDemoProducts(sqlite: Database.Database): boolean {
  const row = statement(
    sqlite,
    "select exists(select 1 from products where is_demo = 1) as demo",
  ).get() as {
    demo: number;
  };
  return row.demo === 1;
}

/** True when the database answers a read; used by /healthz. */
export function databaseReachable(sqlite: Database.Database): boolean {
  try {
    const row = sqlite.prepare("select count(*) as n from origin_counties").get() as { n: number };
    return row.n >= 0;
  } catch {
    return false;
  }
}
