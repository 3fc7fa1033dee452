/**
 * Sign-up with the e-mail confirmed first. The form answers the same "check
 * your mail" whether or not the address has an account, so it cannot be used
 * to find out who is registered: a new address gets a one-time link (24 hours)
 * that creates the account; a registered one gets a mail saying someone tried
 * to sign up with it. Organisation errors (a credit code taken) still show on
 * the form: they are about organisations, not people.
 */
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { pendingSignups, type Role } from "../../db/schema";
import type { OrganisationApplication } from "~/domain/organisation-forms";
import { hashPassword, normaliseEmail, randomToken, sha256, type Mail } from "./auth.server";
import {
  checkOrganisationApplication,
  createAccountToJoin,
  createAccountWithOrganisation,
  emailTaken,
  findJoinableOrganisation,
  FormRefusal,
  type HashedPerson,
  type Person,
} from "./organisations.server";
import { queueEmail } from "./outbox.server";
import { RATE_LIMITS, takeRateLimits } from "./rate-limits.server";

/** How long a sign-up's confirmation link works. */
export const SIGN_UP_LINK_MS = 24 * 60 * 60 * 1000;

export type SignUpRequest =
  | { intent: "new-organisation"; person: Person; org: OrganisationApplication }
  | { intent: "join"; person: Person; creditCode: string; role: Role };

/** What waits in pending_signups.payload: the request with its password hashed. */
type PendingSignUp =
  | { intent: "new-organisation"; person: HashedPerson; org: OrganisationApplication }
  | { intent: "join"; person: HashedPerson; creditCode: string; role: Role };

export interface SignUpMails {
  /** To a new address: the link that finishes the sign-up. */
  confirm: (token: string) => Mail;
  /** To an address that has an account: someone tried to sign up with it. */
  alreadyRegistered: () => Mail;
}

/**
 * Takes a sign-up form that passed its schema: throws FormRefusal for an
 * organisation error and RateLimited past the limits per address and per
 * e-mail, else mails the address (see the module's comment). The password
 * is hashed in both cases, so the time taken does not tell either.
 */
export async function requestSignUp(
  db: Db,
  request: SignUpRequest,
  ip: string,
  mails: SignUpMails,
  now = new Date(),
): Promise<void> {
  const email = normaliseEmail(request.person.email);
  if (request.intent === "new-organisation") checkOrganisationApplication(db, request.org);
  else findJoinableOrganisation(db, request);
  takeRateLimits(
    db,
    [
      { limit: RATE_LIMITS.signUpPerAddress, key: ip },
      { limit: RATE_LIMITS.signUpPerEmail, key: email },
    ],
    now,
  );
  const { password, ...person } = request.person;
  const pending: PendingSignUp = {
    ...request,
    person: { ...person, email, passwordHash: await hashPassword(password) },
  };
  db.transaction((tx) => {
    // Expired links hold a password hash and personal data: drop them.
    tx.delete(pendingSignups).where(lt(pendingSignups.expiresAt, now)).run();
    if (emailTaken(tx, email)) {
      queueEmail(tx, { to: email, ...mails.alreadyRegistered() });
      return;
    }
    const token = randomToken();
    tx.insert(pendingSignups)
      .values({
        tokenHash: sha256(token),
        email,
        payload: pending,
        expiresAt: new Date(now.getTime() + SIGN_UP_LINK_MS),
        createdAt: now,
      })
      .run();
    queueEmail(tx, { to: email, ...mails.confirm(token) });
  });
}

function findPending(db: DbLike, token: string, now: Date) {
  const row = db
    .select()
    .from(pendingSignups)
    .where(eq(pendingSignups.tokenHash, sha256(token)))
    .get();
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  return row;
}

/** Whether a confirmation link is still good (unknown, used and expired ones are not). */
export function isSignUpLinkValid(db: DbLike, token: string, now = new Date()): boolean {
  return findPending(db, token, now) !== null;
}

export type ConfirmResult =
  | { ok: true; userId: number; intent: SignUpRequest["intent"] }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "refused"; messageKey: string };

/**
 * Follows a confirmation link, once: spends it and creates the account, the
 * organisation or the membership request as the form asked, in one
 * transaction. What changed since the form (the credit code taken meanwhile,
 * the address registered through another link) is refused, the link spent.
 */
export function confirmSignUp(
  db: Db,
  input: { token: string; ip: string },
  now = new Date(),
): ConfirmResult {
  return db.transaction((tx) => {
    const row = findPending(tx, input.token, now);
    if (!row) return { ok: false, reason: "invalid" } as const;
    const spent = tx
      .update(pendingSignups)
      .set({ usedAt: now })
      .where(and(eq(pendingSignups.id, row.id), isNull(pendingSignups.usedAt)))
      .run().changes;
    if (spent !== 1) return { ok: false, reason: "invalid" } as const;
    const pending = row.payload as PendingSignUp;
    try {
      const { userId } =
        pending.intent === "new-organisation"
          ? createAccountWithOrganisation(tx, {
              person: pending.person,
              org: pending.org,
              ip: input.ip,
            })
          : createAccountToJoin(tx, { ...pending, ip: input.ip });
      return { ok: true, userId, intent: pending.intent } as const;
    } catch (error) {
      if (!(error instanceof FormRefusal)) throw error;
      return { ok: false, reason: "refused", messageKey: error.messageKey } as const;
    }
  });
}
