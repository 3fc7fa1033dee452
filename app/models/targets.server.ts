/**
 * Targets are data, per campaign year: the city total, each jurisdiction's,
 * the people to lift and a budget unit's reserved share. The office opens a
 * year by copying the last one, then edits; every change is audited.
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { campaignYears, jurisdictionTargets, pairings } from "../../db/schema";
import { recordAudit } from "./audit.server";

interface Actor {
  userId: number;
  orgId: number | null;
  ip: string;
}

export interface YearTargets {
  year: number;
  cityTargetFen: number;
  peopleTarget: number;
  reservedShareBp: number;
  jurisdictions: Record<string, number>;
}

export function getYearTargets(db: DbLike, year: number): YearTargets | null {
  const row = db.select().from(campaignYears).where(eq(campaignYears.year, year)).get();
  if (!row) return null;
  const rows = db
    .select()
    .from(jurisdictionTargets)
    .where(eq(jurisdictionTargets.year, year))
    .all();
  return {
    year,
    cityTargetFen: row.cityTargetFen,
    peopleTarget: row.peopleTarget,
    reservedShareBp: row.reservedShareBp,
    jurisdictions: Object.fromEntries(rows.map((r) => [r.jurisdictionCode, r.targetFen])),
  };
}

export function listYears(db: DbLike): number[] {
  return db
    .select({ year: campaignYears.year })
    .from(campaignYears)
    .orderBy(desc(campaignYears.year))
    .all()
    .map((r) => r.year);
}

/** Opens a year with a copy of the latest earlier year's targets; false if it exists or none precede it. */
export function openYear(db: Db, year: number, actor: Actor): boolean {
  return db.transaction((tx) => {
    if (tx.select().from(campaignYears).where(eq(campaignYears.year, year)).get()) return false;
    const previous = tx
      .select()
      .from(campaignYears)
      .where(lt(campaignYears.year, year))
      .orderBy(desc(campaignYears.year))
      .get();
    if (!previous) return false;
    tx.insert(campaignYears)
      .values({ ...previous, year })
      .run();
    const rows = tx
      .select()
      .from(jurisdictionTargets)
      .where(eq(jurisdictionTargets.year, previous.year))
      .all();
    if (rows.length > 0)
      tx.insert(jurisdictionTargets)
        .values(rows.map((r) => ({ ...r, year })))
        .run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "targets.year_opened",
      targetType: "campaign_year",
      targetId: String(year),
      ip: actor.ip,
      newValue: { copiedFrom: previous.year },
    });
    return true;
  });
}

export function saveTargets(db: Db, targets: YearTargets, actor: Actor): boolean {
  return db.transaction((tx) => {
    const old = getYearTargets(tx, targets.year);
    if (!old) return false;
    tx.update(campaignYears)
      .set({
        cityTargetFen: targets.cityTargetFen,
        peopleTarget: targets.peopleTarget,
        reservedShareBp: targets.reservedShareBp,
      })
      .where(eq(campaignYears.year, targets.year))
      .run();
    for (const [code, targetFen] of Object.entries(targets.jurisdictions)) {
      tx.insert(jurisdictionTargets)
        .values({ year: targets.year, jurisdictionCode: code, targetFen })
        .onConflictDoUpdate({
          target: [jurisdictionTargets.year, jurisdictionTargets.jurisdictionCode],
          set: { targetFen },
        })
        .run();
    }
    recordAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "targets.changed",
      targetType: "campaign_year",
      targetId: String(targets.year),
      ip: actor.ip,
      oldValue: old,
      newValue: targets,
    });
    return true;
  });
}

/** Sets (or clears, with null) the Dingxi county a Fuzhou jurisdiction is paired with. */
export function savePairing(
  db: Db,
  input: { jurisdictionCode: string; countyCode: string | null },
  actor: Actor,
) {
  db.transaction((tx) => {
    const old = tx
      .select()
      .from(pairings)
      .where(eq(pairings.jurisdictionCode, input.jurisdictionCode))
      .get();
    if ((old?.countyCode ?? null) === input.countyCode) return;
    if (input.countyCode === null) {
      tx.delete(pairings)
        .where(and(eq(pairings.jurisdictionCode, input.jurisdictionCode)))
        .run();
    } else {
      tx.insert(pairings)
        .values({
          jurisdictionCode: input.jurisdictionCode,
          countyCode: input.countyCode,
          updatedAt: new Date(),
        })
        .onConflictDoUpdate({
          target: pairings.jurisdictionCode,
          set: { countyCode: input.countyCode, updatedAt: new Date() },
        })
        .run();
    }
    recordAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "pairing.changed",
      targetType: "jurisdiction",
      targetId: input.jurisdictionCode,
      ip: actor.ip,
      oldValue: { countyCode: old?.countyCode ?? null },
      newValue: { countyCode: input.countyCode },
    });
  });
}
