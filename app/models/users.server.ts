/** The office's view of accounts: find, disable or enable, end sessions. */
import { and, asc, eq, isNull, like, or, sql } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { endUserSessions } from "./auth.server";

interface Actor {
  userId: number;
  orgId: number | null;
  ip: string;
}

export function listUsers(db: DbLike, query: string) {
  const pattern = `%${query.replace(/[%_]/g, "")}%`;
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
      lastLoginAt: users.lastLoginAt,
      liveSessions: sql<number>`(select count(*) from ${sessions} s
        where s.user_id = ${users.id} and s.ended_at is null)`,
    })
    .from(users)
    .where(query ? or(like(users.email, pattern), like(users.name, pattern)) : undefined)
    .orderBy(asc(users.email))
    .limit(200)
    .all();
}

/** Disables or re-enables an account; disabling ends its sessions at once. */
export function setUserStatus(
  db: Db,
  input: { userId: number; status: "active" | "disabled"; actor: Actor },
  now = new Date(),
): boolean {
  if (input.userId === input.actor.userId) return false; // nobody locks themselves out
  return db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!user || user.status === input.status) return false;
    tx.update(users).set({ status: input.status }).where(eq(users.id, user.id)).run();
    if (input.status === "disabled") endUserSessions(tx, user.id, "disabled", now);
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: input.status === "disabled" ? "user.disabled" : "user.enabled",
      targetType: "user",
      targetId: String(user.id),
      ip: input.actor.ip,
      oldValue: { status: user.status },
      newValue: { status: input.status },
    });
    return true;
  });
}

/** Ends every live session of an account (it stays usable: the person signs in again). */
export function endSessionsByOffice(
  db: Db,
  input: { userId: number; actor: Actor },
  now = new Date(),
): number {
  return db.transaction((tx) => {
    const live = tx
      .select({ n: sql<number>`count(*)` })
      .from(sessions)
      .where(and(eq(sessions.userId, input.userId), isNull(sessions.endedAt)))
      .get()?.n;
    const ended = endUserSessions(tx, input.userId, "ended_by_office", now);
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "user.sessions_ended",
      targetType: "user",
      targetId: String(input.userId),
      ip: input.actor.ip,
      oldValue: { liveSessions: live ?? 0 },
      newValue: { liveSessions: 0 },
    });
    return ended;
  });
}
