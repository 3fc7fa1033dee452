/**
 * A trade union names the unit it belongs to (its parent), which decides
 * where its purchases count for statistics. Anyone registering a union could
 * name any unit, so the link counts only once the parent unit's admin or the
 * office confirms it; until then the union counts under its own
 * jurisdiction, as its own unit (`confirmedParentId` in app/domain/ledger).
 * Refusing removes the link. Both are audited.
 */
import { aliasedTable, and, asc, eq, isNotNull, isNull, ne } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { organisations } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { notify } from "./notifications.server";

interface Actor {
  userId: number;
  orgId: number;
  ip: string;
}

/** Unions whose parent link waits for confirmation; for one parent unit, or all (the office). */
export function listUnconfirmedParents(db: DbLike, parentOrgId?: number) {
  const parent = aliasedTable(organisations, "parent");
  return db
    .select({
      unionId: organisations.id,
      unionNameZh: organisations.nameZh,
      unionNameEn: organisations.nameEn,
      creditCode: organisations.creditCode,
      jurisdictionCode: organisations.jurisdictionCode,
      unionStatus: organisations.status,
      parentId: parent.id,
      parentNameZh: parent.nameZh,
      parentNameEn: parent.nameEn,
    })
    .from(organisations)
    .innerJoin(parent, eq(parent.id, organisations.parentId))
    .where(
      and(
        isNotNull(organisations.parentId),
        isNull(organisations.parentConfirmedAt),
        ne(organisations.status, "rejected"),
        parentOrgId === undefined ? undefined : eq(organisations.parentId, parentOrgId),
      ),
    )
    .orderBy(asc(organisations.id))
    .all();
}

export type ParentDecision = "confirm" | "refuse";

/**
 * The parent unit's admin (`by: "parent"`: the actor acts for that unit) or
 * the office confirms or refuses a union's parent link.
 */
export function decideUnionParent(
  db: Db,
  input: { unionId: number; decision: ParentDecision; by: "parent" | "office"; actor: Actor },
  now = new Date(),
): boolean {
  return db.transaction((tx) => {
    const union = tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, input.unionId), isNull(organisations.parentConfirmedAt)))
      .get();
    if (!union || union.parentId === null) return false;
    if (input.by === "parent" && union.parentId !== input.actor.orgId) return false;
    const parent = tx
      .select({ nameZh: organisations.nameZh })
      .from(organisations)
      .where(eq(organisations.id, union.parentId))
      .get();
    const confirmed = input.decision === "confirm";
    tx.update(organisations)
      .set(
        confirmed
          ? { parentConfirmedAt: now, parentConfirmedBy: input.actor.userId }
          : { parentId: null },
      )
      .where(eq(organisations.id, union.id))
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: confirmed ? "organisation.parent_confirmed" : "organisation.parent_refused",
      targetType: "organisation",
      targetId: String(union.id),
      ip: input.actor.ip,
      oldValue: { parentId: union.parentId, confirmed: false },
      newValue: confirmed
        ? { parentId: union.parentId, confirmed: true, by: input.by }
        : { parentId: null, by: input.by },
    });
    notify(
      tx,
      [union.id],
      {
        key: confirmed ? "notices.parentConfirmed" : "notices.parentRefused",
        values: { parent: parent?.nameZh ?? "" },
        link: "/buyer",
      },
      now,
    );
    return true;
  });
}
