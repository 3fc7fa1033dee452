/**
 * The counted ledger's rules, without I/O: how an entry is attributed, its
 * canonical form and hash, and how anyone can re-check the chain.
 *
 * What counts (DESIGN.md): an order that is paid, accepted and invoiced, or
 * an outside record the office has verified. A refund or void is a negative
 * entry naming the entry it reverses; nothing counted is edited or deleted.
 */
import { createHash } from "node:crypto";
import { shanghaiDate } from "./dates";
import type { OrganisationType } from "./roles";

export const GENESIS_HASH = "0".repeat(64);
export const MUNICIPAL_CODE = "350100";

export const buyerTypes = [
  "budget_unit",
  "trade_union",
  "enterprise",
  "channel",
  "individual",
] as const;
export type BuyerType = (typeof buyerTypes)[number];
export type EntryKind = "purchase" | "helped_sale";
export type Channel = "online" | "offline";

/** The buyer as registered: an organisation on the marketplace, or a named outside party. */
export interface BuyerFacts {
  orgId: number | null;
  name: string;
  /** An organisation's type, or for outside parties "channel" / "individual". */
  type: OrganisationType | "channel" | "individual";
  /** The buyer's registered Fuzhou jurisdiction; MUNICIPAL_CODE for city-level units. */
  jurisdictionCode: string;
  /** A trade union's parent unit, whose statistics include it. */
  parentOrgId: number | null;
  /** An enterprise that sells on (supermarket, wholesale market, online shop) is a channel. */
  isChannel?: boolean;
}

export interface Attribution {
  buyerOrgId: number | null;
  buyerName: string;
  buyerType: BuyerType;
  statsOrgId: number | null;
  jurisdictionCode: string;
  countyCode: string;
  paired: boolean;
}

/**
 * Freezes who and where an amount counts for. A municipal unit counts only
 * toward the city total (its jurisdiction is the municipal bucket); a trade
 * union counts in its own district and, for statistics, under its parent;
 * "paired" means the origin county is the one paired with that jurisdiction.
 */
export function attribute(
  buyer: BuyerFacts,
  countyCode: string,
  pairings: ReadonlyMap<string, string>,
): Attribution {
  const buyerType: BuyerType =
    buyer.type === "budget_unit" || buyer.type === "trade_union"
      ? buyer.type
      : buyer.type === "individual"
        ? "individual"
        : buyer.type === "channel" || buyer.isChannel
          ? "channel"
          : "enterprise";
  const statsOrgId =
    buyer.type === "trade_union" && buyer.parentOrgId ? buyer.parentOrgId : buyer.orgId;
  return {
    buyerOrgId: buyer.orgId,
    buyerName: buyer.name,
    buyerType,
    statsOrgId,
    jurisdictionCode: buyer.jurisdictionCode,
    countyCode,
    paired:
      buyer.jurisdictionCode !== MUNICIPAL_CODE &&
      pairings.get(buyer.jurisdictionCode) === countyCode,
  };
}

/** The campaign year an entry belongs to: the Shanghai calendar year it counted in. */
export function campaignYearOf(countedAt: Date): number {
  return Number(shanghaiDate(countedAt).slice(0, 4));
}

/** "YYYY-MM" in Shanghai. */
export function campaignMonthOf(countedAt: Date): string {
  return shanghaiDate(countedAt).slice(0, 7);
}

export interface LedgerEntryFields {
  seq: number;
  countedAt: Date;
  year: number;
  amountFen: number;
  reversesSeq: number | null;
  sourceKind: "order" | "outside_record" | "reversal";
  sourceRef: string;
  buyerOrgId: number | null;
  buyerName: string;
  buyerType: BuyerType;
  statsOrgId: number | null;
  jurisdictionCode: string;
  countyCode: string;
  sellerOrgId: number | null;
  sellerName: string;
  kind: EntryKind;
  channel: Channel;
  certified: boolean;
  paired: boolean;
  invoiceNumber: string | null;
  evidenceRef: string | null;
  recordedBy: number | null;
  verifiedBy: number | null;
  prevHash: string;
}

/**
 * The canonical form hashed for an entry: every field in a fixed order as a
 * JSON array (unambiguous, and the same in any language that re-checks it).
 */
