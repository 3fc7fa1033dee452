/** Complaints (the online 12317): filed by anyone, handled by the office with a status and a reply. */
import { desc, eq } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { complaints } from "../../db/schema";
import { recordAudit } from "./audit.server";

export interface NewComplaint {
  subjectType: "product" | "seller" | "record" | "other";
  subjectRef: string;
  body: string;
  contactName: string;
  contact: string;
}

export function fileComplaint(db: Db, complaint: NewComplaint, ip: string): number {
  return db.transaction((tx) => {
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
