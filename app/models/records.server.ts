/**
 * Sales made outside the marketplace: recorded with evidence by one office
 * person (the maker), counted only when another verifies them (the checker).
 * A rejected record keeps its reason; a verified one names its ledger entry.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { jurisdictions, organisations, originCounties, outsideRecords } from "../../db/schema";
import { extensionOf, type EvidenceType } from "~/domain/file-types";
import { confirmedParentId } from "~/domain/ledger";
import type { ImportRow } from "~/domain/record-import";
import { recordAudit } from "./audit.server";
import { storeUpload, uploadPath } from "./uploads.server";
import { appendEntry, LedgerRefusal } from "./ledger.server";

interface Actor {
  userId: number;
  orgId: number | null;
  ip: string;
}

/** Stores evidence outside public/, under a generated name. */
export function storeEvidence(
  bytes: Uint8Array,
  type: EvidenceType,
): { key: string; sha256: string } {
  return storeUpload("evidence", bytes, extensionOf(type));
}

export function evidencePath(key: string): string | null {
  return /^[0-9a-f-]{36}\.(pdf|jpg|png)$/.test(key) ? uploadPath("evidence", key) : null;
}

export interface NewRecord {
  buyerName: string;
  buyerType: "budget_unit" | "trade_union" | "enterprise" | "channel" | "individual";
  jurisdictionCode: string;
  sellerOrgId: number;
  countyCode: string;
  productDescription: string;
  amount: number;
  saleDate: string;
  kind: "purchase" | "helped_sale";
  channel: "online" | "offline";
  certified: boolean;
  invoiceNumber: string;
  contractRef: string;
}

/**
 * The fields of a typed record that name nothing we know (a seller that is no
 * seller, a jurisdiction or county not in the reference tables), with the
 * form's message: checked before the evidence is stored and the row written.
 */
export function unknownReferences(
  db: DbLike,
  record: Pick<NewRecord, "sellerOrgId" | "jurisdictionCode" | "countyCode">,
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const seller = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, record.sellerOrgId), eq(organisations.side, "seller")))
    .get();
  if (!seller) problems.sellerOrgId = ["forms.choose"];
  const jurisdiction = db
    .select({ code: jurisdictions.code })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, record.jurisdictionCode))
    .get();
  if (!jurisdiction) problems.jurisdictionCode = ["forms.choose"];
  const county = db
    .select({ code: originCounties.code })
    .from(originCounties)
    .where(eq(originCounties.code, record.countyCode))
    .get();
  if (!county) problems.countyCode = ["forms.choose"];
  return problems;
}

export function createRecord(
  db: Db,
  input: {
    record: NewRecord;
    evidence: { key: string; type: EvidenceType; sha256: string };
    actor: Actor;
    /** A buyer organisation recording its own purchase: it is the buyer. */
    buyerOrgId?: number;
  },
  now = new Date(),
): number {
  return db.transaction((tx) => {
    const seller = tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, input.record.sellerOrgId), eq(organisations.side, "seller")))
      .get();
    if (!seller) throw new RangeError("unknown seller");
    const { amount, ...record } = input.record;
    const row = tx
      .insert(outsideRecords)
      .values({
        ...record,
        amountFen: amount,
        buyerOrgId: input.buyerOrgId ?? null,
        sellerName: seller.nameZh,
        evidenceKey: input.evidence.key,
        evidenceType: input.evidence.type,
        evidenceSha256: input.evidence.sha256,
        recordedBy: input.actor.userId,
        recordedOrgId: input.actor.orgId,
        recordedAt: now,
      })
      .returning({ id: outsideRecords.id })
      .get();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "record.created",
      targetType: "outside_record",
      targetId: String(row.id),
      ip: input.actor.ip,
      newValue: { ...record, amountFen: amount },
    });
    return row.id;
  });
}

export type DecisionResult =
  | { ok: true; seq?: number }
  | { ok: false; reason: "not_found" | "own_record" | "duplicate_invoice" | "duplicate_source" };

/**
 * The checker verifies a pending record: it is appended to the ledger in the
 * same transaction. The maker cannot verify their own record.
 */
