/**
 * Progress toward a campaign year's targets, read from the counted ledger.
 * People lifted are counted per seller, not per sale: a seller's declared
 * number counts once in a year in which its counted sales are positive.
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
    "select coalesce(sum(amount_fen), 0) as countedFen, count(*) as entries from ledger_entries where year = ?",
  ).get(year) as { countedFen: number; entries: number };
  const people = statement(
    sqlite,
    `select coalesce(sum(o.people_lifted), 0) as peopleLifted from organisations o
     where o.id in (select seller_org_id from ledger_entries where year = ?
                    group by seller_org_id having sum(amount_fen) > 0)`,
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
