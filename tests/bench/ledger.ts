/**
 * `npm run bench:ledger`: the counted ledger's speed as it grows. Starts from
 * an empty ledger in a scratch database (reference data and 20 sellers only),
 * appends BENCH_LEDGER_ENTRIES entries (default 1,000,000) through the real
 * appendEntry (attribution, hash chain, summary trigger), 5,000 per
 * transaction, and prints:
 *   - the append rate over the first 10,000 entries and over the whole run,
 *   - the dashboard query (yearProgress) time, median of 20, at 10,000 entries
 *     and at the end,
 *   - the time to re-check the whole chain (verifyLedger) and its verdict,
 *   - the database file's size.
 * Deterministic: the same entries every run. Set BENCH_LEDGER_KEEP=1 to keep
 * the scratch database.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../db/client";
import { seedReference } from "../../db/seed/seed";
import {
  appendEntry,
  loadPairings,
  verifyLedger,
  yearProgress,
} from "../../app/models/ledger.server";
import { shanghaiYear } from "../../app/domain/dates";
import {
  MUNICIPAL_CODE,
  type BuyerFacts,
  type Channel,
  type EntryKind,
} from "../../app/domain/ledger";

const TOTAL = Number(process.env.BENCH_LEDGER_ENTRIES ?? 1_000_000);
const KEEP = process.env.BENCH_LEDGER_KEEP === "1";
const BATCH = 5_000;
const FIRST = Math.min(10_000, TOTAL);
const PROGRESS_EVERY = 100_000;
const DASHBOARD_RUNS = 20;
const SELLERS = 20;
const BUYERS = 400;

/** Mulberry32: a small seeded generator, so every run appends the same entries. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BUYER_KINDS: {
  type: BuyerFacts["type"];
  kind: EntryKind;
  weight: number;
  names: string[];
}[] = [
  { type: "budget_unit", kind: "purchase", weight: 45, names: ["第一中学食堂", "人民医院食堂"] },
  { type: "trade_union", kind: "purchase", weight: 25, names: ["教育局工会", "总工会"] },
  { type: "enterprise", kind: "purchase", weight: 10, names: ["某食品有限公司", "某建设集团"] },
  { type: "channel", kind: "helped_sale", weight: 18, names: ["超市", "农副产品批发市场"] },
  { type: "individual", kind: "helped_sale", weight: 2, names: ["展销会零售"] },
];

interface Buyer {
  facts: BuyerFacts;
  kind: EntryKind;
}

interface Seller {
  id: number;
  name: string;
  county: string;
  invoices: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const fileSize = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

function main() {
  const dir = mkdtempSync(join(tmpdir(), "fdx-bench-ledger-"));
  const file = join(dir, "ledger.db");
  const database = openDatabase(file);
  const { db, sqlite } = database;
  const now = new Date();
  seedReference(database, now);
  const year = shanghaiYear(now);

  // Sellers: plain rows, one per county in turn; the codes need not be valid here.
  const counties = (
    sqlite.prepare("select code from origin_counties order by sort_order").all() as {
      code: string;
    }[]
  ).map((c) => c.code);
  const insertSeller = sqlite.prepare(
    `insert into organisations (side, type, name_zh, credit_code, county_code, status, people_lifted)
     values ('seller', 'cooperative', ?, ?, ?, 'approved', ?) returning id`,
  );
  const sellers: Seller[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < SELLERS; i++) {
      const county = counties[i % counties.length]!;
      const name = `基准测试合作社${String(i + 1).padStart(2, "0")}`;
      const row = insertSeller.get(name, `BENCH${String(i).padStart(13, "0")}`, county, 50 + i) as {
        id: number;
      };
      sellers.push({ id: row.id, name, county, invoices: 0 });
    }
  })();

  // Buyers: outside parties spread over every jurisdiction (codes from the table).
  const places = sqlite
    .prepare("select code, name_zh as nameZh from jurisdictions order by sort_order")
    .all() as { code: string; nameZh: string }[];
  const next = random(20261128);
  const totalWeight = BUYER_KINDS.reduce((sum, k) => sum + k.weight, 0);
  const buyers: Buyer[] = Array.from({ length: BUYERS }, (_, i) => {
    const place = places[Math.floor(next() * places.length)]!;
    let pick = next() * totalWeight;
    const buyerKind = BUYER_KINDS.find((k) => (pick -= k.weight) < 0) ?? BUYER_KINDS[0]!;
    const prefix = place.code === MUNICIPAL_CODE ? "福州市" : place.nameZh;
    return {
      facts: {
        orgId: null,
        name: `${prefix}${buyerKind.names[i % buyerKind.names.length]!}${i + 1}号`,
        type: buyerKind.type,
        jurisdictionCode: place.code,
        parentOrgId: null,
      },
      kind: buyerKind.kind,
    };
  });

  const pairingTable = loadPairings(db);
  // Paired districts buy more from their own county, as they did in practice.
  const pairedBuyers = new Map<string, Buyer[]>();
  for (const buyer of buyers) {
    const county = pairingTable.get(buyer.facts.jurisdictionCode);
    if (!county) continue;
    pairedBuyers.set(county, [...(pairedBuyers.get(county) ?? []), buyer]);
  }

  // Counted times rise through the year so far, 1 January 00:00 Shanghai to an hour ago.
  const start = Date.UTC(year, 0, 1, -8);
  const end = Math.max(now.getTime() - 3_600_000, start + 86_400_000);
  const step = (end - start) / TOTAL;

  let appended = 0;
  let appendMs = 0;
  let expectedFen = 0;

  function appendBatch(count: number) {
    const started = performance.now();
    db.transaction((tx) => {
      for (let n = 0; n < count; n++) {
        const i = appended + n;
        const seller = sellers[Math.floor(next() * sellers.length)]!;
        const paired = pairedBuyers.get(seller.county);
        const buyer =
          paired && next() < 0.45
            ? paired[Math.floor(next() * paired.length)]!
            : buyers[Math.floor(next() * buyers.length)]!;
        // Log-normal-ish amounts: most a few 万元, some large canteen contracts.
        const amountFen = Math.round(Math.exp(7.6 + next() * 3.6) * 2.5) * 100;
        const channel: Channel = next() < 0.3 ? "online" : "offline";
        const fromOrder = channel === "online" && next() < 0.7;
        seller.invoices += 1;
        appendEntry(
          tx,
          {
            countedAt: new Date(Math.floor(start + (i + next()) * step)),
            amountFen,
            sourceKind: fromOrder ? "order" : "outside_record",
            sourceRef: fromOrder ? `bench-order:${i + 1}` : `bench-record:${i + 1}`,
            buyer: buyer.facts,
            countyCode: seller.county,
            seller: { orgId: seller.id, name: seller.name },
            kind: buyer.kind,
            channel,
            certified: next() < 0.93,
            invoiceNumber: `INV${String(seller.id).padStart(3, "0")}-${String(seller.invoices).padStart(8, "0")}`,
            evidenceRef: fromOrder ? null : `凭证 ${i + 1}`,
            // Two different people stand behind a counted entry (ids need no user row).
            recordedBy: 1,
            verifiedBy: 2,
          },
          pairingTable,
        );
        expectedFen += amountFen;
      }
    });
    appended += count;
    appendMs += performance.now() - started;
  }

  function appendUpTo(target: number, onProgress?: () => void) {
    while (appended < target) {
      const before = appended;
      appendBatch(Math.min(BATCH, target - appended));
      if (onProgress && Math.floor(appended / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY))
        onProgress();
    }
  }

  function dashboardMs(): number {
    const times: number[] = [];
    for (let run = 0; run < DASHBOARD_RUNS; run++) {
      const started = performance.now();
      const progress = yearProgress(sqlite, db, year, "zh-CN");
      times.push(performance.now() - started);
      if (progress.ledger.entries !== appended || progress.counted.totalFen !== expectedFen) {
        throw new Error(
          `dashboard disagrees: ${progress.ledger.entries} entries, ${progress.counted.totalFen} fen; expected ${appended}, ${expectedFen}`,
        );
      }
    }
    return median(times);
  }

  console.log(`scratch database ${file}`);
  console.log(
    `appending ${TOTAL.toLocaleString("en")} entries for ${year} through appendEntry, ${BATCH.toLocaleString("en")} per transaction (${SELLERS} sellers, ${buyers.length} buyers)\n`,
  );

  appendUpTo(FIRST);
  const firstRate = perSecond(FIRST, appendMs);
  console.log(
    `first ${FIRST.toLocaleString("en")} entries: ${seconds(appendMs)} s, ${firstRate} entries/s`,
  );
  const dashboardFirst = dashboardMs();
  console.log(
    `dashboard query (yearProgress) at ${appended.toLocaleString("en")} entries: ${dashboardFirst.toFixed(2)} ms (median of ${DASHBOARD_RUNS})\n`,
  );

  let lastMark = { entries: appended, ms: appendMs };
  appendUpTo(TOTAL, () => {
    console.log(
      `${appended.toLocaleString("en").padStart(10)} entries  ${seconds(appendMs).padStart(7)} s  ${perSecond(appended - lastMark.entries, appendMs - lastMark.ms).padStart(7)} entries/s (last stretch)  ${perSecond(appended, appendMs).padStart(7)} entries/s (overall)`,
    );
    lastMark = { entries: appended, ms: appendMs };
  });
  const overallRate = perSecond(appended, appendMs);
  console.log(
    `\nall ${appended.toLocaleString("en")} entries: ${seconds(appendMs)} s appending, ${overallRate} entries/s`,
  );
  const dashboardLast = dashboardMs();
  console.log(
    `dashboard query (yearProgress) at ${appended.toLocaleString("en")} entries: ${dashboardLast.toFixed(2)} ms (median of ${DASHBOARD_RUNS})`,
  );

  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const dbBytes = fileSize(file);
  const walBytes = fileSize(`${file}-wal`);
  console.log(
    `database file: ${megabytes(dbBytes)} MB (WAL after checkpoint: ${megabytes(walBytes)} MB), ${Math.round(dbBytes / appended)} bytes per entry`,
  );

  const verifyStarted = performance.now();
  const report = verifyLedger(sqlite);
  const verifyMs = performance.now() - verifyStarted;
  const sound =
    report.problem === null &&
    report.summaryMismatches.length === 0 &&
    report.entries === appended &&
    report.totalFen === expectedFen;
  console.log(
    `verifyLedger: ${report.entries.toLocaleString("en")} entries in ${seconds(verifyMs)} s, ${perSecond(report.entries, verifyMs)} entries/s, ${sound ? "no problem found" : `PROBLEM: ${JSON.stringify({ problem: report.problem, mismatches: report.summaryMismatches })}`}`,
  );

  const rows: [string, string][] = [
    [`append rate, first ${FIRST.toLocaleString("en")}`, `${firstRate} entries/s`],
    ["append rate, whole run", `${overallRate} entries/s (${seconds(appendMs)} s)`],
    [`dashboard at ${FIRST.toLocaleString("en")}`, `${dashboardFirst.toFixed(2)} ms`],
    [`dashboard at ${appended.toLocaleString("en")}`, `${dashboardLast.toFixed(2)} ms`],
    [
      "verify",
      `${perSecond(report.entries, verifyMs)} entries/s, ${sound ? "chain and summary sound" : "PROBLEM"}`,
    ],
    ["database file", `${megabytes(dbBytes)} MB`],
  ];
  console.log(
    `\nsummary (${appended.toLocaleString("en")} entries, one writer, WAL, synchronous=FULL)`,
  );
  for (const [label, value] of rows) console.log(`  ${`${label}:`.padEnd(28)} ${value}`);

  sqlite.close();
  if (KEEP) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
  if (!sound) process.exitCode = 1;
}

main();
