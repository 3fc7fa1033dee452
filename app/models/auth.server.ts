/**
 * Accounts, passwords, sessions, resets and the sign-in limits. Passwords are
 * hashed with argon2id (19 MiB, t=2, p=1, OWASP's minimum); session ids and
 * reset tokens are random 256-bit values of which only a SHA-256 is stored.
 */
import { and, count, desc, eq, gt, isNull, type SQL } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db, DbLike } from "../../db/client";
import { loginAttempts, passwordResetTokens, sessions, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "~/domain/passwords";
import { addressForLimits } from "~/domain/client-address";
import {
  LOGIN_ACCOUNT_WINDOW_MS,
  LOGIN_KNOWN_ADDRESS_MS,
  LOGIN_WINDOW_MS,
  refusingLimits,
  signInRetryAt,
  type SignInLimit,
} from "~/domain/sign-in-limits";
import { recordAudit } from "./audit.server";
import { queueEmail } from "./outbox.server";
import { pruneOldAttempts, RATE_LIMITS, takeRateLimits } from "./rate-limits.server";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Touching lastSeenAt on every request would make every page a write. */
const SESSION_TOUCH_MS = 60 * 1000;
const RESET_TOKEN_MS = 60 * 60 * 1000;

export { hashPassword, verifyPassword };
export {
  LOGIN_ACCOUNT_CEILING,
  LOGIN_ACCOUNT_WINDOW_MS,
  LOGIN_KNOWN_ADDRESS_MS,
  LOGIN_MAX_PER_ADDRESS,
  LOGIN_MAX_PER_PAIR,
  LOGIN_MAX_PER_PAIR_UNDER_ATTACK,
  LOGIN_WINDOW_MS,
} from "~/domain/sign-in-limits";

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
  { ok: true; userId: number } | { ok: false; reason: "invalid" | "disabled" } | RefusedAttempt;

/** A sign-in (or a sign-up's confirmation) refused by the limits, and when to try again. */
export interface RefusedAttempt {
  ok: false;
  reason: "rate_limited";
  retryAt: Date;
  /** Whether the account is at its ceiling: only addresses it signed in from before may try. */
  accountCeiling: boolean;
}

const failed = eq(loginAttempts.succeeded, false);

/**
 * Counts the attempt and records it, in one synchronous transaction, before
 * any password is hashed: an attempt in flight counts as a failure until it
 * succeeds (`finishAttempt`), so however many arrive at once, no more than
 * the limits allow ever reach the password check. The address is counted as
 * `addressForLimits` gives it (an IPv6 /64 is one address); the audit keeps
 * the address as it came. Returns the attempt's id, or the refusal (see
 * `refusingLimits` for the limits).
 */
export function beginAttempt(
  db: Db,
  input: { email: string; ip: string },
  now = new Date(),
): { attemptId: number } | RefusedAttempt {
  const email = normaliseEmail(input.email);
  const ip = addressForLimits(input.ip);
  const since = (windowMs: number) => gt(loginAttempts.at, new Date(now.getTime() - windowMs));
  const counted: Record<SignInLimit["counts"], SQL[]> = {
    pair: [eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), failed],
    // Only guesses whose password was (or is being) checked: refused ones cost nothing.
    account: [eq(loginAttempts.email, email), failed, eq(loginAttempts.blocked, false)],
    address: [eq(loginAttempts.ip, ip), failed],
  };
  return db.transaction((tx) => {
    pruneOldAttempts(tx, now);
    const failures = (which: SignInLimit["counts"], windowMs: number) =>
      tx
        .select({ n: count() })
        .from(loginAttempts)
        .where(and(...counted[which], since(windowMs)))
        .get()?.n ?? 0;
    const knownAddress = tx
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.email, email),
          eq(loginAttempts.ip, ip),
          eq(loginAttempts.succeeded, true),
          since(LOGIN_KNOWN_ADDRESS_MS),
        ),
      )
      .limit(1)
      .get();
    const refusing = refusingLimits({
      pairFailures: failures("pair", LOGIN_WINDOW_MS),
      accountGuesses: failures("account", LOGIN_ACCOUNT_WINDOW_MS),
      addressFailures: failures("address", LOGIN_WINDOW_MS),
      knownAddress: Boolean(knownAddress),
    });
    const blocked = refusing.length > 0;
    const attemptId = tx
      .insert(loginAttempts)
      .values({ email, ip, succeeded: false, blocked, at: now })
      .returning({ id: loginAttempts.id })
      .get().id;
    if (!blocked) return { attemptId };
    recordAudit(tx, {
      at: now,
      action: "login.blocked",
      targetType: "account",
      targetId: email,
      ip: input.ip,
    });
    // Asked after this attempt is recorded: a refused try counts for the pair and address.
    const retryAt = signInRetryAt(
      refusing,
      (limit) =>
        tx
          .select({ at: loginAttempts.at })
          .from(loginAttempts)
          .where(and(...counted[limit.counts], since(limit.windowMs)))
          .orderBy(desc(loginAttempts.at))
          .limit(1)
          .offset(limit.max - 1)
          .get()?.at ?? null,
      now,
    );
    return {
      ok: false,
      reason: "rate_limited",
      retryAt,
      accountCeiling: refusing.some((limit) => limit.counts === "account"),
    } as const;
  });
}

/** Marks an attempt begun by `beginAttempt` as succeeded (its address becomes known). */
export function finishAttempt(db: DbLike, attemptId: number): void {
  db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)).run();
}

/**
 * Checks a sign-in. The attempt is counted first (see `beginAttempt`); a
 * refused one answers "rate_limited", with when to try again, without its
 * password being checked. Every attempt is logged and audited.
 */
export async function attemptLogin(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const attempt = beginAttempt(db, { email, ip: input.ip }, now);
  if (!("attemptId" in attempt)) return attempt;

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await decoy(), input.password)) && false;
  const succeeded = Boolean(user && valid && user.status === "active");
  db.transaction((tx) => {
    if (user && succeeded) {
      finishAttempt(tx, attempt.attemptId);
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

/** A one-time reset token for the email's account, or null when there is no active account. */
export function createPasswordResetToken(
  db: DbLike,
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

export interface Mail {
  subject: string;
  body: string;
}

/**
 * Answers a forgot-password request by mail, the same way whether or not
 * the address has an account: an active account gets its reset link, any
 * other address a mail saying no account can be reset there. Both are one
 * transaction writing one mail, so neither the answer nor the work tells who
 * is registered. Throws RateLimited past the limits per address and e-mail.
 */
export function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string },
  mails: { reset: (token: string) => Mail; noAccount: () => Mail },
  now = new Date(),
): void {
  const email = normaliseEmail(input.email);
  takeRateLimits(
    db,
    [
      { limit: RATE_LIMITS.passwordResetPerAddress, key: input.ip },
      { limit: RATE_LIMITS.passwordResetPerEmail, key: email },
    ],
    now,
  );
  db.transaction((tx) => {
    const issued = createPasswordResetToken(tx, email, now);
    queueEmail(tx, { to: email, ...(issued ? mails.reset(issued.token) : mails.noAccount()) });
  });
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
 * Sets a new password with a reset token, once: the token and every other
 * unused one of the account are spent and every session of the account ends,
 * in one transaction.
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
    // Any other link the person asked for is void too: one reset per request.
    tx.update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, found.userId), isNull(passwordResetTokens.usedAt)))
      .run();
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