export function verifyRecord(
  db: Db,
  input: { recordId: number; actor: Actor },
  now = new Date(),
): DecisionResult {
  try {
    return db.transaction((tx): DecisionResult => {
      const record = tx
        .select()
        .from(outsideRecords)
        .where(eq(outsideRecords.id, input.recordId))
        .get();
      if (!record || record.status !== "pending") return { ok: false, reason: "not_found" };
      if (record.recordedBy === input.actor.userId) return { ok: false, reason: "own_record" };
      // A registered buyer counts as registered: a trade union under its parent unit.
      const buyerOrg = record.buyerOrgId
        ? tx.select().from(organisations).where(eq(organisations.id, record.buyerOrgId)).get()
        : undefined;
      const entry = appendEntry(tx, {
        countedAt: now,
        amountFen: record.amountFen,
        sourceKind: "outside_record",
        sourceRef: `record:${record.id}`,
        buyer: {
          orgId: record.buyerOrgId,
          name: record.buyerName,
          type: record.buyerType,
          jurisdictionCode: record.jurisdictionCode,
          parentOrgId: buyerOrg ? confirmedParentId(buyerOrg) : null,
          isChannel: buyerOrg?.channelKind !== null && buyerOrg?.channelKind !== undefined,
        },
        countyCode: record.countyCode,
        seller: { orgId: record.sellerOrgId, name: record.sellerName },
        kind: record.kind,
        channel: record.channel,
        certified: record.certified,
        invoiceNumber: record.invoiceNumber,
        evidenceRef: [record.invoiceNumber, record.contractRef, record.evidenceSha256]
          .filter(Boolean)
          .join(" · "),
        recordedBy: record.recordedBy,
        verifiedBy: input.actor.userId,
      });
      tx.update(outsideRecords)
        .set({
          status: "verified",
          verifiedBy: input.actor.userId,
          decidedAt: now,
          ledgerSeq: entry.seq,
        })
        .where(eq(outsideRecords.id, record.id))
        .run();
      recordAudit(tx, {
        at: now,
        actorUserId: input.actor.userId,
        actorOrgId: input.actor.orgId,
        action: "record.verified",
        targetType: "outside_record",
        targetId: String(record.id),
        ip: input.actor.ip,
        oldValue: { status: "pending" },
        newValue: { status: "verified", ledgerSeq: entry.seq, hash: entry.hash },
      });
      return { ok: true, seq: entry.seq };
    });
  } catch (error) {
    if (error instanceof LedgerRefusal && error.reason !== "not_reversible")
      return {
        ok: false,
        reason:
          error.reason === "missing_person" || error.reason === "same_person"
            ? "own_record"
            : error.reason,
      };
    throw error;
  }
}

export function rejectRecord(
  db: Db,
  input: { recordId: number; reason: string; actor: Actor },
  now = new Date(),
): DecisionResult {
  return db.transaction((tx): DecisionResult => {
    const record = tx
      .select()
      .from(outsideRecords)
      .where(eq(outsideRecords.id, input.recordId))
      .get();
    if (!record || record.status !== "pending") return { ok: false, reason: "not_found" };
    if (record.recordedBy === input.actor.userId) return { ok: false, reason: "own_record" };
    tx.update(outsideRecords)
      .set({
        status: "rejected",
        verifiedBy: input.actor.userId,
        decidedAt: now,
        rejectReason: input.reason,
      })
      .where(eq(outsideRecords.id, record.id))
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "record.rejected",
      targetType: "outside_record",
      targetId: String(record.id),
      ip: input.actor.ip,
      oldValue: { status: "pending" },
      newValue: { status: "rejected", reason: input.reason },
    });
    return { ok: true };
  });
}

export function listRecords(db: DbLike, status: "pending" | "decided") {
  const query = db.select().from(outsideRecords);
  return (
    status === "pending"
      ? query.where(eq(outsideRecords.status, "pending")).orderBy(outsideRecords.id)
      : query
          .where(and(ne(outsideRecords.status, "pending"), eq(outsideRecords.isDemo, false)))
          .orderBy(desc(outsideRecords.decidedAt))
  )
    .limit(100)
    .all();
}

export function getRecord(db: DbLike, id: number) {
  return db.select().from(outsideRecords).where(eq(outsideRecords.id, id)).get() ?? null;
}

