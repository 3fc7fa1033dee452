/**
 * Orders accepted by their own placer before separation of duties: migration
 * 0014 moves each one, accepted and not yet counted, back to `delivered` with
 * an event, an audit row and notices saying why, so another person accepts it
 * and it counts. An order in that state that still reaches the ledger is
 * refused with a translated message, never a 500.
 */
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openDatabase, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import {
  auditLog,
  checkouts,
  ledgerEntries,
  memberships,
  notifications,
  orderEvents,
  orderLines,
  orders,
  organisations,
  products,
  users,
} from "../../db/schema";
import { seedReference } from "../../db/seed/seed";
import { createSession } from "~/models/auth.server";
import { LedgerRefusal } from "~/models/ledger.server";
import {
  actOnOrder,
  countingRefused,
  recordInvoice,
  type OrderActorRef,
} from "~/models/orders.server";
import zh from "../../public/locales/zh-CN/common.json";
import { SEED_NOW } from "../setup/database";

const MIGRATION = "0014_reopen_self_accepted_orders";

/** A copy of the migrations folder that stops just before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), "fdx-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(at, `${tag} in the journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

interface World {
  placer: number;
  colleague: number;
  sellerPerson: number;
  buyerOrg: number;
  sellerOrg: number;
  product: number;
  checkout: number;
}

/** Two people of a buying unit, a cooperative with one person and one product. */
function buildWorld(db: Db): World {
  const person = (email: string) =>
    db
      .insert(users)
      .values({ email, name: email, passwordHash: "x" })
      .returning({ id: users.id })
      .get().id;
  const placer = person("placer@legacy.test");
  const colleague = person("colleague@legacy.test");
  const sellerPerson = person("seller@legacy.test");
  const org = (values: typeof organisations.$inferInsert) =>
    db.insert(organisations).values(values).returning({ id: organisations.id }).get().id;
  const buyerOrg = org({
    side: "buyer",
    type: "budget_unit",
    nameZh: "旧规则测试单位",
    creditCode: "12350102LEGACY0001",
    jurisdictionCode: "350102",
    status: "approved",
  });
  const sellerOrg = org({
    side: "seller",
    type: "cooperative",
    nameZh: "旧规则测试合作社",
    creditCode: "93621126LEGACY0002",
    countyCode: "621126",
    status: "approved",
  });
  db.insert(memberships)
    .values([
      { userId: placer, orgId: buyerOrg, role: "purchaser", status: "approved" },
      { userId: colleague, orgId: buyerOrg, role: "approver", status: "approved" },
      { userId: sellerPerson, orgId: sellerOrg, role: "seller_admin", status: "approved" },
    ])
    .run();
  const product = db
    .insert(products)
    .values({
      sellerId: sellerOrg,
      countyCode: "621126",
      categorySlug: db.select().from(schema.categories).get()!.slug,
      unitCode: db.select().from(schema.units).get()!.code,
      nameZh: "岷县当归",
      priceFen: 5_000,
      minOrderQty: 1,
    })
    .returning({ id: products.id })
    .get().id;
  const checkout = db
    .insert(checkouts)
    .values({
      buyerOrgId: buyerOrg,
      placedBy: placer,
      idempotencyKey: "legacy",
      totalFen: 10_000,
      needsApproval: false,
      createdAt: SEED_NOW,
    })
    .returning({ id: checkouts.id })
    .get().id;
  return { placer, colleague, sellerPerson, buyerOrg, sellerOrg, product, checkout };
}

