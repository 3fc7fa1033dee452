/**
 * A webhook storm: 1,000 orders paid online, each `checkout.session.completed`
 * event delivered three times (Stripe retries, and may deliver twice), all
 * 3,000 deliveries shuffled and eight in flight at once, through the real
 * webhook route with real signatures. Every payment must count exactly once.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { eq, inArray, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setCartQuantity } from "~/models/cart.server";
import { verifyLedger } from "~/models/ledger.server";
import { placeOrders, type CheckoutDetails } from "~/models/orders.server";
import { recordCheckoutSession } from "~/models/payments.server";
import { memberships, orderEvents, orders, products, stripeEvents, users } from "../../db/schema";
import { freshDatabase } from "../setup/database";

// The environment is read when app modules load: set Stripe's keys first.
const SECRET = vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_fdx_storm";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_fdx_storm";
  return "whsec_fdx_storm";
});

const ORDERS = 1_000;
const DELIVERIES_PER_EVENT = 3;
const CONCURRENCY = 8;

const { db, sqlite } = freshDatabase({ file: process.env.DATABASE_PATH });
afterAll(() => sqlite.close());

let webhookRoute: { action: (args: ActionFunctionArgs) => Promise<Response> };

interface Paid {
  orderId: number;
  number: string;
  totalFen: number;
  sessionId: string;
  eventId: string;
}
const paid: Paid[] = [];

const details: CheckoutDetails = {
  deliveryAddress: "福州市鼓楼区机关食堂",
  contactName: "陈采购",
  contactPhone: "0591-87000000",
  invoiceTitle: "福州市鼓楼区机关事务服务中心",
  taxNumber: "12350102MB0000000X",
  poReference: "",
  purpose: "canteen",
  paymentMethod: "stripe",
};

beforeAll(async () => {
  const purchaser = db.select().from(users).where(eq(users.email, "unit@example.com")).get()!;
  const orgId = db.select().from(memberships).where(eq(memberships.userId, purchaser.id)).get()!
    .orgId;
  const product = db
    .select()
    .from(products)
    .where(eq(products.status, "listed"))
    .all()
    .find((p) => p.minOrderQty <= 50)!;
  db.update(products).set({ stock: 10_000_000 }).where(eq(products.id, product.id)).run();
  // A thousand placements through the models, committed as one transaction
  // (each placement is a savepoint inside it): the storm is what is measured.
  sqlite.transaction(() => {
    for (let i = 1; i <= ORDERS; i++) {
      const cart = setCartQuantity(db, {
        buyerOrgId: orgId,
        userId: purchaser.id,
        productId: product.id,
        qty: product.minOrderQty,
        mode: "set",
      });
      if (!cart.ok) throw new Error(cart.reason);
      const placed = placeOrders(db, {
        buyerOrgId: orgId,
        userId: purchaser.id,
        ip: "203.0.113.1",
        idempotencyKey: `storm-${i}`,
        details,
      });
      if (!placed.ok || placed.orderIds.length !== 1) throw new Error("placement failed");
      const orderId = placed.orderIds[0]!;
      const sessionId = `cs_test_storm_${i}`;
      recordCheckoutSession(db, { orderId, sessionId });
      const order = db.select().from(orders).where(eq(orders.id, orderId)).get()!;
      paid.push({
        orderId,
        number: order.number,
        totalFen: order.totalFen,
        sessionId,
        eventId: `evt_storm_${i}`,
      });
    }
  })();
  webhookRoute = (await import("~/routes/webhooks.stripe")) as typeof webhookRoute;
}, 120_000);

function completedEvent(order: Paid, index: number) {
  return {
    id: order.eventId,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "checkout.session.completed",
    data: {
      object: {
        id: order.sessionId,
        object: "checkout.session",
        mode: "payment",
        amount_total: order.totalFen,
        currency: "cny",
        client_reference_id: String(order.orderId),
        metadata: { order_id: String(order.orderId), order_number: order.number },
        payment_intent: `pi_storm_${index}`,
        payment_status: "paid",
        status: "complete",
      },
    },
  };
}

/** Mulberry32: a seeded shuffle, so a failing order of deliveries can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

interface Outcome {
  eventId: string;
  status: number;
  duplicate: boolean;
  effect: string;
}

/** One delivery, signed as Stripe signs each attempt. */
async function deliver(payload: string, eventId: string): Promise<Outcome> {
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
    },
    body: payload,
  });
  const response = await webhookRoute.action({ request, params: {}, context: {} });
  const body = (await response.json()) as { duplicate: boolean; effect: string };
  return { eventId, status: response.status, ...body };
}

describe("a storm of webhook deliveries", () => {
  it(`${ORDERS} events × ${DELIVERIES_PER_EVENT}, shuffled, ${CONCURRENCY} at a time: every payment counts once`, async () => {
    const seed = Number(process.env.STORM_SEED ?? 20260615);
    const payloads = paid.map((order, i) => JSON.stringify(completedEvent(order, i + 1)));
    const queue = shuffle(
      paid.flatMap((order, i) =>
        Array.from({ length: DELIVERIES_PER_EVENT }, () => ({
          eventId: order.eventId,
          payload: payloads[i]!,
        })),
      ),
      seed,
    );
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < queue.length) {
          const delivery = queue[next++]!;
          outcomes.push(await deliver(delivery.payload, delivery.eventId));
        }
      }),
    );

    expect(outcomes).toHaveLength(ORDERS * DELIVERIES_PER_EVENT);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    // Each event: one first delivery that paid, then duplicates naming the same effect.
    const byEvent = groupBy(outcomes, (o) => o.eventId);
    expect(byEvent.size).toBe(ORDERS);
    for (const [eventId, deliveries] of byEvent) {
      expect(
        deliveries.filter((d) => !d.duplicate),
        eventId,
      ).toHaveLength(1);
      expect(new Set(deliveries.map((d) => d.effect)), eventId).toEqual(new Set(["paid"]));
    }

    const ids = paid.map((p) => p.orderId);
    const rows = new Map(
      db
        .select()
        .from(orders)
        .where(inArray(orders.id, ids))
        .all()
        .map((o) => [o.id, o]),
    );
    paid.forEach((p, i) => {
      const row = rows.get(p.orderId);
      expect(row?.status, `order ${p.orderId}`).toBe("paid");
      expect(row?.paidAt).not.toBeNull();
      expect(row?.stripeSessionId).toBe(p.sessionId);
      expect(row?.stripePaymentIntentId).toBe(`pi_storm_${i + 1}`);
    });
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(stripeEvents)
        .where(sql`${stripeEvents.id} like 'evt_storm_%'`)
        .get()!.n,
    ).toBe(ORDERS);
    expect(
      sqlite.prepare("select count(*) from stripe_events where effect = 'paid'").pluck().get(),
    ).toBe(ORDERS);
    // Per order: its placement and one payment, nothing more.
    const events = db
      .select({ orderId: orderEvents.orderId, action: orderEvents.action })
      .from(orderEvents)
      .where(inArray(orderEvents.orderId, ids))
      .all();
    expect(events).toHaveLength(ORDERS * 2);
    const byOrder = groupBy(events, (e) => e.orderId);
    for (const id of ids)
      expect(
        byOrder
          .get(id)
          ?.map((e) => e.action)
          .sort(),
        `order ${id}`,
      ).toEqual(["pay", "place"]);
    // Paid is not counted yet (it needs acceptance and the invoice): the ledger is untouched.
    const ledger = verifyLedger(sqlite);
    expect(ledger.problem).toBeNull();
    expect(ledger.entries).toBe(0);
  }, 120_000);
});
