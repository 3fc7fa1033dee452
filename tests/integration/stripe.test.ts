/**
 * Online payment through Stripe Checkout, against a real SQLite file and the
 * real Stripe SDK. Stripe's HTTP API is answered at the network boundary by
 * MSW; webhooks carry real signatures made with our test secret. Payments
 * must never count twice: replays, duplicates and out-of-order events are
 * recorded once and change nothing after their first delivery.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession } from "~/models/auth.server";
import { setCartQuantity } from "~/models/cart.server";
import { verifyLedger } from "~/models/ledger.server";
import {
  actOnOrder,
  placeOrders,
  recordInvoice,
  type CheckoutDetails,
  type OrderActorRef,
} from "~/models/orders.server";
import { isCrossSiteWrite, siteOrigins } from "~/server/csrf";
import type * as StripeService from "~/services/stripe.server";
import {
  memberships,
  notifications,
  orderEvents,
  orderLines,
  orders,
  products,
  stripeEvents,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

// The environment is read when app modules load: set Stripe's keys first.
const SECRET = vi.hoisted(() => {
  // Stripe's return addresses come from the configured origin, never the request's Host.
  process.env.PUBLIC_ORIGIN = "https://xiaofei.example.test";
  process.env.STRIPE_SECRET_KEY = "sk_test_fdx_checkout_tests";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_fdx_webhook_tests";
  return "whsec_fdx_webhook_tests";
});

const seeded = freshDatabase({ file: process.env.DATABASE_PATH });
const { db, sqlite } = seeded;

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown> | unknown;
let payRoute: { action: Handler; loader: Handler };
let paidRoute: { loader: Handler };
let webhookRoute: { action: Handler };
let services: typeof StripeService;

// ---- Stripe's API, answered at the network boundary -------------------------

interface SeenRequest {
  path: string;
  idempotencyKey: string | null;
  authorization: string | null;
  body: URLSearchParams;
}
const seen: SeenRequest[] = [];
const sessionsByKey = new Map<string, Record<string, unknown>>();
let failNextCreate = false;

const server = setupServer(
  http.post("https://api.stripe.com/v1/checkout/sessions", async ({ request }) => {
    const body = new URLSearchParams(await request.text());
    const idempotencyKey = request.headers.get("Idempotency-Key");
    seen.push({
      path: "/v1/checkout/sessions",
      idempotencyKey,
      authorization: request.headers.get("Authorization"),
      body,
    });
    if (failNextCreate) {
      failNextCreate = false;
      return HttpResponse.json(
        { error: { type: "invalid_request_error", message: "Secret Stripe detail" } },
        { status: 400 },
      );
    }
    // Like Stripe: the same idempotency key answers with the first response.
    const earlier = idempotencyKey ? sessionsByKey.get(idempotencyKey) : undefined;
    if (earlier) return HttpResponse.json(earlier);
    const id = `cs_test_${sessionsByKey.size + 1}_${body.get("client_reference_id")}`;
    const session = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      currency: body.get("currency"),
      client_reference_id: body.get("client_reference_id"),
      expires_at: Number(body.get("expires_at")),
      url: `https://checkout.stripe.com/c/pay/${id}`,
    };
    if (idempotencyKey) sessionsByKey.set(idempotencyKey, session);
    return HttpResponse.json(session);
  }),
  http.post("https://api.stripe.com/v1/refunds", async ({ request }) => {
    const body = new URLSearchParams(await request.text());
    seen.push({
      path: "/v1/refunds",
      idempotencyKey: request.headers.get("Idempotency-Key"),
      authorization: request.headers.get("Authorization"),
      body,
    });
    return HttpResponse.json({ id: "re_test_1", object: "refund", status: "succeeded" });
  }),
);

// ---- The demo's people, and orders placed through the real cart ---------------

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

const userId = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;
const orgOf = (user: number) =>
  db.select().from(memberships).where(eq(memberships.userId, user)).get()!.orgId;

let unit: { orgId: number; purchaser: number; approver: number };
let seller: OrderActorRef;
let product: typeof products.$inferSelect;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  const purchaser = userId("unit@example.com");
  unit = { orgId: orgOf(purchaser), purchaser, approver: userId("approver@example.com") };
  const coop = userId("coop@example.com");
  const coopOrg = orgOf(coop);
  seller = { userId: coop, orgId: coopOrg, ip: "203.0.113.9", as: "seller" };
  product = db
    .select()
    .from(products)
    .where(and(eq(products.sellerId, coopOrg), eq(products.status, "listed")))
    .all()
    .find((p) => p.stock >= p.minOrderQty * 20)!;
  db.update(products).set({ stock: 100_000 }).where(eq(products.id, product.id)).run();

  payRoute = (await import("~/routes/buyer.orders.$id.pay")) as typeof payRoute;
  paidRoute = (await import("~/routes/buyer.orders.$id.paid")) as typeof paidRoute;
  webhookRoute = (await import("~/routes/webhooks.stripe")) as typeof webhookRoute;
  services = await import("~/services/stripe.server");
  const { sessionCookie } = await import("~/auth/session.server");
  for (const who of ["unit", "union"]) {
    const user = userId(`${who}@example.com`);
    const id = createSession(db, { userId: user, actingOrgId: orgOf(user), ip: "", userAgent: "" });
    cookies[who] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  sqlite.close();
});

let placed = 0;
/** A new order awaiting payment, placed by the purchaser from the cart. */
function placeOrder(paymentMethod: CheckoutDetails["paymentMethod"] = "stripe") {
  const cart = setCartQuantity(db, {
    buyerOrgId: unit.orgId,
    userId: unit.purchaser,
    productId: product.id,
    qty: product.minOrderQty,
    mode: "set",
  });
  expect(cart).toMatchObject({ ok: true });
  const result = placeOrders(db, {
    buyerOrgId: unit.orgId,
    userId: unit.purchaser,
    ip: "203.0.113.1",
    idempotencyKey: `stripe-test-${++placed}`,
    details: { ...details, paymentMethod },
  });
  if (!result.ok) throw new Error(result.reason);
  const order = orderRow(result.orderIds[0]!);
  expect(order.status).toBe("awaiting_payment");
  return order;
}

