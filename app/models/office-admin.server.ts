/**
 * The first office administrator of a real deployment, created from the
 * command line (`npm run admin:create`) on a database holding reference data
 * only: no known password exists at any moment. The account gets an
 * unguessable password nobody knows and a one-time link, valid for 24 hours,
 * where its owner sets their own. The office organisation is created too if
 * the database has none yet.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, organisations, passwordResetTokens, users } from "../../db/schema";
import { isValidCreditCode, normaliseCreditCode } from "~/domain/credit-code";
import { hashPassword } from "~/domain/passwords";
import { recordAudit } from "./audit.server";
import { normaliseEmail, randomToken, sha256 } from "./auth.server";

export const SET_PASSWORD_LINK_MS = 24 * 60 * 60 * 1000;

export type CreateAdminResult =
  | { ok: true; userId: number; orgId: number; token: string; createdOrganisation: boolean }
  | {
      ok: false;
      reason: "bad_email" | "bad_name" | "email_taken" | "office_needed" | "bad_credit_code";
    };

export async function createOfficeAdmin(
  db: Db,
  input: {
    email: string;
    name: string;
    /** Only when the database has no office organisation yet. */
    office?: { nameZh: string; nameEn: string; creditCode: string };
  },
  now = new Date(),
): Promise<CreateAdminResult> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    return { ok: false, reason: "bad_email" };
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) return { ok: false, reason: "bad_name" };
  // A password nobody knows: the owner sets theirs through the one-time link.
  const passwordHash = await hashPassword(randomToken());
  const token = randomToken();
  return db.transaction((tx): CreateAdminResult => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get())
      return { ok: false, reason: "email_taken" };
    let office = tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.side, "office"), eq(organisations.status, "approved")))
      .get();
    let createdOrganisation = false;
    if (!office) {
      if (!input.office) return { ok: false, reason: "office_needed" };
      const creditCode = normaliseCreditCode(input.office.creditCode);
      if (!isValidCreditCode(creditCode)) return { ok: false, reason: "bad_credit_code" };
      office = tx
        .insert(organisations)
        .values({
          side: "office",
          type: "office",
          nameZh: input.office.nameZh,
          nameEn: input.office.nameEn,
          creditCode,
          status: "approved",
          reviewedAt: now,
        })
        .returning({ id: organisations.id })
        .get();
      createdOrganisation = true;
    }
    const userId = tx
      .insert(users)
      .values({ email, name, passwordHash })
      .returning({ id: users.id })
      .get().id;
    tx.insert(memberships)
      .values({
        userId,
        orgId: office.id,
        role: "office_admin",
        status: "approved",
        decidedAt: now,
      })
      .run();
    tx.insert(passwordResetTokens)
      .values({
        userId,
        tokenHash: sha256(token),
        expiresAt: new Date(now.getTime() + SET_PASSWORD_LINK_MS),
        createdAt: now,
      })
      .run();
    recordAudit(tx, {
      at: now,
      action: "office_admin.created",
      targetType: "user",
      targetId: String(userId),
      ip: "command line",
      newValue: { email, name, orgId: office.id, createdOrganisation },
    });
    return { ok: true, userId, orgId: office.id, token, createdOrganisation };
  });
}
