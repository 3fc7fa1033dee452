/**
 * The counted ledger: appending (attributed once and for all, hash-chained,
 * summarised by a trigger in the same transaction), reversing, reading the
 * progress of a year, and re-checking the chain. There is no way to edit.
 */
import type Database from "better-sqlite3";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { clientOf, type DbLike } from "../../db/client";
import { campaignYears, jurisdictionTargets, ledgerEntries, pairings } from "../../db/schema";
import {
  attribute,
  campaignYearOf,
  ChainChecker,
  entryHash,
  GENESIS_HASH,
  MUNICIPAL_CODE,
  summaryKeys,
  twoPeopleProblem,
  type BuyerFacts,
  type Channel,
  type ChainProblem,
  type EntryKind,
  type LedgerEntryFields,
} from "~/domain/ledger";
import { statement } from "./statements.server";

export class LedgerRefusal extends Error {
  constructor(
    readonly reason:
      | "duplicate_source"
      | "duplicate_invoice"
      | "not_reversible"
      | "missing_person"
      | "same_person",
  ) {
    super(reason);
  }
}

const SQL_DUPLICATE_SOURCE =
  "select 1 from ledger_entries where source_kind = ? and source_ref = ?";
const SQL_DUPLICATE_INVOICE = `select 1 from ledger_entries
  where seller_key = ? and invoice_number = ? and source_kind <> 'reversal'`;
const SQL_HEAD = "select seq, hash from ledger_entries order by seq desc limit 1";
const SQL_INSERT = `insert into ledger_entries (seq, counted_at, year, amount_fen, reverses_seq,
  source_kind, source_ref, buyer_org_id, buyer_name, buyer_type, stats_org_id, jurisdiction_code,
  county_code, seller_org_id, seller_name, kind, channel, certified, paired, invoice_number,
  evidence_ref, recorded_by, verified_by, prev_hash, hash)
  values (@seq, @countedAt, @year, @amountFen, @reversesSeq, @sourceKind, @sourceRef, @buyerOrgId,
  @buyerName, @buyerType, @statsOrgId, @jurisdictionCode, @countyCode, @sellerOrgId, @sellerName,
  @kind, @channel, @certified, @paired, @invoiceNumber, @evidenceRef, @recordedBy, @verifiedBy,
  @prevHash, @hash)`;

export function loadPairings(db: DbLike): Map<string, string> {
  return new Map(
    db
      .select()
      .from(pairings)
      .all()
      .map((p) => [p.jurisdictionCode, p.countyCode]),
  );
}

export interface AppendInput {
  countedAt: Date;
  amountFen: number;
  sourceKind: "order" | "outside_record";
  sourceRef: string;
  buyer: BuyerFacts;
  countyCode: string;
  seller: { orgId: number | null; name: string };
  kind: EntryKind;
  channel: Channel;
  certified: boolean;
  invoiceNumber: string | null;
  evidenceRef: string | null;
  recordedBy: number | null;
  verifiedBy: number | null;
}

function head(db: DbLike): { seq: number; hash: string } {
  const last = statement(clientOf(db), SQL_HEAD).get() as { seq: number; hash: string } | undefined;
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

function insertEntry(db: DbLike, entry: LedgerEntryFields): LedgerEntryFields & { hash: string } {
  const hash = entryHash(entry);
  statement(clientOf(db), SQL_INSERT).run({
    ...entry,
    countedAt: entry.countedAt.getTime(),
    certified: entry.certified ? 1 : 0,
    paired: entry.paired ? 1 : 0,
    hash,
  });
  return { ...entry, hash };
}

/**
 * Counts an amount: attributes it with today's pairing table, chains it to
 * the head and appends it. Call inside the transaction that makes it count
 * (verifying a record, accepting an invoiced order), so both happen or neither.
 */
export function appendEntry(db: DbLike, input: AppendInput, pairingTable = loadPairings(db)) {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new RangeError("a counted amount is a positive number of fen");
  }
  const people = twoPeopleProblem(input);
  if (people) throw new LedgerRefusal(people);
  const client = clientOf(db);
  if (statement(client, SQL_DUPLICATE_SOURCE).get(input.sourceKind, input.sourceRef)) {
    throw new LedgerRefusal("duplicate_source");
  }
  if (input.invoiceNumber) {
    const sellerKey =
      input.seller.orgId !== null ? String(input.seller.orgId) : `name:${input.seller.name}`;
    if (statement(client, SQL_DUPLICATE_INVOICE).get(sellerKey, input.invoiceNumber)) {
      throw new LedgerRefusal("duplicate_invoice");
    }
  }
  const attribution = attribute(input.buyer, input.countyCode, pairingTable);
  const previous = head(db);
  return insertEntry(db, {
    seq: previous.seq + 1,
    countedAt: input.countedAt,
    year: campaignYearOf(input.countedAt),
    amountFen: input.amountFen,
    reversesSeq: null,
    sourceKind: input.sourceKind,
    sourceRef: input.sourceRef,
    ...attribution,
    sellerOrgId: input.seller.orgId,
    sellerName: input.seller.name,
    kind: input.kind,
    channel: input.channel,
    certified: input.certified,
    invoiceNumber: input.invoiceNumber,
    evidenceRef: input.evidenceRef,
    recordedBy: input.recordedBy,
    verifiedBy: input.verifiedBy,
    prevHash: previous.hash,
  });
}

