/**
 * What a buyer organisation has contributed in a year (its trade unions'
 * purchases included, as the rules say), its district's progress, and for a
 * budget unit its reserved-share pledge against what it has bought.
 */
import type Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reservedPledges } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { statement } from "./statements.server";

export interface Contribution {
  year: number;
  countedFen: number;
  entries: number;
  district: { code: string; targetFen: number; countedFen: number } | null;
  reservedShareBp: number;
  canteenBudgetFen: number | null;
  pledgedFen: number | null;
}

export function contributionOf(
  sqlite: Database.Database,
  org: { id: number; type: string; jurisdictionCode: string | null },
  year: number,
): Contribution {
  // A unit's statistics include its trade unions; a union's own page shows what it bought itself.
  const own = (
    org.type === "trade_union"
      ? statement(
          sqlite,
          "select coalesce(sum(amount_fen), 0) as fen, count(*) as entries from ledger_entries where buyer_org_id = ? and year = ?",
        ).get(org.id, year)
      : statement(
          sqlite,
          "select amount_fen as fen, entries from ledger_summary where year = ? and dimension = 'stats_org' and key = ?",
        ).get(year, String(org.id))
  ) as { fen: number; entries: number } | undefined;
  const district = org.jurisdictionCode
    ? (statement(
        sqlite,
        `select j.code, coalesce(t.target_fen, 0) as targetFen,
           coalesce((select amount_fen from ledger_summary s where s.year = @year
             and s.dimension = 'jurisdiction' and s.key = j.code), 0) as countedFen
         from jurisdictions j left join jurisdiction_targets t on t.jurisdiction_code = j.code and t.year = @year
         where j.code = @code`,
      ).get({ year, code: org.jurisdictionCode }) as Contribution["district"])
    : null;
  const share = statement(
    sqlite,
    "select reserved_share_bp as bp from campaign_years where year = ?",
  ).get(year) as { bp: number } | undefined;
  const pledge = statement(
    sqlite,
    "select canteen_budget_fen as fen from reserved_pledges where org_id = ? and year = ?",
  ).get(org.id, year) as { fen: number } | undefined;
  const reservedShareBp = share?.bp ?? 0;
  return {
    year,
    countedFen: own?.fen ?? 0,
    entries: own?.entries ?? 0,
    district: district ?? null,
    reservedShareBp,
    canteenBudgetFen: pledge?.fen ?? null,
    // Rounded down to whole fen: a pledge never overstates.
    pledgedFen: pledge ? Math.floor((pledge.fen * reservedShareBp) / 10_000) : null,
  };
}

export function setCanteenBudget(
  db: Db,
  input: {
    orgId: number;
    year: number;
    canteenBudgetFen: number;
    actor: { userId: number; ip: string };
  },
): void {
  db.transaction((tx) => {
    const old = tx
      .select()
      .from(reservedPledges)
      .where(and(eq(reservedPledges.orgId, input.orgId), eq(reservedPledges.year, input.year)))
      .get();
    tx.insert(reservedPledges)
      .values({
        orgId: input.orgId,
        year: input.year,
        canteenBudgetFen: input.canteenBudgetFen,
        updatedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: [reservedPledges.orgId, reservedPledges.year],
        set: { canteenBudgetFen: input.canteenBudgetFen, updatedAt: new Date() },
      })
      .run();
    recordAudit(tx, {
      actorUserId: input.actor.userId,
      actorOrgId: input.orgId,
      action: "pledge.budget_set",
      targetType: "organisation",
      targetId: String(input.orgId),
      ip: input.actor.ip,
      oldValue: { year: input.year, canteenBudgetFen: old?.canteenBudgetFen ?? null },
      newValue: { year: input.year, canteenBudgetFen: input.canteenBudgetFen },
    });
  });
}

/** Every budget unit with a pledge this year: pledged against bought, lowest share first. */
export function pledgesOfYear(sqlite: Database.Database, year: number) {
  return statement(
    sqlite,
    `select o.id, o.name_zh as name, p.canteen_budget_fen * c.reserved_share_bp / 10000 as pledgedFen,
       coalesce((select amount_fen from ledger_summary s where s.year = p.year
         and s.dimension = 'stats_org' and s.key = cast(o.id as text)), 0) as boughtFen
     from reserved_pledges p join organisations o on o.id = p.org_id
     join campaign_years c on c.year = p.year
     where p.year = ? order by (boughtFen * 1.0 / max(pledgedFen, 1)) limit 100`,
  ).all(year) as { id: number; name: string; pledgedFen: number; boughtFen: number }[];
}
