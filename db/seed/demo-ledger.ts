/**
 * Demo counted sales: a full year for 2020 (the source document's year) and
 * the current year up to today, as outside records verified by the demo
 * office and appended through the real ledger rule, so the demo's figures
 * obey exactly the rules real ones do. Deterministic: the same every run.
 */
import { eq } from "drizzle-orm";
import { appendEntry, loadPairings } from "../../app/models/ledger.server";
import { shanghaiYear } from "../../app/domain/dates";
import { confirmedParentId, MUNICIPAL_CODE } from "../../app/domain/ledger";
import type { OpenDatabase } from "../client";
import * as schema from "../schema";

/** Mulberry32: a small seeded generator, so the demo is reproducible. */
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

const BUYER_KINDS = [
  {
    type: "budget_unit",
    kind: "purchase",
    weight: 45,
    names: [
      "第一中学食堂",
      "人民医院食堂",
      "机关事务中心",
      "实验小学",
      "区政府机关食堂",
      "职业技术学校",
    ],
  },
  {
    type: "trade_union",
    kind: "purchase",
    weight: 25,
    names: ["教育局工会", "卫健委工会", "总工会", "税务局工会", "供电公司工会"],
  },
  {
    type: "enterprise",
    kind: "purchase",
    weight: 10,
    names: ["福建某食品有限公司", "福州某餐饮管理公司", "某建设集团"],
  },
  {
    type: "channel",
    kind: "helped_sale",
    weight: 18,
    names: ["永辉超市", "海峡农副产品批发市场", "福定农特馆", "朴朴超市", "东西部协作消费扶贫专柜"],
  },
  { type: "individual", kind: "helped_sale", weight: 2, names: ["消费扶贫展销会零售"] },
] as const;

export function seedDemoLedger(database: OpenDatabase, now: Date = new Date()): number {
  const { db } = database;
  const office = db
    .select({ id: schema.users.id, orgId: schema.memberships.orgId })
    .from(schema.users)
    .innerJoin(schema.memberships, eq(schema.memberships.userId, schema.users.id))
    .where(eq(schema.users.email, "office@example.com"))
    .get();
  // Maker and checker are two people, as the ledger requires.
  const verifier = db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.email, "verifier@example.com"))
    .get();
  const sellers = db
    .select({
      id: schema.organisations.id,
      name: schema.organisations.nameZh,
      county: schema.organisations.countyCode,
    })
    .from(schema.organisations)
    .where(eq(schema.organisations.side, "seller"))
    .all();
  const places = db.select().from(schema.jurisdictions).all();
  const categories = db.select().from(schema.categories).all();
  if (!office || !verifier || sellers.length === 0)
    throw new Error("seed the demo organisations first");
  const pairingTable = loadPairings(db);
  // The demo's own buyer organisations buy now and then too, so their pages show figures.
  const demoBuyers = db
    .select()
    .from(schema.organisations)
    .where(eq(schema.organisations.side, "buyer"))
    .all()
    .filter((o) => o.isDemo);
  const next = random(20200301);
  let count = 0;

  const years = [
    { year: 2020, end: Date.UTC(2020, 11, 31, 15, 59) },
    { year: shanghaiYear(now), end: now.getTime() - 3_600_000 },
  ];
  for (const { year, end } of years) {
    const start = Date.UTC(year, 0, 1, -8); // 1 January, 00:00 in Shanghai
    if (end <= start) continue;
    const fraction = (end - start) / (365 * 86_400_000);
    const entries = Math.round(4200 * fraction);
    // Counted in time order, as a real ledger grows.
    const times = Array.from(
      { length: entries },
      () => start + Math.floor(next() * (end - start)),
    ).sort((a, b) => a - b);
    db.transaction((tx) => {
      for (let i = 0; i < entries; i++) {
        const countedAt = new Date(times[i]!);
        const seller = sellers[Math.floor(next() * sellers.length)]!;
        // Paired districts buy more from their own county, as they did in practice.
        const paired = [...pairingTable.entries()].filter(([, county]) => county === seller.county);
        const place =
          paired.length > 0 && next() < 0.45
            ? places.find((p) => p.code === paired[Math.floor(next() * paired.length)]![0])!
            : places[Math.floor(next() * places.length)]!;
        let pick = next() * 100;
        const buyerKind = BUYER_KINDS.find((k) => (pick -= k.weight) < 0) ?? BUYER_KINDS[0];
        const buyerName = `${place.code === MUNICIPAL_CODE ? "福州市" : place.nameZh}${
          buyerKind.names[Math.floor(next() * buyerKind.names.length)]
        }（演示）`;
        // Log-normal-ish amounts: most a few 万元, some large canteen contracts.
        const amountFen = Math.round(Math.exp(7.6 + next() * 3.6) * 2.5) * 100;
        const kind = buyerKind.kind;
        const category = categories[Math.floor(next() * categories.length)]!;
        const saleDate = new Date(countedAt.getTime() - Math.floor(next() * 10) * 86_400_000);
        const registered =
          demoBuyers.length > 0 && next() < 0.04
            ? demoBuyers[Math.floor(next() * demoBuyers.length)]!
            : null;
        const buyer = registered
          ? {
              orgId: registered.id,
              name: registered.nameZh,
              type: registered.type as "budget_unit" | "trade_union",
              jurisdictionCode: registered.jurisdictionCode!,
              parentOrgId: confirmedParentId(registered),
            }
          : {
              orgId: null,
              name: buyerName,
              type: buyerKind.type,
              jurisdictionCode: place.code,
              parentOrgId: null,
            };
        const record = tx
          .insert(schema.outsideRecords)
          .values({
            status: "verified",
            buyerOrgId: buyer.orgId,
            buyerName: buyer.name,
            buyerType: buyer.type,
            jurisdictionCode: buyer.jurisdictionCode,
            countyCode: seller.county!,
            sellerOrgId: seller.id,
            sellerName: seller.name,
            productDescription: category.nameZh,
            categorySlug: category.slug,
            amountFen,
            saleDate: new Date(saleDate.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
            kind: registered ? "purchase" : kind,
            channel: next() < 0.3 ? "online" : "offline",
            certified: next() < 0.93,
            invoiceNumber: `DEMO${year}${String(i + 1).padStart(6, "0")}`,
            recordedBy: office.id,
            recordedOrgId: office.orgId,
            recordedAt: countedAt,
            verifiedBy: verifier.id,
            decidedAt: countedAt,
            isDemo: true,
          })
          .returning()
          .get();
        const entry = appendEntry(
          tx,
          {
            countedAt,
            amountFen,
            sourceKind: "outside_record",
            sourceRef: `demo-record:${record.id}`,
            buyer,
            countyCode: seller.county!,
            seller: { orgId: seller.id, name: seller.name },
            kind: record.kind,
            channel: record.channel,
            certified: record.certified,
            invoiceNumber: record.invoiceNumber,
            evidenceRef: `演示凭证 ${record.invoiceNumber}`,
            recordedBy: office.id,
            verifiedBy: verifier.id,
          },
          pairingTable,
        );
        tx.update(schema.outsideRecords)
          .set({ ledgerSeq: entry.seq })
          .where(eq(schema.outsideRecords.id, record.id))
          .run();
        count += 1;
      }
    });
  }
  return count;
}