const orderRow = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get()!;
const ledgerTotal = () =>
  sqlite.prepare("select coalesce(sum(amount_fen), 0) from ledger_entries").pluck().get() as number;
const stripeEventCount = () =>
  sqlite.prepare("select count(*) from stripe_events").pluck().get() as number;

async function settle(run: () => Promise<unknown> | unknown): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    throw new Error("expected a Response");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function pay(orderId: number, who = "unit", form: Record<string, string> = {}) {
  const request = new Request(`http://localhost/buyer/orders/${orderId}/pay`, {
    method: "POST",
    headers: { Cookie: cookies[who]!, Origin: "http://localhost" },
    body: new URLSearchParams(form),
  });
  return settle(() => payRoute.action({ request, params: { id: String(orderId) }, context: {} }));
}

/** Sends the buyer to Stripe and returns the session id Stripe made. */
async function startCheckout(orderId: number): Promise<string> {
  const response = await pay(orderId);
  expect(response.status).toBe(303);
  const sessionId = orderRow(orderId).stripeSessionId;
  expect(sessionId).toMatch(/^cs_test_/);
  expect(response.headers.get("Location")).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
  return sessionId!;
}

// ---- Webhook events with real signatures ---------------------------------------

let eventCounter = 0;
const newEventId = () => `evt_test_${++eventCounter}`;

function sessionEvent(
  type: string,
  order: { id: number; number: string; totalFen: number },
  session: { id: string; paymentIntent: string | null; paymentStatus: string; amount?: number },
  id = newEventId(),
) {
  return {
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: {
      object: {
        id: session.id,
        object: "checkout.session",
        mode: "payment",
        amount_total: session.amount ?? order.totalFen,
        currency: "cny",
        client_reference_id: String(order.id),
        metadata: { order_id: String(order.id), order_number: order.number },
        payment_intent: session.paymentIntent,
        payment_status: session.paymentStatus,
        status: type === "checkout.session.expired" ? "expired" : "complete",
      },
    },
  };
}

