/**
 * No one person makes a yuan count. One person who holds every role there is
 * (purchaser and approver of two buying units, admin of the selling
 * cooperative, office admin) tries every step of every order and record, in
 * every capacity, until nothing more changes: nothing reaches the ledger.
 * The same steps with a second person do count, so the search is able to
 * count when the rule allows it. The database refuses such an entry too.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderActions, type OrderActor } from "~/domain/order-status";
import { hashPassword } from "~/domain/passwords";
import { appendEntry, LedgerRefusal } from "~/models/ledger.server";
import {
  actOnOrder,
  attachTransferSlip,
  placeOrders,
  recordInvoice,
  type CheckoutDetails,
  type OrderActorRef,
} from "~/models/orders.server";
import { setCartQuantity } from "~/models/cart.server";
import { createRecord, importRecords, verifyBatch, verifyRecord } from "~/models/records.server";
import {
  ledgerEntries,
  memberships,
  organisations,
  orders,
  products,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase();
afterAll(() => sqlite.close());

const details: CheckoutDetails = {
  deliveryAddress: "福州市鼓楼区机关食堂",
  contactName: "林采购",
  contactPhone: "0591-87000000",
  invoiceTitle: "福州市鼓楼区机关事务服务中心",
  taxNumber: "12350102MB0000000X",
  poReference: "",
  purpose: "canteen",
  paymentMethod: "bank_transfer",
};

let solo: number; // the one person
let second: number; // a colleague, for the control
let buyerA: number; // a unit where the person is purchaser
let buyerB: number; // a unit where the person is approver
let sellerOrg: number;
let officeOrg: number;
let product: typeof products.$inferSelect;

const ledgerCount = () =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(ledgerEntries)
    .get()!.n;

function newUser(email: string): number {
  return db
    .insert(users)
    .values({ email, name: email, passwordHash: "x" })
    .returning({ id: users.id })
    .get().id;
}

beforeAll(async () => {
  // A real hash keeps the row like any other account's.
  const hash = await hashPassword("a long enough password");
  solo = newUser("solo@example.org");
  second = newUser("colleague@example.org");
  db.update(users).set({ passwordHash: hash }).run();
  product = db
    .select()
    .from(products)
    .where(and(eq(products.status, "listed"), sql`${products.stock} >= 1000`))
    .get()!;
  sellerOrg = product.sellerId;
  const buyers = db
    .select()
    .from(organisations)
    .where(and(eq(organisations.side, "buyer"), eq(organisations.type, "budget_unit")))
    .all();
  buyerA = buyers[0]!.id;
  buyerB = db
    .insert(organisations)
    .values({
      side: "buyer",
      type: "budget_unit",
      nameZh: "测试单位乙",
      creditCode: "12350102TEST00002X",
      jurisdictionCode: "350102",
      status: "approved",
      approvalThresholdFen: 1, // every order needs sign-off
    })
    .returning({ id: organisations.id })
    .get().id;
  officeOrg = db.select().from(organisations).where(eq(organisations.side, "office")).get()!.id;
  db.insert(memberships)
    .values([
      { userId: solo, orgId: buyerA, role: "purchaser", status: "approved" },
      { userId: solo, orgId: buyerB, role: "approver", status: "approved" },
      { userId: solo, orgId: sellerOrg, role: "seller_admin", status: "approved" },
      { userId: solo, orgId: officeOrg, role: "office_admin", status: "approved" },
      { userId: second, orgId: buyerA, role: "approver", status: "approved" },
      { userId: second, orgId: buyerB, role: "purchaser", status: "approved" },
    ])
    .run();
});

let keys = 0;
function placeAs(userId: number, buyerOrgId: number): number {
  db.run(sql`delete from cart_items`);
  setCartQuantity(db, {
    buyerOrgId,
    userId,
    productId: product.id,
    qty: product.minOrderQty,
    mode: "set",
  });
  const placed = placeOrders(db, {
    buyerOrgId,
    userId,
    ip: "198.51.100.7",
    idempotencyKey: `sod-${++keys}`,
    details,
  });
  if (!placed.ok) throw new Error(placed.reason);
  return placed.orderIds[0]!;
}

/** Every capacity the one person can act in on an order of `buyerOrgId`. */
function capacities(userId: number, buyerOrgId: number): OrderActorRef[] {
  const own = db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "approved")))
    .all();
  const list: OrderActorRef[] = [];
  for (const m of own) {
    const as: OrderActor[] =
      m.orgId === buyerOrgId
        ? ["buyer", "approver"]
        : m.orgId === sellerOrg
          ? ["seller"]
          : m.orgId === officeOrg
            ? ["office"]
            : [];
    for (const a of as) list.push({ userId, orgId: m.orgId, ip: "198.51.100.7", as: a });
  }
  return list;
}

/**
 * Tries every step in every capacity, with a note and a slip and an invoice
 * on hand, again and again until a whole round changes nothing.
 */
function exhaust(orderId: number, people: number[], buyerOrgId: number) {
  const snapshot = () =>
    JSON.stringify(db.select().from(orders).where(eq(orders.id, orderId)).get());
  for (let round = 0; round < 30; round++) {
    const before = snapshot();
    for (const person of people) {
      for (const actor of capacities(person, buyerOrgId)) {
        attachTransferSlip(db, {
          orderId,
          actor,
          file: { key: `slip-${orderId}.pdf`, type: "application/pdf" },
        });
        for (const action of orderActions) {
          if (action === "complete") continue;
          try {
            actOnOrder(db, {
              orderId,
              action,
              actor,
              note: "已核对",
              carrier: "EMS",
              trackingNumber: "E1",
            });
          } catch (error) {
            if (!(error instanceof LedgerRefusal)) throw error;
          }
        }
        recordInvoice(db, {
          orderId,
          actor,
          invoiceNumber: `INV-${orderId}`,
          file: null,
        });
      }
    }
    if (snapshot() === before) return;
  }
}

