/**
 * Orders against a real SQLite file: placing (idempotent, one order per
 * seller, stock reserved, never oversold even by racing processes), approval,
 * the status machine, counting into the ledger and refunds after counting.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgePrices, setCartQuantity, viewCart } from "~/models/cart.server";
import { verifyLedger } from "~/models/ledger.server";
import {
  actOnOrder,
  attachTransferSlip,
  getOrder,
  placeOrders,
  recordInvoice,
  type CheckoutDetails,
  type OrderActorRef,
} from "~/models/orders.server";
import { updateProduct } from "~/models/products.server";
import {
  ledgerEntries,
  memberships,
  organisations,
  orders,
  priceTiers,
  products,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

const run = promisify(execFile);
const file = join(mkdtempSync(join(tmpdir(), "fdx-orders-")), "orders.db");
const { db, sqlite } = freshDatabase({ file });
afterAll(() => sqlite.close());

const details: CheckoutDetails = {
  deliveryAddress: "福州市鼓楼区机关食堂",
  contactName: "林采购",
  contactPhone: "0591-87000000",
  invoiceTitle: "福州市鼓楼区机关事务服务中心",
  taxNumber: "12350102MB0000000X",
  poReference: "GL-2026-118",
  purpose: "canteen",
  paymentMethod: "bank_transfer",
};

let unit: { orgId: number; purchaser: number; approver: number };
let minxianProduct: typeof products.$inferSelect; // from the cooperative in 岷县 (paired with 鼓楼)
let otherProduct: typeof products.$inferSelect; // from a seller in another county
let officeUser: number;

const userId = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;

beforeAll(() => {
  const purchaser = userId("unit@example.com");
  const orgId = db.select().from(memberships).where(eq(memberships.userId, purchaser)).get()!.orgId;
  unit = { orgId, purchaser, approver: userId("approver@example.com") };
  officeUser = userId("office@example.com");
  const listed = db.select().from(products).where(eq(products.status, "listed")).all();
  minxianProduct = listed.find((p) => p.countyCode === "621126" && p.stock >= 500)!;
  otherProduct = listed.find(
    (p) => p.countyCode === "621102" && p.sellerId !== minxianProduct.sellerId && p.stock >= 100,
  )!;
});

const buyerActor = (as: "buyer" | "approver" = "buyer"): OrderActorRef => ({
  userId: as === "buyer" ? unit.purchaser : unit.approver,
  orgId: unit.orgId,
  ip: "203.0.113.1",
  as,
});
const sellerActor = (sellerOrgId: number): OrderActorRef => ({
  userId: officeUser,
  orgId: sellerOrgId,
  ip: "203.0.113.2",
  as: "seller",
});

const stockOf = (id: number) => db.select().from(products).where(eq(products.id, id)).get()!.stock;
const tiersOf = (id: number) =>
  db.select().from(priceTiers).where(eq(priceTiers.productId, id)).orderBy(priceTiers.minQty).all();

function fill(productId: number, qty: number, orgId = unit.orgId, user = unit.purchaser) {
  const result = setCartQuantity(db, {
    buyerOrgId: orgId,
    userId: user,
    productId,
    qty,
    mode: "set",
  });
  expect(result, `cart ${productId} × ${qty}`).toMatchObject({ ok: true });
}

let keyCounter = 0;
const place = (orgId = unit.orgId, user = unit.purchaser, key = `key-${++keyCounter}`) =>
  placeOrders(db, {
    buyerOrgId: orgId,
    userId: user,
    ip: "203.0.113.1",
    idempotencyKey: key,
    details,
  });

describe("the cart", () => {
  it("prices each line from its tier on the server and puts the paired county first", () => {
    const tiers = tiersOf(otherProduct.id);
    const top = tiers[tiers.length - 1]!;
    fill(otherProduct.id, Math.max(top.minQty, otherProduct.minOrderQty));
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const cart = viewCart(db, unit.orgId);
    expect(cart.lines[0]?.productId).toBe(minxianProduct.id); // 岷县 is paired with 鼓楼
    const line = cart.lines.find((l) => l.productId === otherProduct.id)!;
    expect(line.unitPriceFen).toBe(top.unitPriceFen);
    expect(line.lineTotalFen).toBe(top.unitPriceFen * line.qty);
    expect(line.savingsFen).toBe((tiers[0]!.unitPriceFen - top.unitPriceFen) * line.qty);
    expect(cart.totalFen).toBe(cart.lines.reduce((s, l) => s + l.lineTotalFen!, 0));
    expect(cart.sellers).toHaveLength(2);
    db.run(sql`delete from cart_items`);
  });

  it("refuses less than the minimum order and more than the stock", () => {
    expect(
      setCartQuantity(db, {
        buyerOrgId: unit.orgId,
        userId: unit.purchaser,
        productId: minxianProduct.id,
        qty: minxianProduct.minOrderQty - 1,
        mode: "set",
      }),
    ).toMatchObject({ ok: false, reason: "below_minimum" });
    expect(
      setCartQuantity(db, {
        buyerOrgId: unit.orgId,
        userId: unit.purchaser,
        productId: minxianProduct.id,
        qty: minxianProduct.stock + 1,
        mode: "set",
      }),
    ).toMatchObject({ ok: false, reason: "above_stock" });
  });

  it("shows a price that changed since the buyer saw it, and will not place until it is seen", () => {
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const seller = minxianProduct.sellerId;
    const current = db.select().from(products).where(eq(products.id, minxianProduct.id)).get()!;
    const oldTiers = tiersOf(minxianProduct.id).map((t) => ({
      minQty: t.minQty,
      unitPriceFen: t.unitPriceFen,
    }));
    const newTiers = oldTiers.map((t) => ({ ...t, unitPriceFen: t.unitPriceFen + 100 }));
    const update = (tiers: typeof oldTiers) =>
      updateProduct(db, {
        sellerId: seller,
        productId: current.id,
        product: { ...current, tiers },
        actor: { userId: officeUser, orgId: seller, ip: "" },
      });
    expect(update(newTiers)).toMatchObject({ ok: true });
    expect(viewCart(db, unit.orgId).lines[0]?.problems).toEqual(["price_changed"]);
    expect(place()).toEqual({ ok: false, reason: "cart_problems" });
    expect(acknowledgePrices(db, unit.orgId)).toBe(1);
    expect(viewCart(db, unit.orgId).problems).toBe(0);
    expect(update(oldTiers)).toMatchObject({ ok: true });
    acknowledgePrices(db, unit.orgId);
    db.run(sql`delete from cart_items`);
  });
});

describe("placing", () => {
  it("makes one order per seller, reserves the stock and empties the cart", () => {
    const stockBefore = [stockOf(minxianProduct.id), stockOf(otherProduct.id)];
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    fill(otherProduct.id, otherProduct.minOrderQty);
    const total = viewCart(db, unit.orgId).totalFen;
    const result = place();
    expect(result).toMatchObject({ ok: true, replay: false });
    if (!result.ok) return;
    expect(result.orderIds).toHaveLength(2);
    const placed = result.orderIds.map((id) => getOrder(db, id)!);
    expect(placed.map((o) => o.sellerOrgId).sort()).toEqual(
      [minxianProduct.sellerId, otherProduct.sellerId].sort(),
    );
    expect(placed.reduce((s, o) => s + o.totalFen, 0)).toBe(total);
    expect(new Set(placed.map((o) => o.transferReference)).size).toBe(2);
    expect(stockOf(minxianProduct.id)).toBe(stockBefore[0]! - minxianProduct.minOrderQty);
    expect(stockOf(otherProduct.id)).toBe(stockBefore[1]! - otherProduct.minOrderQty);
    expect(viewCart(db, unit.orgId).lines).toEqual([]);
  });

  it("is idempotent: the same key places nothing twice", () => {
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const before = stockOf(minxianProduct.id);
    const first = place(unit.orgId, unit.purchaser, "double-click");
    const second = place(unit.orgId, unit.purchaser, "double-click");
    expect(first).toMatchObject({ ok: true, replay: false });
    expect(second).toMatchObject({ ok: true, replay: true });
    expect(first.ok && second.ok && second.orderIds).toEqual(first.ok && first.orderIds);
    expect(stockOf(minxianProduct.id)).toBe(before - minxianProduct.minOrderQty);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(orders)
        .where(like(orders.number, "FD%"))
        .get()!.n,
    ).toBe(3);
  });

  it("refuses an empty cart", () => {
    expect(place()).toEqual({ ok: false, reason: "empty_cart" });
  });
});

describe("approval", () => {
  it("holds orders above the unit's threshold for an approver other than the placer", () => {
    const threshold = db.select().from(organisations).where(eq(organisations.id, unit.orgId)).get()!
      .approvalThresholdFen!;
    db.update(products).set({ stock: 100_000 }).where(eq(products.id, minxianProduct.id)).run();
    // Priced at the lowest tier, the order is still above the threshold.
    const lowest = Math.min(...tiersOf(minxianProduct.id).map((t) => t.unitPriceFen));
    const qty = Math.ceil((threshold + 1) / lowest);
    fill(minxianProduct.id, qty);
    const result = place();
    expect(result).toMatchObject({ ok: true, needsApproval: true });
    if (!result.ok) return;
    const id = result.orderIds[0]!;
    expect(getOrder(db, id)!.status).toBe("awaiting_approval");
    // The purchaser cannot approve; an approver who placed it cannot either.
    expect(actOnOrder(db, { orderId: id, action: "approve", actor: buyerActor("buyer") })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(
      actOnOrder(db, {
        orderId: id,
        action: "approve",
        actor: { ...buyerActor("approver"), userId: unit.purchaser },
      }),
    ).toEqual({ ok: false, reason: "own_order" });
    expect(
      actOnOrder(db, {
        orderId: id,
        action: "approve",
        actor: buyerActor("approver"),
        note: "同意",
      }),
    ).toEqual({ ok: true, status: "awaiting_payment" });
    expect(getOrder(db, id)).toMatchObject({ approvedBy: unit.approver, approvalComment: "同意" });
  });

  it("a returned order gives its stock back and goes back into the cart", () => {
    const threshold = db.select().from(organisations).where(eq(organisations.id, unit.orgId)).get()!
      .approvalThresholdFen!;
    const lowest = Math.min(...tiersOf(minxianProduct.id).map((t) => t.unitPriceFen));
    const qty = Math.ceil((threshold + 1) / lowest);
    fill(minxianProduct.id, qty);
    const before = stockOf(minxianProduct.id);
    const result = place();
    if (!result.ok) throw new Error(result.reason);
    const id = result.orderIds[0]!;
    expect(getOrder(db, id)!.status).toBe("awaiting_approval");
    expect(
      actOnOrder(db, {
        orderId: id,
        action: "return",
        actor: buyerActor("approver"),
        note: "数量太多",
      }),
    ).toEqual({ ok: true, status: "returned" });
    expect(stockOf(minxianProduct.id)).toBe(before);
    expect(viewCart(db, unit.orgId).lines.map((l) => [l.productId, l.qty])).toEqual([
      [minxianProduct.id, qty],
    ]);
    db.run(sql`delete from cart_items`);
  });
});

describe("fulfilment and counting", () => {
  it("counts a paid, accepted and invoiced order once, attributed to 鼓楼 and the product's county", () => {
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const result = place();
    if (!result.ok) throw new Error(result.reason);
    const id = result.orderIds[0]!;
    const seller = sellerActor(minxianProduct.sellerId);
    const step = (
      action: Parameters<typeof actOnOrder>[1]["action"],
      actor: OrderActorRef,
      extra = {},
    ) => actOnOrder(db, { orderId: id, action, actor, ...extra });
    expect(step("confirm", seller)).toEqual({ ok: false, reason: "not_allowed" }); // not paid yet
    // A bank transfer counts as received only with evidence: the buyer's slip.
    expect(step("pay", seller)).toEqual({ ok: false, reason: "needs_slip" });
    expect(
      attachTransferSlip(db, {
        orderId: id,
        actor: buyerActor(),
        file: { key: "slip-test.pdf", type: "application/pdf" },
      }),
    ).toMatchObject({ ok: true });
    expect(step("pay", seller)).toEqual({ ok: true, status: "paid" });
    expect(step("confirm", seller)).toEqual({ ok: true, status: "confirmed" });
    expect(step("ship", seller, { carrier: "顺丰速运", trackingNumber: "SF1234567890" })).toEqual({
      ok: true,
      status: "shipped",
    });
    // Whoever placed the order cannot accept it: a second person of the unit does.
    expect(step("accept", buyerActor())).toEqual({ ok: false, reason: "own_acceptance" });
    expect(step("accept", buyerActor("approver"))).toEqual({ ok: true, status: "accepted" });
    const ledgerBefore = db
      .select({ n: sql<number>`count(*)` })
      .from(ledgerEntries)
      .get()!.n;
    expect(
      recordInvoice(db, {
        orderId: id,
        actor: seller,
        invoiceNumber: "35012600123456",
        file: null,
      }),
    ).toEqual({ ok: true, status: "completed" });
    const order = getOrder(db, id)!;
    const entries = db
      .select()
      .from(ledgerEntries)
      .where(like(ledgerEntries.sourceRef, `order:${id}:%`))
      .all();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      amountFen: order.totalFen,
      sourceKind: "order",
      buyerOrgId: unit.orgId,
      buyerType: "budget_unit",
      jurisdictionCode: "350102",
      countyCode: "621126",
      sellerOrgId: minxianProduct.sellerId,
      kind: "purchase",
      channel: "online",
      certified: true,
      paired: true,
      invoiceNumber: "35012600123456",
    });
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(ledgerEntries)
        .get()!.n,
    ).toBe(ledgerBefore + 1);
    expect(order.countedSeq).toBe(entries[0]!.seq);
    // The same invoice number cannot count again for this seller.
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const again = place();
    if (!again.ok) throw new Error(again.reason);
    const second = again.orderIds[0]!;
    actOnOrder(db, {
      orderId: second,
      action: "pay",
      actor: { userId: officeUser, orgId: null, ip: "", as: "office" },
      note: "银行回单已核对",
    });
    actOnOrder(db, { orderId: second, action: "confirm", actor: seller });
    actOnOrder(db, {
      orderId: second,
      action: "ship",
      actor: seller,
      carrier: "EMS",
      trackingNumber: "E1",
    });
    expect(
      recordInvoice(db, {
        orderId: second,
        actor: seller,
        invoiceNumber: "35012600123456",
        file: null,
      }),
    ).toEqual({ ok: false, reason: "duplicate_invoice" });
    expect(verifyLedger(sqlite)).toMatchObject({ problem: null, summaryMismatches: [] });
  });

  it("a refund after counting appends the negative entry and the order nets to zero", () => {
    const completed = db.select().from(orders).where(eq(orders.status, "completed")).get()!;
    const refund = actOnOrder(db, {
      orderId: completed.id,
      action: "refund",
      actor: { userId: officeUser, orgId: null, ip: "", as: "office" },
      note: "质量问题，全额退款",
    });
    expect(refund).toEqual({ ok: true, status: "refunded" });
    const net = db
      .select({ total: sql<number>`sum(amount_fen)` })
      .from(ledgerEntries)
      .where(
        sql`${ledgerEntries.sourceRef} like ${`order:${completed.id}:%`} or ${ledgerEntries.reversesSeq} = ${completed.countedSeq}`,
      )
      .get()!.total;
    expect(net).toBe(0);
    expect(
      actOnOrder(db, {
        orderId: completed.id,
        action: "refund",
        actor: { userId: officeUser, orgId: null, ip: "", as: "office" },
      }),
    ).toEqual({ ok: false, reason: "not_allowed" });
    expect(verifyLedger(sqlite)).toMatchObject({ problem: null, summaryMismatches: [] });
  });

  it("cancelling before shipping returns the stock", () => {
    fill(otherProduct.id, otherProduct.minOrderQty);
    const before = stockOf(otherProduct.id);
    const result = place();
    if (!result.ok) throw new Error(result.reason);
    expect(stockOf(otherProduct.id)).toBe(before - otherProduct.minOrderQty);
    expect(
      actOnOrder(db, {
        orderId: result.orderIds[0]!,
        action: "cancel",
        actor: buyerActor(),
        note: "预算调整",
      }),
    ).toEqual({ ok: true, status: "cancelled" });
    expect(stockOf(otherProduct.id)).toBe(before);
  });
});

describe("online payment", () => {
  it("is confirmed only by Stripe's event, never by the seller or the office", () => {
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const result = placeOrders(db, {
      buyerOrgId: unit.orgId,
      userId: unit.purchaser,
      ip: "",
      idempotencyKey: "online-1",
      details: { ...details, paymentMethod: "stripe" },
    });
    if (!result.ok) throw new Error(result.reason);
    const id = result.orderIds[0]!;
    expect(
      actOnOrder(db, { orderId: id, action: "pay", actor: sellerActor(minxianProduct.sellerId) }),
    ).toEqual({ ok: false, reason: "not_allowed" });
    expect(
      actOnOrder(db, {
        orderId: id,
        action: "pay",
        actor: { userId: officeUser, orgId: null, ip: "", as: "office" },
      }),
    ).toEqual({ ok: false, reason: "not_allowed" });
    expect(
      actOnOrder(db, {
        orderId: id,
        action: "pay",
        actor: { userId: 0, orgId: null, ip: "", as: "system" },
        stripe: { sessionId: "cs_test_1", paymentIntentId: "pi_1" },
      }),
    ).toEqual({ ok: true, status: "paid" });
  });
});

describe("tenant isolation", () => {
  it("another seller or buyer cannot act on an order: not found, nothing changes", () => {
    fill(minxianProduct.id, minxianProduct.minOrderQty);
    const result = place();
    if (!result.ok) throw new Error(result.reason);
    const id = result.orderIds[0]!;
    expect(
      actOnOrder(db, { orderId: id, action: "pay", actor: sellerActor(otherProduct.sellerId) }),
    ).toEqual({ ok: false, reason: "not_found" });
    const unionUser = userId("union@example.com");
    const unionOrg = db.select().from(memberships).where(eq(memberships.userId, unionUser)).get()!
      .orgId;
    expect(
      actOnOrder(db, {
        orderId: id,
        action: "cancel",
        actor: { userId: unionUser, orgId: unionOrg, ip: "", as: "approver" },
      }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(getOrder(db, id)!.status).toBe("awaiting_payment");
  });
});

describe("concurrent buyers", () => {
  it("50 buyers in 10 processes racing for the last 10 units sell exactly 10", async () => {
    // A product with exactly 10 left, minimum order 1.
    const product = otherProduct;
    db.update(products).set({ stock: 10, minOrderQty: 1 }).where(eq(products.id, product.id)).run();
    db.delete(priceTiers).where(eq(priceTiers.productId, product.id)).run();
    db.insert(priceTiers).values({ productId: product.id, minQty: 1, unitPriceFen: 1000 }).run();
    const buyers: [number, number][] = [];
    for (let i = 0; i < 50; i++) {
      const org = db
        .insert(organisations)
        .values({
          side: "buyer",
          type: "budget_unit",
          nameZh: `竞速单位${i}`,
          creditCode: `RACE${String(i).padStart(14, "0")}`,
          jurisdictionCode: "350104",
          status: "approved",
        })
        .returning()
        .get();
      const user = db
        .insert(users)
        .values({ email: `race${i}@example.com`, name: `R${i}`, passwordHash: "x" })
        .returning()
        .get();
      db.insert(memberships)
        .values({ userId: user.id, orgId: org.id, role: "purchaser", status: "approved" })
        .run();
      fill(product.id, 1, org.id, user.id);
      buyers.push([org.id, user.id]);
    }
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const startAt = Date.now() + 3000;
    const outputs = await Promise.all(
      Array.from({ length: 10 }, (_, p) =>
        run(
          process.execPath,
          [
            "--import",
            "tsx",
            "tests/support/place-worker.ts",
            file,
            String(startAt),
            ...buyers.slice(p * 5, p * 5 + 5).map(([o, u]) => `${o}:${u}`),
          ],
          { timeout: 60_000 },
        ),
      ),
    );
    const results = outputs.flatMap((o) =>
      o.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { ok: boolean; reason: string | null }),
    );
    expect(results).toHaveLength(50);
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(new Set(results.filter((r) => !r.ok).map((r) => r.reason))).toEqual(
      new Set(
        ["cart_problems", "out_of_stock"].filter((reason) =>
          results.some((r) => r.reason === reason),
        ),
      ),
    );
    expect(stockOf(product.id)).toBe(0);
    const sold = db
      .select({ qty: sql<number>`coalesce(sum(l.qty), 0)` })
      .from(orders)
      .innerJoin(sql`order_lines l`, sql`l.order_id = ${orders.id}`)
      .where(
        and(
          sql`l.product_id = ${product.id}`,
          like(orders.number, "FD%"),
          sql`${orders.status} = 'awaiting_payment'`,
          sql`${orders.buyerOrgId} in (select id from organisations where name_zh like '竞速单位%')`,
        ),
      )
      .get()!.qty;
    expect(sold).toBe(10);
  }, 120_000);
});