function refundEvent(paymentIntent: string, amount: number, refunded: number, id = newEventId()) {
  return {
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "charge.refunded",
    data: {
      object: {
        id: `ch_${paymentIntent}`,
        object: "charge",
        amount,
        amount_refunded: refunded,
        currency: "cny",
        payment_intent: paymentIntent,
        refunded: refunded >= amount,
      },
    },
  };
}

async function deliver(
  event: object,
  signing: { secret?: string; timestamp?: number; header?: string | null; body?: string } = {},
): Promise<{ status: number; body: { duplicate?: boolean; effect?: string } }> {
  const payload = JSON.stringify(event);
  const header =
    signing.header === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: signing.secret ?? SECRET,
          timestamp: signing.timestamp,
        })
      : signing.header;
  const headers = new Headers({ "Content-Type": "application/json" });
  if (header !== null) headers.set("Stripe-Signature", header);
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers,
    body: signing.body ?? payload,
  });
  const response = await settle(() => webhookRoute.action({ request, params: {}, context: {} }));
  return { status: response.status, body: (await response.json()) as { effect?: string } };
}

// ---- Tests -------------------------------------------------------------------

describe("starting a Checkout Session", () => {
  it("sends the order's stored lines in fen, CNY, three methods, with an idempotency key", async () => {
    const order = placeOrder();
    const lines = db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all();
    const before = seen.length;
    // Whatever the browser sends is ignored: only the order id in the URL matters.
    const response = await pay(order.id, "unit", { unit_amount: "1", currency: "usd" });
    expect(response.status).toBe(303);
    expect(seen).toHaveLength(before + 1);
    const sent = seen.at(-1)!;
    expect(sent.idempotencyKey).toBe(`checkout:${order.id}:1`);
    expect(sent.authorization).toBe("Bearer sk_test_fdx_checkout_tests");
    const body = sent.body;
    expect(body.get("mode")).toBe("payment");
    expect(body.get("currency")).toBe("cny");
    expect([0, 1, 2].map((i) => body.get(`allowed_payment_method_types[${i}]`)).sort()).toEqual([
      "alipay",
      "card",
      "wechat_pay",
    ]);
    expect(body.get("payment_method_options[wechat_pay][client]")).toBe("web");
    expect(lines.length).toBeGreaterThan(0);
    lines.forEach((line, i) => {
      expect(body.get(`line_items[${i}][quantity]`)).toBe(String(line.qty));
      expect(body.get(`line_items[${i}][price_data][currency]`)).toBe("cny");
      expect(body.get(`line_items[${i}][price_data][unit_amount]`)).toBe(String(line.unitPriceFen));
      expect(body.get(`line_items[${i}][price_data][product_data][name]`)).toContain(line.nameZh);
    });
    const sum = lines.reduce((total, line) => total + line.qty * line.unitPriceFen, 0);
    expect(sum).toBe(order.totalFen);
    expect(body.get("client_reference_id")).toBe(String(order.id));
    expect(body.get("metadata[order_id]")).toBe(String(order.id));
    expect(body.get("metadata[order_number]")).toBe(order.number);
    expect(body.get("payment_intent_data[metadata][order_id]")).toBe(String(order.id));
    const expiresIn = Number(body.get("expires_at")) - Date.now() / 1000;
    expect(expiresIn).toBeGreaterThan(3500);
    expect(expiresIn).toBeLessThanOrEqual(3600);
    // The request came to http://localhost: the return addresses are PUBLIC_ORIGIN's regardless.
    expect(body.get("success_url")).toBe(
      `https://xiaofei.example.test/buyer/orders/${order.id}/paid`,
    );
    expect(body.get("cancel_url")).toBe(`https://xiaofei.example.test/buyer/orders/${order.id}`);
    const sessionId = orderRow(order.id).stripeSessionId;
    expect(response.headers.get("Location")).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
  });

  it("a second click sends the same request again and gets the same session", async () => {
    const order = placeOrder();
    const first = await startCheckout(order.id);
    const again = await pay(order.id);
    expect(again.headers.get("Location")).toBe(`https://checkout.stripe.com/c/pay/${first}`);
    const [a, b] = seen.slice(-2);
    expect(b!.idempotencyKey).toBe(a!.idempotencyKey);
    expect(b!.body.toString()).toBe(a!.body.toString());
    expect(orderRow(order.id).stripeSessionId).toBe(first);
  });

  it("another organisation's order is not found; a bank transfer order is refused", async () => {
    const order = placeOrder();
    const before = seen.length;
    expect((await pay(order.id, "union")).status).toBe(404);
    expect((await pay(999_999)).status).toBe(404);
    const transfer = placeOrder("bank_transfer");
    expect((await pay(transfer.id)).status).toBe(409);
    expect(seen).toHaveLength(before);
  });

  it("a Stripe failure answers 502 with our own words, never Stripe's", async () => {
    const order = placeOrder();
    failNextCreate = true;
    // The route logs Stripe's error for the operator; keep it out of the test output.
    vi.mocked(console.error).mockImplementationOnce(() => undefined);
    const response = await pay(order.id);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toBe("暂时无法连接在线支付，请稍后再试，或改用对公转账。");
    expect(text).not.toContain("Secret Stripe detail");
    expect(orderRow(order.id).stripeSessionId).toBeNull();
    expect(vi.mocked(console.error)).toHaveBeenCalledTimes(1);
    vi.mocked(console.error).mockClear();
  });

  it("asks Stripe for a refund with an idempotency key", async () => {
    const refund = await services.refundPayment("pi_test_refund", {
      orderId: 42,
      reason: "质量问题",
    });
    expect(refund).toEqual({ id: "re_test_1", status: "succeeded" });
    const sent = seen.at(-1)!;
    expect(sent.path).toBe("/v1/refunds");
    expect(sent.idempotencyKey).toBe("refund:42:pi_test_refund");
    expect(sent.body.get("payment_intent")).toBe("pi_test_refund");
    expect(sent.body.get("metadata[order_id]")).toBe("42");
  });
});