export function canonicalForm(entry: LedgerEntryFields): string {
  return JSON.stringify([
    entry.seq,
    entry.countedAt.getTime(),
    entry.year,
    entry.amountFen,
    entry.reversesSeq,
    entry.sourceKind,
    entry.sourceRef,
    entry.buyerOrgId,
    entry.buyerName,
    entry.buyerType,
    entry.statsOrgId,
    entry.jurisdictionCode,
    entry.countyCode,
    entry.sellerOrgId,
    entry.sellerName,
    entry.kind,
    entry.channel,
    entry.certified ? 1 : 0,
    entry.paired ? 1 : 0,
    entry.invoiceNumber,
    entry.evidenceRef,
    entry.recordedBy,
    entry.verifiedBy,
    entry.prevHash,
  ]);
}

export function entryHash(entry: LedgerEntryFields): string {
  return createHash("sha256").update(canonicalForm(entry)).digest("hex");
}

export type ChainProblem =
  | { seq: number; problem: "sequence"; expected: number }
  | { seq: number; problem: "prev_hash"; expected: string }
  | { seq: number; problem: "hash"; expected: string };

/**
 * Walks entries in sequence order and names the first one that breaks the
 * chain: a gap in the sequence, a previous hash that is not the one before,
 * or a hash that does not match the entry's content.
 */
export class ChainChecker {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  count = 0;
  totalFen = 0;

  /** Returns the problem with this entry, or null; stop at the first problem. */
  check(entry: LedgerEntryFields & { hash: string }): ChainProblem | null {
    if (entry.seq !== this.expectedSeq) {
      return { seq: entry.seq, problem: "sequence", expected: this.expectedSeq };
    }
    if (entry.prevHash !== this.prevHash) {
      return { seq: entry.seq, problem: "prev_hash", expected: this.prevHash };
    }
    const expected = entryHash(entry);
    if (entry.hash !== expected) return { seq: entry.seq, problem: "hash", expected };
    this.expectedSeq += 1;
    this.prevHash = entry.hash;
    this.count += 1;
    this.totalFen += entry.amountFen;
    return null;
  }

  get headHash(): string {
    return this.prevHash;
  }
}

/**
 * Separation of duties: who stands behind an entry. A counted amount needs
 * two different people, one who recorded it (placed the order, entered the
 * record) and another who verified it (accepted the goods, checked the
 * evidence). A reversal takes money off the figures and may be made by the
 * payment system (no one) or by one person, but never names the same person
 * twice. The database enforces the same rule (trigger
 * `ledger_entries_two_people`).
 */
export function twoPeopleProblem(entry: {
  amountFen: number;
  recordedBy: number | null;
  verifiedBy: number | null;
}): "missing_person" | "same_person" | null {
  if (entry.amountFen > 0 && (entry.recordedBy === null || entry.verifiedBy === null))
    return "missing_person";
  if (entry.recordedBy !== null && entry.recordedBy === entry.verifiedBy) return "same_person";
  return null;
}

/**
 * The per-year summary rows an entry adds to, as (dimension, key): the same
 * list the trigger `ledger_entries_summarise` keeps, so a verifier can
 * rebuild every dimension from the entries alone.
 */
export function summaryKeys(
  entry: Pick<
    LedgerEntryFields,
    | "countedAt"
    | "jurisdictionCode"
    | "countyCode"
    | "buyerType"
    | "kind"
    | "channel"
    | "certified"
    | "paired"
    | "statsOrgId"
    | "sellerOrgId"
    | "sellerName"
  >,
): [dimension: string, key: string][] {
  return [
    ["total", ""],
    ["jurisdiction", entry.jurisdictionCode],
    ["county", entry.countyCode],
    ["buyer_type", entry.buyerType],
    ["kind", entry.kind],
    ["channel", entry.channel],
    ["certified", entry.certified ? "1" : "0"],
    ["paired", entry.paired ? "1" : "0"],
    ["month", campaignMonthOf(entry.countedAt)],
    ["stats_org", entry.statsOrgId === null ? "" : String(entry.statsOrgId)],
    ["seller", entry.sellerOrgId === null ? `name:${entry.sellerName}` : String(entry.sellerOrgId)],
  ];
}

/**
 * The parent unit a trade union's purchases count under: only once the
 * parent unit's admin or the office has confirmed the link. Until then the
 * union counts under its own jurisdiction, as its own unit.
 */
export function confirmedParentId(org: {
  parentId: number | null;
  parentConfirmedAt: Date | null;
}): number | null {
  return org.parentId !== null && org.parentConfirmedAt !== null ? org.parentId : null;
}