let serial = 0;
/** A paid, shipped and delivered bank-transfer order, then `accepted` as given. */
function acceptedOrder(db: Db, w: World, acceptedBy: number | null): number {
  serial += 1;
  const at = (hours: number) => new Date(SEED_NOW.getTime() + hours * 3_600_000);
  const id = db
    .insert(orders)
    .values({
      number: `FD20260615-LEGACY${serial}`,
      checkoutId: w.checkout,
      buyerOrgId: w.buyerOrg,
      sellerOrgId: w.sellerOrg,
      placedBy: w.placer,
      status: "accepted",
      totalFen: 10_000,
      paymentMethod: "bank_transfer",
      transferReference: `FDLEGACY${serial}`,
      deliveryAddress: "福州市鼓楼区",
      contactName: "林",
      contactPhone: "0591-87000000",
      invoiceTitle: "旧规则测试单位",
      taxNumber: "12350102LEGACY0001",
      purpose: "canteen",
      paidAt: at(1),
      paymentConfirmedBy: w.sellerPerson,
      transferSlipKey: "slip.pdf",
      confirmedAt: at(2),
      shippedAt: at(3),
      deliveredAt: at(4),
      acceptedAt: at(5),
      acceptedBy,
      acceptanceNote: "货已收到",
      createdAt: at(0),
      updatedAt: at(5),
    })
    .returning({ id: orders.id })
    .get().id;
  db.insert(orderLines)
    .values({
      orderId: id,
      productId: w.product,
      nameZh: "岷县当归",
      nameEn: "Minxian angelica",
      unitCode: db.select().from(schema.units).get()!.code,
      countyCode: "621126",
      certified: true,
      qty: 2,
      unitPriceFen: 5_000,
      baseUnitPriceFen: 5_000,
      tierMinQty: 1,
      lineTotalFen: 10_000,
    })
    .run();
  return id;
}

// The file the app opens too (DATABASE_PATH), first as it was before the migration.
const file = process.env.DATABASE_PATH!;
const before = new Database(file);
const beforeDb = drizzle(before, { schema });
migrate(beforeDb, { migrationsFolder: migrationsBefore(MIGRATION) });
seedReference({ db: beforeDb, sqlite: before }, SEED_NOW);
const w = buildWorld(beforeDb);
const ownAccepted = acceptedOrder(beforeDb, w, w.placer);
const noAcceptor = acceptedOrder(beforeDb, w, null);
const rightlyAccepted = acceptedOrder(beforeDb, w, w.colleague);
before.close();

const { db, sqlite } = openDatabase(file);
afterAll(() => sqlite.close());

const orderRow = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get()!;
const actor = (userId: number, as: OrderActorRef["as"]): OrderActorRef => ({
  userId,
  orgId: as === "seller" ? w.sellerOrg : w.buyerOrg,
  ip: "203.0.113.9",
  as,
});

describe(`migration ${MIGRATION}`, () => {
  it("moves orders accepted by their placer, or by no one, back to delivered, saying why", () => {
    for (const [id, reason] of [
      [ownAccepted, "same_person"],
      [noAcceptor, "missing_person"],
    ] as const) {
      expect(orderRow(id)).toMatchObject({
        status: "delivered",
        acceptedAt: null,
        acceptedBy: null,
        acceptanceNote: null,
        deliveredAt: new Date(SEED_NOW.getTime() + 4 * 3_600_000),
        invoiceNumber: null,
      });
      const events = db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).all();
      expect(events).toEqual([
        expect.objectContaining({
          action: "reopen_acceptance",
          fromStatus: "accepted",
          toStatus: "delivered",
          actorUserId: null,
          detail: expect.objectContaining({ reason, acceptanceNote: "货已收到" }),
        }),
      ]);
      expect(zh.orderView.actions.reopen_acceptance).toBeTruthy();
      expect(
        db
          .select()
          .from(auditLog)
          .where(
            and(eq(auditLog.action, "order.reopen_acceptance"), eq(auditLog.targetId, `${id}`)),
          )
          .all(),
      ).toHaveLength(1);
      const notices = db
        .select()
        .from(notifications)
        .where(eq(notifications.link, `/orders/${id}`))
        .all();
      expect(notices.map((n) => [n.orgId, n.key]).sort()).toEqual(
        [
          [w.buyerOrg, "notices.acceptanceReopened"],
          [w.sellerOrg, "notices.acceptanceReopened"],
        ].sort(),
      );
    }
  });

  it("leaves an order accepted by someone other than its placer as it was", () => {
    expect(orderRow(rightlyAccepted)).toMatchObject({
      status: "accepted",
      acceptedBy: w.colleague,
    });
    expect(
      db.select().from(orderEvents).where(eq(orderEvents.orderId, rightlyAccepted)).all(),
    ).toEqual([]);
  });

  it("lets another person accept a reopened order, and then its invoice counts it", () => {
    expect(
      actOnOrder(db, { orderId: ownAccepted, action: "accept", actor: actor(w.placer, "buyer") }),
    ).toEqual({ ok: false, reason: "own_acceptance" });
    expect(
      actOnOrder(db, {
        orderId: ownAccepted,
        action: "accept",
        actor: actor(w.colleague, "approver"),
      }),
    ).toEqual({ ok: true, status: "accepted" });
    expect(
      recordInvoice(db, {
        orderId: ownAccepted,
        actor: actor(w.sellerPerson, "seller"),
        invoiceNumber: "LEGACY-INV-1",
        file: null,
      }),
    ).toEqual({ ok: true, status: "completed" });
    const entry = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.seq, orderRow(ownAccepted).countedSeq!))
      .get()!;
    expect(entry).toMatchObject({
      amountFen: 10_000,
      recordedBy: w.placer,
      verifiedBy: w.colleague,
    });
  });
});