describe("webhook signatures", () => {
  it("Stripe's POST, which has no Origin header, passes the CSRF check", () => {
    expect(
      isCrossSiteWrite(
        { method: "POST", origin: undefined, secFetchSite: undefined },
        siteOrigins("https://shop.example.cn"),
      ),
    ).toBe(false);
  });

  it("a bad, missing, stale or tampered signature is 400 and writes nothing", async () => {
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const event = sessionEvent("checkout.session.completed", order, {
      id: sessionId,
      paymentIntent: "pi_sig",
      paymentStatus: "paid",
    });
    const before = { events: stripeEventCount(), order: orderRow(order.id) };
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      deliver(event, { secret: "whsec_someone_else" }),
      deliver(event, { header: null }),
      deliver(event, { header: "t=1,v1=deadbeef" }),
      deliver(event, { timestamp: now - 301 - 60 }),
      deliver(event, {
        body: JSON.stringify({
          ...event,
          data: { object: { ...event.data.object, amount_total: 1 } },
        }),
      }),
    ];
    for (const result of await Promise.all(attempts)) expect(result.status).toBe(400);
    expect(stripeEventCount()).toBe(before.events);
    expect(orderRow(order.id)).toEqual(before.order);
    // The same event, properly signed, is accepted.
    expect(await deliver(event)).toMatchObject({ status: 200, body: { effect: "paid" } });
  });
});

