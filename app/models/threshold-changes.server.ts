/**
 * A buyer unit's approval amount (the amount above which an order waits for
 * an approver) changes only with a second person: one admin of the unit asks,
 * another admin of the unit or the office decides. Raising it is the way to
 * let big orders through unsigned, so one person alone can never do it.
 * Every step is audited with the old and new amounts.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { memberships, organisations, thresholdChanges, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { notify } from "./notifications.server";

interface Actor {
  userId: number;
  orgId: number;
  ip: string;
}

export type ThresholdDecision = "approve" | "reject";

export type ThresholdResult =
  { ok: true; id: number } | { ok: false; reason: "not_found" | "own_request" | "unchanged" };

/** The unit's pending change, if any (one at a time), with who asked. */
export function pendingThresholdChange(db: DbLike, orgId: number) {
  return (
    db
      .select({
        id: thresholdChanges.id,
        orgId: thresholdChanges.orgId,
        oldFen: thresholdChanges.oldFen,
        newFen: thresholdChanges.newFen,
        requestedBy: thresholdChanges.requestedBy,
        requestedByName: users.name,
        requestedAt: thresholdChanges.requestedAt,
      })
      .from(thresholdChanges)
      .innerJoin(users, eq(users.id, thresholdChanges.requestedBy))
      .where(and(eq(thresholdChanges.orgId, orgId), eq(thresholdChanges.status, "pending")))
      .get() ?? null
  );
}

/** Every unit's pending change, for the office. */
export function listPendingThresholdChanges(db: DbLike) {
  return db
    .select({
      id: thresholdChanges.id,
      orgId: thresholdChanges.orgId,
      orgNameZh: organisations.nameZh,
      orgNameEn: organisations.nameEn,
      oldFen: thresholdChanges.oldFen,
      newFen: thresholdChanges.newFen,
      requestedByName: users.name,
      requestedAt: thresholdChanges.requestedAt,
    })
    .from(thresholdChanges)
    .innerJoin(organisations, eq(organisations.id, thresholdChanges.orgId))
    .innerJoin(users, eq(users.id, thresholdChanges.requestedBy))
    .where(eq(thresholdChanges.status, "pending"))
    .orderBy(desc(thresholdChanges.id))
    .all();
}

/**
 * An admin of the unit asks for a new amount (null: orders never need
 * sign-off). It replaces the unit's earlier pending request, if any. The
 * unit's other admins are told.
 */
export function requestThresholdChange(
  db: Db,
  input: { newFen: number | null; actor: Actor },
  now = new Date(),
): ThresholdResult {
  return db.transaction((tx): ThresholdResult => {
    const org = tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, input.actor.orgId), eq(organisations.side, "buyer")))
      .get();
    if (!org) return { ok: false, reason: "not_found" };
    if (org.approvalThresholdFen === input.newFen) return { ok: false, reason: "unchanged" };
    tx.update(thresholdChanges)
      .set({ status: "withdrawn", decidedAt: now })
      .where(and(eq(thresholdChanges.orgId, org.id), eq(thresholdChanges.status, "pending")))
      .run();
    const id = tx
      .insert(thresholdChanges)
      .values({
        orgId: org.id,
        oldFen: org.approvalThresholdFen,
        newFen: input.newFen,
        requestedBy: input.actor.userId,
        requestedAt: now,
      })
      .returning({ id: thresholdChanges.id })
      .get().id;
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: org.id,
      action: "organisation.threshold_requested",
      targetType: "organisation",
      targetId: String(org.id),
      ip: input.actor.ip,
      oldValue: { approvalThresholdFen: org.approvalThresholdFen },
      newValue: { approvalThresholdFen: input.newFen, request: id },
    });
    notify(
      tx,
      [org.id],
      {
        key: input.newFen === null ? "notices.thresholdRequestedOff" : "notices.thresholdRequested",
        values: { new: input.newFen ?? 0 },
        link: "/buyer",
      },
      now,
    );
    return { ok: true, id };
  });
}

