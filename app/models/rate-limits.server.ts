/**
 * Rate limits for the public forms that write or send mail for anyone:
 * forgot-password, sign-up and complaints. Each request counts one row in
 * rate_limit_hits per limit it passes, keyed by the client's address (an
 * IPv6 /64 counts as one, see `addressForLimits`) and by what it targets (an
 * e-mail, a complaint's subject), so neither many addresses nor one address
 * can flood a target. Sign-in has its own limits (`attemptLogin`). Old rows
 * of both tables are pruned here.
 */
import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { loginAttempts, rateLimitHits } from "../../db/schema";
import { addressForLimits } from "~/domain/client-address";

const HOUR = 60 * 60 * 1000;

/** How long sign-in attempts and rate-limit hits are kept (longer than any window). */
export const ATTEMPT_RETENTION_MS = 30 * 24 * HOUR;
/** At most this many old rows of each table are deleted per request, so pruning stays cheap. */
export const PRUNE_BATCH = 100;

export interface RateLimit {
  bucket: string;
  max: number;
  windowMs: number;
  /** What the key is: a client's address is counted as `addressForLimits` gives it. */
  per: "address" | "target";
}

export const RATE_LIMITS = {
  passwordResetPerAddress: {
    bucket: "password-reset:address",
    max: 20,
    windowMs: HOUR,
    per: "address",
  },
  passwordResetPerEmail: { bucket: "password-reset:email", max: 5, windowMs: HOUR, per: "target" },
  signUpPerAddress: { bucket: "sign-up:address", max: 20, windowMs: HOUR, per: "address" },
  signUpPerEmail: { bucket: "sign-up:email", max: 5, windowMs: HOUR, per: "target" },
  complaintPerAddress: { bucket: "complaint:address", max: 10, windowMs: HOUR, per: "address" },
  /**
   * A product, seller or record complained about, or the complainant's
   * contact. Never refuses: past it a complaint is filed and marked as part
   * of a surge (see `fileComplaint`).
   */
  complaintPerTarget: { bucket: "complaint:target", max: 20, windowMs: HOUR, per: "target" },
} as const satisfies Record<string, RateLimit>;

/** A request over one of its limits; the route answers 429 with a translated message. */
export class RateLimited extends Error {
  constructor(readonly limit: RateLimit) {
    super(`rate limited: ${limit.bucket}`);
  }
}

/**
 * Counts one request against each limit, or against none: when any limit is
 * spent within its window nothing is recorded and RateLimited is thrown.
 * Synchronous, so call it before the request's first await (or inside the
 * transaction doing the work): parallel requests then cannot all pass the
 * check before one of them is recorded.
 */
export function takeRateLimits(
  db: DbLike,
  hits: { limit: RateLimit; key: string }[],
  now = new Date(),
): void {
  db.transaction((tx) => {
    pruneOldAttempts(tx, now);
    for (const hit of hits) {
      if (rateLimitUsed(tx, hit, now) >= hit.limit.max) throw new RateLimited(hit.limit);
    }
    for (const hit of hits) recordHit(tx, hit, now);
  });
}

function keyOf({ limit, key }: { limit: RateLimit; key: string }): string {
  return limit.per === "address" ? addressForLimits(key) : key;
}

/** How many hits a key has within its limit's window. */
function rateLimitUsed(db: DbLike, hit: { limit: RateLimit; key: string }, now: Date): number {
  return (
    db
      .select({ n: count() })
      .from(rateLimitHits)
      .where(
        and(
          eq(rateLimitHits.bucket, hit.limit.bucket),
          eq(rateLimitHits.key, keyOf(hit)),
          gt(rateLimitHits.at, new Date(now.getTime() - hit.limit.windowMs)),
        ),
      )
      .get()?.n ?? 0
  );
}

function recordHit(db: DbLike, hit: { limit: RateLimit; key: string }, now: Date): void {
  db.insert(rateLimitHits)
    .values({ bucket: hit.limit.bucket, key: keyOf(hit), at: now })
    .run();
}

/**
 * Counts one request against a limit that never refuses, and says whether
 * the key was already past it within the window: the caller goes ahead and
 * marks what it does (a complaint in a surge) instead of refusing.
 */
export function countSoftLimit(
  db: DbLike,
  hit: { limit: RateLimit; key: string },
  now = new Date(),
): { over: boolean } {
  const over = rateLimitUsed(db, hit, now) >= hit.limit.max;
  recordHit(db, hit, now);
  return { over };
}

/**
 * Deletes sign-in attempts and rate-limit hits older than ATTEMPT_RETENTION_MS,
 * a batch at a time through the indexes on `at`: each request that adds a row
 * removes up to PRUNE_BATCH old ones, and finds none to remove in one index seek.
 */
export function pruneOldAttempts(db: DbLike, now = new Date()): number {
  const cutoff = new Date(now.getTime() - ATTEMPT_RETENTION_MS);
  const attempts = db
    .delete(loginAttempts)
    .where(
      inArray(
        loginAttempts.id,
        db
          .select({ id: loginAttempts.id })
          .from(loginAttempts)
          .where(lt(loginAttempts.at, cutoff))
          .orderBy(loginAttempts.at)
          .limit(PRUNE_BATCH),
      ),
    )
    .run().changes;
  const hits = db
    .delete(rateLimitHits)
    .where(
      inArray(
        rateLimitHits.id,
        db
          .select({ id: rateLimitHits.id })
          .from(rateLimitHits)
          .where(lt(rateLimitHits.at, cutoff))
          .orderBy(rateLimitHits.at)
          .limit(PRUNE_BATCH),
      ),
    )
    .run().changes;
  return attempts + hits;
}