describe("applying events once", () => {
  it("the same completed event three times, after its async success, pays the order once", async () => {
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const session = { id: sessionId, paymentIntent: "pi_once", paymentStatus: "paid" };
    const succeeded = sessionEvent("checkout.session.async_payment_succeeded", order, session);
    const completed = sessionEvent("checkout.session.completed", order, session);
    const first = await deliver(succeeded);
    expect(first).toMatchObject({ status: 200, body: { duplicate: false, effect: "paid" } });
    const results = await Promise.all([deliver(completed), deliver(completed), deliver(completed)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.body.effect)).toEqual(Array(3).fill("already_paid"));
    expect(results.filter((r) => r.body.duplicate)).toHaveLength(2);
    expect((await deliver(succeeded)).body).toMatchObject({ duplicate: true, effect: "paid" });

    const after = orderRow(order.id);
    expect(after).toMatchObject({
      status: "paid",
      stripeSessionId: sessionId,
      stripePaymentIntentId: "pi_once",
      paymentConfirmedBy: null,
    });
    const pays = db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.action, "pay")))
      .all();
    expect(pays).toHaveLength(1);
    expect(pays[0]!.actorUserId).toBeNull();
    const rows = db.select().from(stripeEvents).where(eq(stripeEvents.orderId, order.id)).all();
    expect(rows.map((r) => [r.id, r.effect]).sort()).toEqual(
      [
        [completed.id, "already_paid"],
        [succeeded.id, "paid"],
      ].sort(),
    );
  });

  it("counts once when accepted and invoiced; a refund reverses it; replays change nothing", async () => {
    const totalBefore = ledgerTotal();
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const session = { id: sessionId, paymentIntent: "pi_counted", paymentStatus: "paid" };
    const completed = sessionEvent("checkout.session.completed", order, session);
    expect((await deliver(completed)).body.effect).toBe("paid");

    const step = (action: "confirm" | "ship" | "accept", actor: OrderActorRef) =>
      actOnOrder(db, {
        orderId: order.id,
        action,
        actor,
        carrier: "顺丰速运",
        trackingNumber: "SF1",
      });
    expect(step("confirm", seller)).toEqual({ ok: true, status: "confirmed" });
    expect(step("ship", seller)).toEqual({ ok: true, status: "shipped" });
    // Whoever placed the order cannot accept it: another person of the unit does.
    const placer: OrderActorRef = {
      userId: unit.purchaser,
      orgId: unit.orgId,
      ip: "",
      as: "buyer",
    };
    expect(step("accept", placer)).toEqual({ ok: false, reason: "own_acceptance" });
    const buyer: OrderActorRef = { userId: unit.approver, orgId: unit.orgId, ip: "", as: "buyer" };
    expect(step("accept", buyer)).toEqual({ ok: true, status: "accepted" });
    expect(
      recordInvoice(db, {
        orderId: order.id,
        actor: seller,
        invoiceNumber: `STRIPE-${order.id}`,
        file: null,
      }),
    ).toEqual({ ok: true, status: "completed" });
    expect(ledgerTotal()).toBe(totalBefore + order.totalFen);
    // A late copy of the payment changes nothing once the order is counted.
    expect((await deliver(completed)).body).toMatchObject({ duplicate: true });
    expect(ledgerTotal()).toBe(totalBefore + order.totalFen);

    // A partial refund is recorded but does not move the order.
    const partial = await deliver(refundEvent("pi_counted", order.totalFen, 100));
    expect(partial.body.effect).toBe("partial_refund");
    expect(orderRow(order.id).status).toBe("completed");

    const refunded = refundEvent("pi_counted", order.totalFen, order.totalFen);
    expect((await deliver(refunded)).body).toMatchObject({ duplicate: false, effect: "refunded" });
    expect(orderRow(order.id)).toMatchObject({ status: "refunded" });
    expect(orderRow(order.id).reversalSeq).not.toBeNull();
    expect(ledgerTotal()).toBe(totalBefore);

    // The same refund again, another event for it, and a late payment event: no change.
    expect((await deliver(refunded)).body).toMatchObject({ duplicate: true });
    const again = await deliver(refundEvent("pi_counted", order.totalFen, order.totalFen));
    expect(again.body).toMatchObject({ duplicate: false, effect: "already_refunded" });
    const late = await deliver(
      sessionEvent("checkout.session.async_payment_succeeded", order, session),
    );
    expect(late.body.effect).toBe("already_paid");
    expect(orderRow(order.id).status).toBe("refunded");
    expect(ledgerTotal()).toBe(totalBefore);
    expect(verifyLedger(sqlite)).toMatchObject({ problem: null, summaryMismatches: [] });
  });

  it("a seller's refund of a cancelled online order goes back through Stripe and is marked when Stripe confirms", async () => {
    const { refundOrder } = await import("~/utils/refund.server");
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const session = { id: sessionId, paymentIntent: "pi_cancelled", paymentStatus: "paid" };
    expect(
      (await deliver(sessionEvent("checkout.session.completed", order, session))).body.effect,
    ).toBe("paid");
    expect(
      actOnOrder(db, { orderId: order.id, action: "cancel", actor: seller, note: "缺货" }),
    ).toEqual({ ok: true, status: "cancelled" });
    const requests = seen.length;
    expect(
      await refundOrder(db, { orderId: order.id, actor: seller, note: "缺货，原路退款" }),
    ).toEqual({ ok: true, status: "refund_requested" });
    const refundRequest = seen.slice(requests).find((r) => r.path === "/v1/refunds")!;
    expect(refundRequest.body.get("payment_intent")).toBe("pi_cancelled");
    expect(refundRequest.idempotencyKey).toBe(`refund:${order.id}:pi_cancelled`);
    // Asking is not the money going back: the order stays cancelled until Stripe says so.
    expect(orderRow(order.id)).toMatchObject({ status: "cancelled", refundedAt: null });
    const refunded = refundEvent("pi_cancelled", order.totalFen, order.totalFen);
    expect((await deliver(refunded)).body).toMatchObject({ effect: "refunded" });
    expect(orderRow(order.id).status).toBe("refunded");
  });

  it("a full refund that arrives before the payment keeps the order unpaid", async () => {
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const refund = await deliver(refundEvent("pi_early", order.totalFen, order.totalFen));
    expect(refund.body.effect).toBe("unmatched_refund:pi_early");
    const completed = sessionEvent("checkout.session.completed", order, {
      id: sessionId,
      paymentIntent: "pi_early",
      paymentStatus: "paid",
    });
    expect((await deliver(completed)).body.effect).toBe("refunded_before_paid");
    expect(orderRow(order.id)).toMatchObject({ status: "awaiting_payment", paidAt: null });
  });

  it("a payment of the wrong amount does not pay the order", async () => {
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const event = sessionEvent("checkout.session.completed", order, {
      id: sessionId,
      paymentIntent: "pi_wrong",
      paymentStatus: "paid",
      amount: order.totalFen - 1,
    });
    expect((await deliver(event)).body.effect).toBe("amount_mismatch");
    expect(orderRow(order.id).status).toBe("awaiting_payment");
  });

  it("unknown event types are acknowledged and recorded as ignored", async () => {
    const event = {
      id: newEventId(),
      object: "event",
      type: "customer.created",
      data: { object: {} },
    };
    expect(await deliver(event)).toMatchObject({ status: 200, body: { effect: "ignored" } });
    expect(db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id)).get()).toMatchObject(
      { type: "customer.created", effect: "ignored", orderId: null },
    );
  });
});

