/**
 * Accounts, passwords, sessions and the brute-force limits. Passwords are
 * hashed with argon2id (19 MiB, t=2, p=1, OWASP's minimum); session ids and
 * reset tokens are random 256-bit values of which only a SHA-256 is stored.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db, DbLike } from "../../db/client";
import { loginAttempts, passwordResetTokens, sessions, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "~/domain/passwords";
import { recordAudit } from "./audit.server";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Touching lastSeenAt on every request would make every page a write. */
const SESSION_TOUCH_MS = 60 * 1000;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_PER_ACCOUNT = 10;
export const LOGIN_MAX_PER_ADDRESS = 50;
const RESET_TOKEN_MS = 60 * 60 * 1000;

export { hashPassword, verifyPassword };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
let decoyHash: Promise<string> | null = null;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomToken());
  return decoyHash;
}

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate_limited" };

/**
 * Checks a sign-in. Refuses (without checking the password) once an account
 * or an address has had too many failures within 15 minutes (10 and 50: an
 * office behind one address must not lock itself out); every attempt is
 * logged, the refused ones marked blocked.
 */
export async function attemptLogin(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const accountFailures = db
    .select({ n: sql<number>`count(*)` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, since),
      ),
    )
    .get()?.n;
  const addressFailures = db
    .select({ n: sql<number>`count(*)` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, input.ip),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, since),
      ),
    )
    .get()?.n;
  if (
    (accountFailures ?? 0) >= LOGIN_MAX_PER_ACCOUNT ||
    (addressFailures ?? 0) >= LOGIN_MAX_PER_ADDRESS
  ) {
    db.transaction((tx) => {
      tx.insert(loginAttempts)
        .values({ email, ip: input.ip, succeeded: false, blocked: true, at: now })
        .run();
      recordAudit(tx, {
        at: now,
        action: "login.blocked",
        targetType: "account",
        targetId: email,
        ip: input.ip,
      });
    });
    return { ok: false, reason: "rate_limited" };
  }

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await decoy(), input.password)) && false;
  const succeeded = Boolean(user && valid && user.status === "active");
  db.transaction((tx) => {
    tx.insert(loginAttempts).values({ email, ip: input.ip, succeeded, at: now }).run();
    if (user && succeeded) {
      tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
    }
    recordAudit(tx, {
      at: now,
      actorUserId: user?.id ?? null,
      action: succeeded ? "login.succeeded" : "login.failed",
      targetType: "account",
      targetId: email,
      ip: input.ip,
    });
  });
  if (succeeded && user) return { ok: true, userId: user.id };
  if (user && valid && user.status === "disabled") return { ok: false, reason: "disabled" };
  return { ok: false, reason: "invalid" };
}

export interface SessionRecord {
  idHash: string;
  userId: number;
  actingOrgId: number | null;
}

/** Starts a session and returns the id for the cookie (only its hash is stored). */
export function createSession(
  db: Db,
  input: { userId: number; actingOrgId: number | null; ip: string; userAgent: string },
  now = new Date(),
): string {
  const id = randomToken();
  db.insert(sessions)
    .values({
      idHash: sha256(id),
      userId: input.userId,
      actingOrgId: input.actingOrgId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: input.ip.slice(0, 64),
      userAgent: input.userAgent.slice(0, 256),
    })
    .run();
  return id;
}

/**
 * The live session for a cookie id, or null. A session past its idle timeout
 * or absolute lifetime is ended here; a live one has lastSeenAt moved on.
 */
export function findLiveSession(db: Db, id: string, now = new Date()): SessionRecord | null {
  const idHash = sha256(id);
  const row = db
    .select({
      idHash: sessions.idHash,
      userId: sessions.userId,
      actingOrgId: sessions.actingOrgId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userStatus: users.status,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)))
    .get();
  if (!row) return null;
  const t = now.getTime();
  const ended =
    row.userStatus !== "active"
      ? "disabled"
      : t >= row.expiresAt.getTime()
        ? "expired"
        : t - row.lastSeenAt.getTime() >= SESSION_IDLE_MS
          ? "idle"
          : null;
  if (ended) {
    endSession(db, idHash, ended, now);
    return null;
  }
  if (t - row.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
  }
  return { idHash: row.idHash, userId: row.userId, actingOrgId: row.actingOrgId };
}

type EndReason = NonNullable<(typeof sessions.$inferSelect)["endReason"]>;

export function endSession(db: DbLike, idHash: string, reason: EndReason, now = new Date()): void {
  db.update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)))
    .run();
}

/** Ends every live session of a user (office action, disabled account, password reset). */
export function endUserSessions(
  db: DbLike,
  userId: number,
  reason: EndReason,
  now = new Date(),
): number {
  return db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .run().changes;
}

export function setActingOrganisation(db: Db, idHash: string, orgId: number): void {
  db.update(sessions).set({ actingOrgId: orgId }).where(eq(sessions.idHash, idHash)).run();
}

/** A one-time reset token for the email's account, or null when there is no such account. */
export function createPasswordResetToken(
  db: Db,
  email: string,
  now = new Date(),
): { token: string; userId: number } | null {
  const user = db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!user || user.status !== "active") return null;
  const token = randomToken();
  db.insert(passwordResetTokens)
    .values({
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + RESET_TOKEN_MS),
      createdAt: now,
    })
    .run();
  return { token, userId: user.id };
}

/** The user a reset token is good for, or null when unknown, used or expired. */
export function findResetToken(db: Db, token: string, now = new Date()): { userId: number } | null {
  const row = db
    .select()
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, sha256(token)))
    .get();
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  return { userId: row.userId };
}

/**
 * Sets a new password with a reset token, once: the token is spent and every
 * session of the account ends, in one transaction.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; ip: string },
  now = new Date(),
): Promise<boolean> {
  const found = findResetToken(db, input.token, now);
  if (!found) return false;
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const spent = tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, sha256(input.token)),
          isNull(passwordResetTokens.usedAt),
        ),
      )
      .run().changes;
    if (spent !== 1) return false;
    tx.update(users).set({ passwordHash }).where(eq(users.id, found.userId)).run();
    endUserSessions(tx, found.userId, "password_reset", now);
    recordAudit(tx, {
      at: now,
      actorUserId: found.userId,
      action: "password.reset",
      targetType: "user",
      targetId: String(found.userId),
      ip: input.ip,
    });
    return true;
  });
}
