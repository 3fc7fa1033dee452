/** Complaints (the online 12317): filed by anyone, handled by the office with a status and a reply. */
import { desc, eq } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { complaints } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { RATE_LIMITS, takeRateLimits } from "./rate-limits.server";

export interface NewComplaint {
  subjectType: "product" | "seller" | "record" | "other";
  subjectRef: string;
  body: string;
  contactName: string;
  contact: string;
}

/**
 * What a complaint is counted against besides its address: the product,
 * seller or record it names, or else the complainant's contact, so that no
 * number of addresses can bury one subject (or one person) in complaints.
 */
export function complaintTarget(complaint: NewComplaint): string | null {
  const normal = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");
  if (normal(complaint.subjectRef))
    return `${complaint.subjectType}:${normal(complaint.subjectRef)}`;
  if (normal(complaint.contact)) return `contact:${normal(complaint.contact)}`;
  return null;
}

/**
 * Files a complaint; throws RateLimited past the limits per address and per
 * target (`complaintTarget`), counted in the same transaction.
 */
export function fileComplaint(
  db: Db,
  complaint: NewComplaint,
  ip: string,
  now = new Date(),
): number {
  return db.transaction((tx) => {
    const target = complaintTarget(complaint);
    takeRateLimits(
      tx,
      [
        { limit: RATE_LIMITS.complaintPerAddress, key: ip },
        ...(target ? [{ limit: RATE_LIMITS.complaintPerTarget, key: target }] : []),
      ],
      now,
    );
    const id = tx.insert(complaints).values(complaint).returning({ id: complaints.id }).get().id;
    recordAudit(tx, {
      action: "complaint.filed",
      targetType: "complaint",
      targetId: String(id),
      ip,
    });
    return id;
  });
}

export function listComplaints(db: DbLike, status?: "open" | "in_progress" | "resolved") {
  const query = db.select().from(complaints);
  return (status ? query.where(eq(complaints.status, status)) : query)
    .orderBy(desc(complaints.id))
    .limit(200)
    .all();
}

export function answerComplaint(
  db: Db,
  input: {
    id: number;
    status: "open" | "in_progress" | "resolved";
    reply: string;
    actor: { userId: number; orgId: number | null; ip: string };
  },
): boolean {
  return db.transaction((tx) => {
    const old = tx.select().from(complaints).where(eq(complaints.id, input.id)).get();
    if (!old) return false;
    tx.update(complaints)
      .set({
        status: input.status,
        reply: input.reply,
        handledBy: input.actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(complaints.id, input.id))
      .run();
    recordAudit(tx, {
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "complaint.answered",
      targetType: "complaint",
      targetId: String(input.id),
      ip: input.actor.ip,
      oldValue: { status: old.status, reply: old.reply },
      newValue: { status: input.status, reply: input.reply },
    });
    return true;
  });
}