describe("one person, every role, every step", () => {
  it("cannot put an order on the ledger, below or above the approval amount", () => {
    const before = ledgerCount();
    const below = placeAs(solo, buyerA);
    exhaust(below, [solo], buyerA);
    // In unit B the person is an approver and places there too.
    const above = placeAs(solo, buyerB);
    exhaust(above, [solo], buyerB);
    expect(ledgerCount()).toBe(before);
    for (const id of [below, above]) {
      const order = db.select().from(orders).where(eq(orders.id, id)).get()!;
      expect(order.countedSeq).toBeNull();
      expect(order.status).not.toBe("completed");
    }
  });

  it("while two people taking the same steps do count it, naming both", () => {
    const before = ledgerCount();
    const id = placeAs(solo, buyerA);
    exhaust(id, [solo, second], buyerA);
    const order = db.select().from(orders).where(eq(orders.id, id)).get()!;
    expect(order.countedSeq).not.toBeNull();
    const entry = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.seq, order.countedSeq!))
      .get()!;
    expect(entry).toMatchObject({
      amountFen: order.totalFen,
      recordedBy: solo,
      verifiedBy: second,
    });
    // The search goes on to refund it too (one person may take money off the figures).
    expect(ledgerCount()).toBeGreaterThan(before);
  });

  it("cannot count an outside record, as office or as a buyer unit, one by one or in a batch", () => {
    const before = ledgerCount();
    const record = {
      buyerName: "测试单位乙",
      buyerType: "budget_unit" as const,
      jurisdictionCode: "350102",
      sellerOrgId: sellerOrg,
      countyCode: product.countyCode,
      productDescription: "马铃薯",
      amount: 12_345_00,
      saleDate: "2026-03-01",
      kind: "purchase" as const,
      channel: "offline" as const,
      certified: true,
      invoiceNumber: "SOD-1",
      contractRef: "",
    };
    const evidence = { key: "sod.pdf", type: "application/pdf" as const, sha256: "sod" };
    const asOffice = { userId: solo, orgId: officeOrg, ip: "" };
    const asBuyer = { userId: solo, orgId: buyerB, ip: "" };
    const byOffice = createRecord(db, { record, evidence, actor: asOffice });
    const byBuyer = createRecord(db, {
      record: { ...record, invoiceNumber: "SOD-2" },
      evidence,
      actor: asBuyer,
      buyerOrgId: buyerB,
    });
    for (const recordId of [byOffice, byBuyer])
      expect(verifyRecord(db, { recordId, actor: asOffice })).toEqual({
        ok: false,
        reason: "own_record",
      });
    importRecords(db, {
      rows: [{ ...record, line: 2, sellerName: "x", invoiceNumber: "SOD-3", amountFen: 1_00 }],
      batch: "sod-batch",
      sha256: "sod-batch",
      actor: asOffice,
    });
    expect(verifyBatch(db, { batch: "sod-batch", actor: asOffice })).toMatchObject({
      ok: false,
      reason: "own_record",
    });
    expect(ledgerCount()).toBe(before);
  });

  it("the database itself refuses an entry recorded and verified by the same person", () => {
    const input = {
      countedAt: new Date(),
      amountFen: 100,
      sourceKind: "outside_record" as const,
      buyer: {
        orgId: null,
        name: "x",
        type: "budget_unit" as const,
        jurisdictionCode: "350102",
        parentOrgId: null,
      },
      countyCode: product.countyCode,
      seller: { orgId: sellerOrg, name: "x" },
      kind: "purchase" as const,
      channel: "offline" as const,
      certified: true,
      invoiceNumber: null,
      evidenceRef: null,
    };
    // The domain rule refuses first…
    expect(() =>
      appendEntry(db, { ...input, sourceRef: "sod:a", recordedBy: solo, verifiedBy: solo }),
    ).toThrow(LedgerRefusal);
    expect(() =>
      appendEntry(db, { ...input, sourceRef: "sod:b", recordedBy: solo, verifiedBy: null }),
    ).toThrow(LedgerRefusal);
    // …and the database, for any code path that skips it.
    const head = sqlite.prepare("select seq, hash from ledger_entries order by seq desc").get() as
      { seq: number; hash: string } | undefined;
    const raw = (recordedBy: number | null, verifiedBy: number | null, amount = 100) =>
      sqlite
        .prepare(
          `insert into ledger_entries (seq, counted_at, year, amount_fen, source_kind, source_ref,
            buyer_name, buyer_type, jurisdiction_code, county_code, seller_name, kind, channel,
            certified, paired, recorded_by, verified_by, prev_hash, hash)
           values (?, 0, 2026, ?, 'outside_record', ?, 'x', 'budget_unit', '350102', ?, 'x',
            'purchase', 'offline', 1, 0, ?, ?, ?, ?)`,
        )
        .run(
          (head?.seq ?? 0) + 1,
          amount,
          `raw:${recordedBy}:${verifiedBy}:${amount}`,
          product.countyCode,
          recordedBy,
          verifiedBy,
          head?.hash ?? "0",
          `raw-${Math.random()}`,
        );
    expect(() => raw(solo, solo)).toThrow(/two different people/);
    expect(() => raw(solo, null)).toThrow(/two different people/);
    expect(() => raw(null, null)).toThrow(/two different people/);
    expect(() => raw(solo, solo, -100)).toThrow(/two different people/);
  });

  it("the audit log cannot be edited or deleted", () => {
    expect(() => sqlite.prepare("update audit_log set action = 'x'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from audit_log").run()).toThrow(/append-only/);
  });
});