/**
 * Voids a counted entry with a negative entry carrying the same attribution.
 * It counts in the year it is made (nothing past is edited); an entry can be
 * reversed once, and a reversal cannot be reversed.
 */
export function reverseEntry(
  db: DbLike,
  input: {
    seq: number;
    countedAt: Date;
    recordedBy: number | null;
    verifiedBy: number | null;
    evidenceRef: string;
  },
) {
  const original = db.select().from(ledgerEntries).where(eq(ledgerEntries.seq, input.seq)).get();
  if (!original || original.sourceKind === "reversal") throw new LedgerRefusal("not_reversible");
  const already = db
    .select({ seq: ledgerEntries.seq })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.reversesSeq, input.seq))
    .get();
  if (already) throw new LedgerRefusal("not_reversible");
  const people = twoPeopleProblem({ ...input, amountFen: -original.amountFen });
  if (people) throw new LedgerRefusal(people);
  const previous = head(db);
  return insertEntry(db, {
    seq: previous.seq + 1,
    countedAt: input.countedAt,
    year: campaignYearOf(input.countedAt),
    amountFen: -original.amountFen,
    reversesSeq: original.seq,
    sourceKind: "reversal",
    sourceRef: `reversal:${original.seq}`,
    buyerOrgId: original.buyerOrgId,
    buyerName: original.buyerName,
    buyerType: original.buyerType,
    statsOrgId: original.statsOrgId,
    jurisdictionCode: original.jurisdictionCode,
    countyCode: original.countyCode,
    sellerOrgId: original.sellerOrgId,
    sellerName: original.sellerName,
    kind: original.kind,
    channel: original.channel,
    certified: original.certified,
    paired: original.paired,
    invoiceNumber: original.invoiceNumber,
    evidenceRef: input.evidenceRef,
    recordedBy: input.recordedBy,
    verifiedBy: input.verifiedBy,
    prevHash: previous.hash,
  });
}

/** The figures of a campaign year, in the exact shape of /progress.json. */
export interface YearProgress {
  year: number;
  currency: "CNY";
  generatedAt: string;
  target: { totalFen: number; peopleLifted: number };
  counted: {
    totalFen: number;
    purchaseFen: number;
    helpedSaleFen: number;
    onlineFen: number;
    offlineFen: number;
    certifiedFen: number;
    peopleLifted: number;
  };
  jurisdictions: {
    code: string;
    name: string;
    targetFen: number;
    countedFen: number;
    pairedCountyCode: string | null;
  }[];
  municipalFen: number;
  originCounties: { code: string; name: string; countedFen: number }[];
  buyerTypes: { type: string; countedFen: number }[];
  months: { month: string; countedFen: number }[];
  ledger: { entries: number; headHash: string };
}

