/**
 * The audit log: who did what, when, from where, with old and new values.
 * Written in the same transaction as the change it describes; never edited.
 */
import { and, desc, eq, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { auditLog, organisations, users } from "../../db/schema";

export interface AuditInput {
  at?: Date;
  actorUserId?: number | null;
  actorOrgId?: number | null;
  action: string;
  targetType: string;
  targetId: string;
  ip?: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export function recordAudit(db: DbLike, entry: AuditInput): void {
  db.insert(auditLog)
    .values({
      at: entry.at ?? new Date(),
      actorUserId: entry.actorUserId ?? null,
      actorOrgId: entry.actorOrgId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: (entry.ip ?? "").slice(0, 64),
      oldValue: entry.oldValue ?? null,
      newValue: entry.newValue ?? null,
    })
    .run();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  from?: Date;
  to?: Date;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** Audit entries, newest first, filtered by action prefix, actor email, target and time. */
export function listAudit(db: DbLike, filter: AuditFilter) {
  const where: SQL[] = [];
  if (filter.action) where.push(like(auditLog.action, `${filter.action.replace(/[%_]/g, "")}%`));
  if (filter.actor) {
    const pattern = `%${filter.actor.replace(/[%_]/g, "")}%`;
    where.push(or(like(users.email, pattern), like(users.name, pattern)) as SQL);
  }
  if (filter.target) where.push(like(auditLog.targetId, `%${filter.target.replace(/[%_]/g, "")}%`));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  const condition = where.length > 0 ? and(...where) : undefined;
  const page = Math.max(1, filter.page ?? 1);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      oldValue: auditLog.oldValue,
      newValue: auditLog.newValue,
      actorEmail: users.email,
      actorOrg: organisations.nameZh,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrgId))
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(condition)
      .get()?.n ?? 0;
  return { rows, total, page, pageCount: Math.ceil(total / AUDIT_PAGE_SIZE) };
}