/** Keeps an uploaded import file (its evidence) outside public/. */
export function storeImportFile(text: string): { batch: string; sha256: string } {
  const batch = randomUUID();
  const { sha256 } = storeUpload("imports", text, "csv", `${batch}.csv`);
  return { batch, sha256 };
}

export function importFilePath(batch: string): string | null {
  return /^[0-9a-f-]{36}$/.test(batch) ? uploadPath("imports", `${batch}.csv`) : null;
}

/**
 * Saves every checked row of an import as a pending record, in one
 * transaction: all of them or none. A second person verifies the batch.
 */
export function importRecords(
  db: Db,
  input: {
    rows: ImportRow[];
    batch: string;
    sha256: string;
    actor: Actor;
  },
  now = new Date(),
): number {
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: outsideRecords.id })
      .from(outsideRecords)
      .where(eq(outsideRecords.importBatch, input.batch))
      .get();
    if (existing) return 0; // this file was imported already: a resubmitted form changes nothing
    const values = input.rows.map(({ line, amountFen, ...row }) => ({
      ...row,
      amountFen,
      contractRef: row.contractRef || `import ${input.batch} line ${line}`,
      evidenceSha256: input.sha256,
      importBatch: input.batch,
      recordedBy: input.actor.userId,
      recordedOrgId: input.actor.orgId,
      recordedAt: now,
    }));
    for (let i = 0; i < values.length; i += 500) {
      tx.insert(outsideRecords)
        .values(values.slice(i, i + 500))
        .run();
    }
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "record.imported",
      targetType: "import_batch",
      targetId: input.batch,
      ip: input.actor.ip,
      newValue: { rows: values.length, sha256: input.sha256 },
    });
    return values.length;
  });
}

/** Pending import batches: who made them, how many rows, how much. */
export function listPendingBatches(db: DbLike) {
  return db
    .select({
      batch: outsideRecords.importBatch,
      recordedBy: outsideRecords.recordedBy,
      rows: sql<number>`count(*)`,
      amountFen: sql<number>`sum(${outsideRecords.amountFen})`,
    })
    .from(outsideRecords)
    .where(and(eq(outsideRecords.status, "pending"), isNotNull(outsideRecords.importBatch)))
    .groupBy(outsideRecords.importBatch, outsideRecords.recordedBy)
    .all();
}

/**
 * The checker verifies a whole import batch: every record is counted, or —
 * if any cannot be (an invoice already counted) — none is.
 */
export function verifyBatch(
  db: Db,
  input: { batch: string; actor: Actor },
  now = new Date(),
):
  | { ok: true; count: number }
  | {
      ok: false;
      reason: "not_found" | "own_record" | "duplicate_invoice" | "duplicate_source";
      recordId?: number;
    } {
  const pending = db
    .select({ id: outsideRecords.id, recordedBy: outsideRecords.recordedBy })
    .from(outsideRecords)
    .where(and(eq(outsideRecords.importBatch, input.batch), eq(outsideRecords.status, "pending")))
    .all();
  if (pending.length === 0) return { ok: false, reason: "not_found" };
  if (pending.some((r) => r.recordedBy === input.actor.userId))
    return { ok: false, reason: "own_record" };
  class Abort extends Error {
    constructor(
      readonly result: { reason: "duplicate_invoice" | "duplicate_source"; recordId: number },
    ) {
      super(result.reason);
    }
  }
  try {
    db.transaction(() => {
      for (const record of pending) {
        // verifyRecord opens a nested transaction (a savepoint) inside this one.
        const result = verifyRecord(db, { recordId: record.id, actor: input.actor }, now);
        if (!result.ok) {
          throw new Abort({
            reason: result.reason === "duplicate_source" ? "duplicate_source" : "duplicate_invoice",
            recordId: record.id,
          });
        }
      }
    });
  } catch (error) {
    if (error instanceof Abort) return { ok: false, ...error.result };
    throw error;
  }
  return { ok: true, count: pending.length };
}

/** The records an organisation has made itself, newest first (its own only). */
export function listRecordsOf(db: DbLike, orgId: number) {
  return db
    .select()
    .from(outsideRecords)
    .where(eq(outsideRecords.recordedOrgId, orgId))
    .orderBy(desc(outsideRecords.id))
    .limit(100)
    .all();
}