describe("asynchronous methods, failures and expiry", () => {
  it("an async payment that fails leaves the order awaiting payment, and the buyer can retry", async () => {
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    const session = { id: sessionId, paymentIntent: "pi_async", paymentStatus: "unpaid" };
    const completed = await deliver(sessionEvent("checkout.session.completed", order, session));
    expect(completed.body.effect).toBe("awaiting_async");
    expect(orderRow(order.id).status).toBe("awaiting_payment");
    // While the money is on its way, paying again goes to the return page.
    const meanwhile = await pay(order.id);
    expect(meanwhile.status).toBe(303);
    expect(meanwhile.headers.get("Location")).toBe(`/buyer/orders/${order.id}/paid`);

    const failed = sessionEvent("checkout.session.async_payment_failed", order, session);
    expect((await deliver(failed)).body.effect).toBe("payment_failed");
    expect(orderRow(order.id)).toMatchObject({
      status: "awaiting_payment",
      stripeSessionId: null,
      paidAt: null,
    });
    const history = db
      .select({ action: orderEvents.action })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .all()
      .map((e) => e.action);
    expect(history).toEqual(["place", "checkout_started", "payment_processing", "payment_failed"]);
    const notice = db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.orgId, unit.orgId), eq(notifications.key, "payment.notices.failed")),
      )
      .all();
    expect(notice.some((n) => n.values.id === order.id)).toBe(true);

    // A second attempt is a new session with a new idempotency key.
    const retry = await startCheckout(order.id);
    expect(retry).not.toBe(sessionId);
    expect(seen.at(-1)!.idempotencyKey).toBe(`checkout:${order.id}:2`);
  });

  it("an expired session reopens the order; an older session's expiry is ignored", async () => {
    const order = placeOrder();
    const first = await startCheckout(order.id);
    const expired = sessionEvent("checkout.session.expired", order, {
      id: first,
      paymentIntent: null,
      paymentStatus: "unpaid",
    });
    expect((await deliver(expired)).body.effect).toBe("expired");
    expect(orderRow(order.id).stripeSessionId).toBeNull();
    const second = await startCheckout(order.id);
    expect(second).not.toBe(first);
    const stale = sessionEvent(
      "checkout.session.expired",
      order,
      { id: first, paymentIntent: null, paymentStatus: "unpaid" },
      newEventId(),
    );
    expect((await deliver(stale)).body.effect).toBe("ignored:stale_session");
    expect(orderRow(order.id).stripeSessionId).toBe(second);
  });
});