export function yearProgress(
  sqlite: Database.Database,
  db: DbLike,
  year: number,
  language: "zh-CN" | "en",
  now = new Date(),
): YearProgress {
  const rows = statement(
    sqlite,
    "select dimension, key, amount_fen as amountFen, entries from ledger_summary where year = ?",
  ).all(year) as { dimension: string; key: string; amountFen: number; entries: number }[];
  const sum = (dimension: string, key: string) =>
    rows.find((r) => r.dimension === dimension && r.key === key)?.amountFen ?? 0;
  const byDimension = (dimension: string) => rows.filter((r) => r.dimension === dimension);

  const target = db.select().from(campaignYears).where(eq(campaignYears.year, year)).get();
  const targets = new Map(
    db
      .select()
      .from(jurisdictionTargets)
      .where(eq(jurisdictionTargets.year, year))
      .all()
      .map((t) => [t.jurisdictionCode, t.targetFen]),
  );
  const pairingTable = loadPairings(db);
  const name = (row: { nameZh: string; nameEn: string }) =>
    language === "en" ? row.nameEn : row.nameZh;
  const places = statement(
    sqlite,
    "select code, name_zh as nameZh, name_en as nameEn, kind from jurisdictions order by sort_order",
  ).all() as { code: string; nameZh: string; nameEn: string; kind: string }[];
  const counties = statement(
    sqlite,
    "select code, name_zh as nameZh, name_en as nameEn from origin_counties order by sort_order",
  ).all() as { code: string; nameZh: string; nameEn: string }[];

  const sellerIds = byDimension("seller")
    .filter((r) => r.amountFen > 0 && /^\d+$/.test(r.key))
    .map((r) => Number(r.key));
  const peopleLifted =
    sellerIds.length === 0
      ? 0
      : (
          statement(
            sqlite,
            "select coalesce(sum(people_lifted), 0) as n from organisations where id in (select value from json_each(?))",
          ).get(JSON.stringify(sellerIds)) as { n: number }
        ).n;

  const headRow = statement(
    sqlite,
    "select hash from ledger_entries order by seq desc limit 1",
  ).get() as { hash: string } | undefined;
  // Every entry is summed under "total" in the year it counts, so no scan of the ledger is needed.
  const entries = (
    statement(
      sqlite,
      "select coalesce(sum(entries), 0) as n from ledger_summary where dimension = 'total'",
    ).get() as { n: number }
  ).n;

  return {
    year,
    currency: "CNY",
    generatedAt: now.toISOString(),
    target: { totalFen: target?.cityTargetFen ?? 0, peopleLifted: target?.peopleTarget ?? 0 },
    counted: {
      totalFen: sum("total", ""),
      purchaseFen: sum("kind", "purchase"),
      helpedSaleFen: sum("kind", "helped_sale"),
      onlineFen: sum("channel", "online"),
      offlineFen: sum("channel", "offline"),
      certifiedFen: sum("certified", "1"),
      peopleLifted,
    },
    jurisdictions: places
      .filter((p) => p.code !== MUNICIPAL_CODE)
      .map((p) => ({
        code: p.code,
        name: name(p),
        targetFen: targets.get(p.code) ?? 0,
        countedFen: sum("jurisdiction", p.code),
        pairedCountyCode: pairingTable.get(p.code) ?? null,
      })),
    municipalFen: sum("jurisdiction", MUNICIPAL_CODE),
    originCounties: counties.map((c) => ({
      code: c.code,
      name: name(c),
      countedFen: sum("county", c.code),
    })),
    buyerTypes: ["budget_unit", "trade_union", "enterprise", "channel", "individual"].map(
      (type) => ({
        type,
        countedFen: sum("buyer_type", type),
      }),
    ),
    months: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, "0")}`;
      return { month, countedFen: sum("month", month) };
    }),
    ledger: { entries, headHash: headRow?.hash ?? GENESIS_HASH },
  };
}

export interface EntryFilter {
  year?: number;
  jurisdiction?: string;
  county?: string;
  buyerType?: string;
  kind?: string;
  channel?: string;
  certified?: boolean;
  month?: string;
  statsOrgId?: number;
  page?: number;
}

export const ENTRY_PAGE_SIZE = 50;

/** The entries behind a figure, newest first. */
export function listEntries(db: DbLike, filter: EntryFilter) {
  const where: SQL[] = [];
  if (filter.year) where.push(eq(ledgerEntries.year, filter.year));
  if (filter.jurisdiction) where.push(eq(ledgerEntries.jurisdictionCode, filter.jurisdiction));
  if (filter.county) where.push(eq(ledgerEntries.countyCode, filter.county));
  if (filter.buyerType) where.push(sql`${ledgerEntries.buyerType} = ${filter.buyerType}`);
  if (filter.kind) where.push(sql`${ledgerEntries.kind} = ${filter.kind}`);
  if (filter.channel) where.push(sql`${ledgerEntries.channel} = ${filter.channel}`);
  if (filter.certified !== undefined) where.push(eq(ledgerEntries.certified, filter.certified));
  if (filter.statsOrgId) where.push(eq(ledgerEntries.statsOrgId, filter.statsOrgId));
  if (filter.month) {
    where.push(
      sql`strftime('%Y-%m', ${ledgerEntries.countedAt} / 1000, 'unixepoch', '+8 hours') = ${filter.month}`,
    );
  }
  const condition = where.length > 0 ? and(...where) : undefined;
  const page = Math.max(1, filter.page ?? 1);
  const rows = db
    .select()
    .from(ledgerEntries)
    .where(condition)
    .orderBy(desc(ledgerEntries.seq))
    .limit(ENTRY_PAGE_SIZE)
    .offset((page - 1) * ENTRY_PAGE_SIZE)
    .all();
  const totals = db
    .select({
      n: sql<number>`count(*)`,
      fen: sql<number>`coalesce(sum(${ledgerEntries.amountFen}), 0)`,
    })
    .from(ledgerEntries)
    .where(condition)
    .get() ?? { n: 0, fen: 0 };
  return {
    rows,
    total: totals.n,
    totalFen: totals.fen,
    page,
    pageCount: Math.ceil(totals.n / ENTRY_PAGE_SIZE),
  };
}

export interface VerifyReport {
  entries: number;
  headHash: string;
  totalFen: number;
  problem: ChainProblem | null;
  /** Summary rows (any year, any dimension) that differ from what the entries add up to. */
  summaryMismatches: SummaryMismatch[];
}

export interface SummaryMismatch {
  year: number;
  dimension: string;
  key: string;
  ledgerFen: number;
  summaryFen: number;
  ledgerEntries: number;
  summaryEntries: number;
}

/**
 * Re-computes the whole chain from the database and compares the totals with
 * the summary the dashboard reads. Anything edited behind the application's
 * back shows up as the first bad entry or a mismatching year.
 */
export function verifyLedger(sqlite: Database.Database): VerifyReport {
  const checker = new ChainChecker();
  let problem: ChainProblem | null = null;
  // Every (year, dimension, key) the summary trigger keeps, rebuilt from the entries.
  const rebuilt = new Map<string, { fen: number; entries: number }>();
  const iterate = sqlite
    .prepare(
      `select seq, counted_at as countedAt, year, amount_fen as amountFen, reverses_seq as reversesSeq,
        source_kind as sourceKind, source_ref as sourceRef, buyer_org_id as buyerOrgId,
        buyer_name as buyerName, buyer_type as buyerType, stats_org_id as statsOrgId,
        jurisdiction_code as jurisdictionCode, county_code as countyCode,
        seller_org_id as sellerOrgId, seller_name as sellerName, kind, channel, certified, paired,
        invoice_number as invoiceNumber, evidence_ref as evidenceRef, recorded_by as recordedBy,
        verified_by as verifiedBy, prev_hash as prevHash, hash
       from ledger_entries order by seq`,
    )
    .iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of iterate) {
    const entry = {
      ...(row as unknown as LedgerEntryFields & { hash: string }),
      countedAt: new Date(row.countedAt as number),
      certified: row.certified === 1,
      paired: row.paired === 1,
    };
    problem = checker.check(entry);
    if (problem) break;
    for (const [dimension, key] of summaryKeys(entry)) {
      const id = JSON.stringify([entry.year, dimension, key]);
      const sum = rebuilt.get(id) ?? { fen: 0, entries: 0 };
      sum.fen += entry.amountFen;
      sum.entries += 1;
      rebuilt.set(id, sum);
    }
  }
  const summary = new Map(
    (
      sqlite
        .prepare("select year, dimension, key, amount_fen as fen, entries from ledger_summary")
        .all() as { year: number; dimension: string; key: string; fen: number; entries: number }[]
    ).map((row) => [JSON.stringify([row.year, row.dimension, row.key]), row]),
  );
  const summaryMismatches: SummaryMismatch[] = [];
  if (!problem) {
    for (const id of new Set([...rebuilt.keys(), ...summary.keys()])) {
      const [year, dimension, key] = JSON.parse(id) as [number, string, string];
      const fromLedger = rebuilt.get(id) ?? { fen: 0, entries: 0 };
      const fromSummary = summary.get(id) ?? { fen: 0, entries: 0 };
      if (fromLedger.fen !== fromSummary.fen || fromLedger.entries !== fromSummary.entries)
        summaryMismatches.push({
          year,
          dimension,
          key,
          ledgerFen: fromLedger.fen,
          summaryFen: fromSummary.fen,
          ledgerEntries: fromLedger.entries,
          summaryEntries: fromSummary.entries,
        });
    }
    summaryMismatches.sort((a, b) => a.year - b.year || a.dimension.localeCompare(b.dimension));
  }
  return {
    entries: checker.count,
    headHash: checker.headHash,
    totalFen: checker.totalFen,
    problem,
    summaryMismatches,
  };
}