describe("an order whose placer accepted it, met on invoicing", () => {
  let sellerCookie: string;
  let sellerOrder: { action: (args: unknown) => Promise<Response> };
  beforeAll(async () => {
    const { sessionCookie } = await import("~/auth/session.server");
    const session = createSession(db, {
      userId: w.sellerPerson,
      actingOrgId: w.sellerOrg,
      ip: "",
      userAgent: "",
    });
    sellerCookie = (await sessionCookie.serialize(session)).split(";")[0]!;
    sellerOrder = (await import("~/routes/seller.orders.$id")) as unknown as typeof sellerOrder;
  });

  it("is refused with the reason, translated, and nothing changes (not a 500)", async () => {
    // An order left in the old state after the migration ran (restored from a backup, say).
    const id = acceptedOrder(db, w, w.placer);
    const form = new FormData();
    form.set("invoiceNumber", "LEGACY-INV-2");
    const response = await sellerOrder.action({
      request: new Request(`http://localhost/seller/orders/${id}`, {
        method: "POST",
        headers: { Cookie: sellerCookie, "Accept-Language": "zh-CN" },
        body: form,
      }),
      params: { id: String(id) },
      context: { clientIp: "203.0.113.9" },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      alert: zh.orderView.refused.two_people_needed,
    });
    expect(orderRow(id)).toMatchObject({ status: "accepted", invoiceNumber: null });

    expect(
      recordInvoice(db, {
        orderId: id,
        actor: actor(w.sellerPerson, "seller"),
        invoiceNumber: "LEGACY-INV-3",
        file: null,
      }),
    ).toEqual({ ok: false, reason: "two_people_needed" });
    expect(orderRow(id)).toMatchObject({ status: "accepted", invoiceNumber: null });
  });

  it("gives every step that counts an order the same answer for the ledger's refusals", () => {
    expect(countingRefused(new LedgerRefusal("same_person"))).toEqual({
      ok: false,
      reason: "two_people_needed",
    });
    expect(countingRefused(new LedgerRefusal("missing_person"))).toEqual({
      ok: false,
      reason: "two_people_needed",
    });
    expect(countingRefused(new LedgerRefusal("duplicate_invoice"))).toEqual({
      ok: false,
      reason: "duplicate_invoice",
    });
    expect(countingRefused(new LedgerRefusal("not_reversible"))).toBeNull();
    expect(countingRefused(new Error("a bug"))).toBeNull();
  });
});
