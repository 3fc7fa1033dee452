/** Complaints (the online 12317): filed by anyone, handled by the office with a status and a reply. */
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { complaints, ledgerEntries, organisations, products } from "../../db/schema";
import { normaliseCreditCode } from "~/domain/credit-code";
import { recordAudit } from "./audit.server";
import { countSoftLimit, RATE_LIMITS, takeRateLimits } from "./rate-limits.server";

export interface NewComplaint {
  subjectType: "product" | "seller" | "record" | "other";
  subjectRef: string;
  body: string;
  contactName: string;
  contact: string;
}

export type ComplaintSubject =
  | { ok: true; subjectId: number | null; key: string | null }
  | { ok: false; field: "subjectRef"; messageKey: string };

const whole = (text: string) => /^#?\d{1,9}$/.test(text);
const number = (text: string) => Number(text.replace(/^#/, ""));

/**
 * Resolves what a complaint names to a real id, before anything is counted
 * against it: a product by its number or exact name, a seller by its number,
 * unified social credit code or exact name, a counted figure by its ledger
 * number or invoice number. `05` and `5` are the same product, so a flood
 * cannot dodge its subject's count by writing it differently. The key it is
 * counted under is that id, or, when it names no subject, the complainant's
 * contact; an unknown reference is a field error.
 */
export function resolveComplaintSubject(db: DbLike, complaint: NewComplaint): ComplaintSubject {
  const ref = complaint.subjectRef.trim();
  const contact = complaint.contact.trim().toLowerCase().replace(/\s+/g, "");
  const none = { ok: true, subjectId: null, key: contact ? `contact:${contact}` : null } as const;
  if (!ref || complaint.subjectType === "other") return none;
  const found = (id: number | undefined, unknown: string): ComplaintSubject =>
    id === undefined
      ? { ok: false, field: "subjectRef", messageKey: unknown }
      : { ok: true, subjectId: id, key: `${complaint.subjectType}:${id}` };
  const lower = ref.toLowerCase();
  switch (complaint.subjectType) {
    case "product": {
      const byName = or(eq(products.nameZh, ref), eq(sql`lower(${products.nameEn})`, lower));
      const rows = db
        .select({ id: products.id })
        .from(products)
        .where(whole(ref) ? eq(products.id, number(ref)) : byName)
        .limit(2)
        .all();
      return found(rows.length === 1 ? rows[0]!.id : undefined, "forms.complaintUnknownProduct");
    }
    case "seller": {
      const rows = db
        .select({ id: organisations.id })
        .from(organisations)
        .where(
          and(
            eq(organisations.side, "seller"),
            eq(organisations.status, "approved"),
            whole(ref)
              ? eq(organisations.id, number(ref))
              : or(
                  eq(organisations.creditCode, normaliseCreditCode(ref)),
                  eq(organisations.nameZh, ref),
                  eq(sql`lower(${organisations.nameEn})`, lower),
                ),
          ),
        )
        .limit(2)
        .all();
      return found(rows.length === 1 ? rows[0]!.id : undefined, "forms.complaintUnknownSeller");
    }
    case "record": {
      const row = db
        .select({ seq: ledgerEntries.seq })
        .from(ledgerEntries)
        .where(
          whole(ref)
            ? or(eq(ledgerEntries.seq, number(ref)), eq(ledgerEntries.invoiceNumber, ref))
            : eq(sql`upper(${ledgerEntries.invoiceNumber})`, ref.toUpperCase()),
        )
        .orderBy(asc(ledgerEntries.seq))
        .limit(1)
        .get();
      return found(row?.seq, "forms.complaintUnknownRecord");
    }
  }
}

export type FileComplaintResult =
  { ok: true; id: number; surge: boolean } | { ok: false; field: "subjectRef"; messageKey: string };

/**
 * Files a complaint. Its subject is resolved first (`resolveComplaintSubject`):
 * an unknown one is refused as a field error, with nothing recorded. Throws
 * RateLimited past the limit per address. A complaint is never refused
 * because of how many others name its subject, or a seller could silence
 * complaints about its product by filing junk ones first; past the rate per
 * subject it is filed marked `surge`, and the office sees it apart, so the
 * flood buries neither the complaints about other subjects nor this one.
 */
export function fileComplaint(
  db: Db,
  complaint: NewComplaint,
  ip: string,
  now = new Date(),
): FileComplaintResult {
  return db.transaction((tx) => {
    const subject = resolveComplaintSubject(tx, complaint);
    if (!subject.ok) return subject;
    takeRateLimits(tx, [{ limit: RATE_LIMITS.complaintPerAddress, key: ip }], now);
    const surge = subject.key
      ? countSoftLimit(tx, { limit: RATE_LIMITS.complaintPerTarget, key: subject.key }, now).over
      : false;
    const id = tx
      .insert(complaints)
      .values({ ...complaint, subjectId: subject.subjectId, surge, createdAt: now })
      .returning({ id: complaints.id })
      .get().id;
    recordAudit(tx, {
      at: now,
      action: "complaint.filed",
      targetType: "complaint",
      targetId: String(id),
      ip,
      newValue: { subjectType: complaint.subjectType, subjectId: subject.subjectId, surge },
    });
    return { ok: true, id, surge };
  });
}

/**
 * The complaints the office works through, newest first: those filed in a
 * surge are listed apart (`surges`), so however many arrive they cannot push
 * the others off the page.
 */
export function listComplaints(db: DbLike, status?: "open" | "in_progress" | "resolved") {
  const list = (surge: boolean) =>
    db
      .select()
      .from(complaints)
      .where(and(eq(complaints.surge, surge), status ? eq(complaints.status, status) : undefined))
      .orderBy(desc(complaints.id))
      .limit(200)
      .all();
  return { complaints: list(false), surges: list(true) };
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
