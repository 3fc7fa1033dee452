/**
 * The home page's progress strip: the year's counted total and people lifted
 * against its targets, read from the ledger's summary (see ledger.server.ts).
 */
import type Database from "better-sqlite3";
import { statement } from "./statements.server";

export interface ProgressSummary {
  year: number;
  cityTargetFen: number | null;
  peopleTarget: number | null;
  countedFen: number;
  peopleLifted: number;
  entries: number;
}

export function progressSummary(sqlite: Database.Database, year: number): ProgressSummary {
  const target = statement(
    sqlite,
    "select city_target_fen as cityTargetFen, people_target as peopleTarget from campaign_years where year = ?",
  ).get(year) as { cityTargetFen: number; peopleTarget: number } | undefined;
  const counted = statement(
    sqlite,
    `select coalesce(sum(amount_fen), 0) as countedFen, coalesce(sum(entries), 0) as entries
     from ledger_summary where year = ? and dimension = 'total'`,
  ).get(year) as { countedFen: number; entries: number };
  // People lifted count per seller, once in a year with positive counted sales.
  const people = statement(
    sqlite,
    `select coalesce(sum(o.people_lifted), 0) as peopleLifted from organisations o
     where cast(o.id as text) in (select key from ledger_summary
       where year = ? and dimension = 'seller' and amount_fen > 0)`,
  ).get(year) as { peopleLifted: number };
  return {
    year,
    cityTargetFen: target?.cityTargetFen ?? null,
    peopleTarget: target?.peopleTarget ?? null,
    countedFen: counted.countedFen,
    peopleLifted: people.peopleLifted,
    entries: counted.entries,
  };
}