/** The person who asked takes the request back. */
export function withdrawThresholdChange(
  db: Db,
  input: { id: number; actor: Actor },
  now = new Date(),
): ThresholdResult {
  return db.transaction((tx): ThresholdResult => {
    const change = tx
      .select()
      .from(thresholdChanges)
      .where(
        and(
          eq(thresholdChanges.id, input.id),
          eq(thresholdChanges.orgId, input.actor.orgId),
          eq(thresholdChanges.status, "pending"),
          eq(thresholdChanges.requestedBy, input.actor.userId),
        ),
      )
      .get();
    if (!change) return { ok: false, reason: "not_found" };
    tx.update(thresholdChanges)
      .set({ status: "withdrawn", decidedAt: now })
      .where(eq(thresholdChanges.id, change.id))
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "organisation.threshold_withdrawn",
      targetType: "organisation",
      targetId: String(change.orgId),
      ip: input.actor.ip,
      newValue: { request: change.id },
    });
    return { ok: true, id: change.id };
  });
}

/**
 * A second person decides: another admin of the same unit (`by: "unit"`,
 * the actor's acting organisation must be the unit) or the office. The
 * person who asked can never decide, whatever organisation they act for.
 * Approving sets the amount; both are audited with old and new values.
 */
export function decideThresholdChange(
  db: Db,
  input: {
    id: number;
    decision: ThresholdDecision;
    by: "unit" | "office";
    reason?: string | null;
    actor: Actor;
  },
  now = new Date(),
): ThresholdResult {
  return db.transaction((tx): ThresholdResult => {
    const change = tx
      .select()
      .from(thresholdChanges)
      .where(and(eq(thresholdChanges.id, input.id), eq(thresholdChanges.status, "pending")))
      .get();
    if (!change) return { ok: false, reason: "not_found" };
    if (input.by === "unit" && change.orgId !== input.actor.orgId)
      return { ok: false, reason: "not_found" };
    if (change.requestedBy === input.actor.userId) return { ok: false, reason: "own_request" };
    const org = tx.select().from(organisations).where(eq(organisations.id, change.orgId)).get();
    if (!org) return { ok: false, reason: "not_found" };
    const approved = input.decision === "approve";
    tx.update(thresholdChanges)
      .set({
        status: approved ? "approved" : "rejected",
        decidedBy: input.actor.userId,
        decidedAt: now,
        reason: input.reason?.trim() || null,
      })
      .where(eq(thresholdChanges.id, change.id))
      .run();
    if (approved)
      tx.update(organisations)
        .set({ approvalThresholdFen: change.newFen })
        .where(eq(organisations.id, org.id))
        .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: approved ? "organisation.threshold_set" : "organisation.threshold_rejected",
      targetType: "organisation",
      targetId: String(org.id),
      ip: input.actor.ip,
      oldValue: { approvalThresholdFen: org.approvalThresholdFen },
      newValue: {
        approvalThresholdFen: approved ? change.newFen : org.approvalThresholdFen,
        requested: change.newFen,
        requestedBy: change.requestedBy,
        decidedBy: input.actor.userId,
        by: input.by,
        request: change.id,
      },
    });
    notify(
      tx,
      [org.id],
      {
        key: !approved
          ? "notices.thresholdRejected"
          : change.newFen === null
            ? "notices.thresholdApprovedOff"
            : "notices.thresholdApproved",
        values: { new: change.newFen ?? 0, note: input.reason?.trim() ?? "" },
        link: "/buyer",
      },
      now,
    );
    return { ok: true, id: change.id };
  });
}

/** Whether the unit has another admin who could decide a request of `userId`. */
export function hasOtherAdmin(db: DbLike, orgId: number, userId: number): boolean {
  return Boolean(
    db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.orgId, orgId),
          eq(memberships.role, "approver"),
          eq(memberships.status, "approved"),
          eq(users.status, "active"),
          ne(memberships.userId, userId),
        ),
      )
      .get(),
  );
}
