/**
 * The in-app list of what happened to an organisation's orders (written by
 * notify in notifications.server.ts). Every query is limited to one
 * organisation: the one the reader acts for.
 */
import { and, count, desc, eq, isNull, lte } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { notifications } from "../../db/schema";

export const NOTICES_PAGE_SIZE = 50;

/** An organisation's notifications, newest first, a page at a time. */
export function listNotices(db: DbLike, orgId: number, page = 1) {
  const total =
    db.select({ n: count() }).from(notifications).where(eq(notifications.orgId, orgId)).get()?.n ??
    0;
  const pageCount = Math.max(1, Math.ceil(total / NOTICES_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = db
    .select()
    .from(notifications)
    .where(eq(notifications.orgId, orgId))
    .orderBy(desc(notifications.id))
    .limit(NOTICES_PAGE_SIZE)
    .offset((current - 1) * NOTICES_PAGE_SIZE)
    .all();
  return { rows, total, page: current, pageCount };
}

/** How many of an organisation's notifications nobody has marked read (for the header). */
export function unreadCount(db: DbLike, orgId: number): number {
  return (
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.orgId, orgId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/**
 * Marks an organisation's unread notifications read, up to `upToId` when
 * given: the newest one the reader saw, so that one arriving while the page
 * was open stays unread. Returns how many changed.
 */
export function markAllRead(
  db: DbLike,
  orgId: number,
  options: { upToId?: number; now?: Date } = {},
): number {
  const where = [eq(notifications.orgId, orgId), isNull(notifications.readAt)];
  if (options.upToId !== undefined) where.push(lte(notifications.id, options.upToId));
  return db
    .update(notifications)
    .set({ readAt: options.now ?? new Date() })
    .where(and(...where))
    .run().changes;
}