describe("the page Stripe returns to", () => {
  const visit = (orderId: number, who = "unit") =>
    paidRoute.loader({
      request: new Request(`http://localhost/buyer/orders/${orderId}/paid`, {
        headers: { Cookie: cookies[who]! },
      }),
      params: { id: String(orderId) },
      context: {},
    }) as Promise<{ phase: string; number: string }>;

  it("shows the database's state and never marks anything paid by itself", async () => {
    const order = placeOrder();
    const sessionId = await startCheckout(order.id);
    expect(await visit(order.id)).toMatchObject({ phase: "confirming", number: order.number });
    expect(await visit(order.id)).toMatchObject({ phase: "confirming" });
    expect(orderRow(order.id)).toMatchObject({ status: "awaiting_payment", paidAt: null });
    await deliver(
      sessionEvent("checkout.session.completed", order, {
        id: sessionId,
        paymentIntent: "pi_page",
        paymentStatus: "paid",
      }),
    );
    expect(await visit(order.id)).toMatchObject({ phase: "paid" });
    const other = await settle(() => visit(order.id, "union"));
    expect(other.status).toBe(404);
  });
});

describe("without Stripe configured", () => {
  it("the option is off and both routes answer 404", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", undefined);
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", undefined);
    vi.resetModules();
    try {
      const stripe = await import("~/services/stripe.server");
      expect(stripe.stripeEnabled()).toBe(false);
      const pay = await import("~/routes/buyer.orders.$id.pay");
      const webhook = await import("~/routes/webhooks.stripe");
      const order = placeOrder();
      const request = new Request(`http://localhost/buyer/orders/${order.id}/pay`, {
        method: "POST",
        headers: { Cookie: cookies.unit! },
      });
      const refused = await settle(() =>
        pay.action({ request, params: { id: String(order.id) }, context: {} }),
      );
      expect(refused.status).toBe(404);
      const hook = await webhook.action({
        request: new Request("http://localhost/webhooks/stripe", { method: "POST", body: "{}" }),
        params: {},
        context: {},
      });
      expect(hook.status).toBe(404);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
