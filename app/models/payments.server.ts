/**
 * Online payment's database side: starting a Checkout attempt for an order,
 * and applying Stripe's webhook events. Stripe itself is reached only through
 * app/services/stripe.server.ts; nothing here makes a network call.
 *
 * An order is paid online only by a signed `checkout.session.completed` (or
 * `…async_payment_succeeded`) event, never by the page Stripe sends the buyer
 * back to. Each event id is recorded with what it did in the same transaction
 * as its effect, so a replayed, duplicated or late event changes nothing, and
 * the state machine's refusals become recorded effects instead of errors.
 */
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbLike, Tx } from "../../db/client";
import { orderEvents, orderLines, orders, stripeEvents, units } from "../../db/schema";
import type { Language } from "~/i18n/config";
import { notify } from "./notifications.server";
import { actOnOrderIn, addOrderEvent, type OrderActorRef } from "./orders.server";

/** Steps of an order's history that tell where its online payment stands. */
const CHECKOUT_STEPS = [
  "checkout_started",
  "payment_processing",
  "payment_failed",
  "checkout_expired",
] as const;
type CheckoutStep = (typeof CHECKOUT_STEPS)[number];

/** A session whose creation may still be on its way to Stripe: retry it rather than start another. */
const IN_FLIGHT_MS = 5 * 60 * 1000;

const startedDetail = z.object({
  attempt: z.number().int().positive(),
  expiresAt: z.number().int().positive(),
  language: z.enum(["zh-CN", "en"]),
});

function latestCheckoutStep(tx: DbLike, orderId: number) {
  return (
    tx
      .select({ action: orderEvents.action, at: orderEvents.at, detail: orderEvents.detail })
      .from(orderEvents)
      .where(
        and(eq(orderEvents.orderId, orderId), inArray(orderEvents.action, [...CHECKOUT_STEPS])),
      )
      .orderBy(desc(orderEvents.id))
      .limit(1)
      .get() ?? null
  );
}

export type CheckoutStart =
  | {
      ok: true;
      order: { id: number; number: string };
      lines: { nameZh: string; unitNameZh: string; qty: number; unitPriceFen: number }[];
      attempt: number;
      expiresAt: number;
      language: Language;
    }
  | { ok: false; reason: "not_found" | "not_online" | "not_payable" | "confirming" };

/**
 * The Checkout attempt to send to Stripe for the buyer's own order: the open
 * one again while it lasts (same attempt, same parameters, so Stripe answers
 * with the same session), or a new one after the last expired or failed.
 * Lines and amounts come from the stored order, never from the browser.
 */
export function beginCheckout(
  db: Db,
  input: {
    orderId: number;
    buyerOrgId: number;
    userId: number;
    lifetimeSeconds: number;
    language: Language;
  },
  now = new Date(),
): CheckoutStart {
  return db.transaction(
    (tx): CheckoutStart => {
      const order = tx.select().from(orders).where(eq(orders.id, input.orderId)).get();
      if (!order || order.buyerOrgId !== input.buyerOrgId)
        return { ok: false, reason: "not_found" };
      if (order.paymentMethod !== "stripe") return { ok: false, reason: "not_online" };
      if (order.status !== "awaiting_payment") return { ok: false, reason: "not_payable" };
      const latest = latestCheckoutStep(tx, order.id);
      if (latest?.action === "payment_processing") return { ok: false, reason: "confirming" };
      const lines = tx
        .select({
          nameZh: orderLines.nameZh,
          unitNameZh: units.nameZh,
          qty: orderLines.qty,
          unitPriceFen: orderLines.unitPriceFen,
        })
        .from(orderLines)
        .innerJoin(units, eq(units.code, orderLines.unitCode))
        .where(eq(orderLines.orderId, order.id))
        .orderBy(orderLines.id)
        .all();
      const head = { ok: true as const, order: { id: order.id, number: order.number }, lines };
      const nowSeconds = Math.floor(now.getTime() / 1000);
      if (latest?.action === "checkout_started") {
        const started = startedDetail.safeParse(latest.detail);
        const open = started.success && started.data.expiresAt > nowSeconds;
        const reusable = order.stripeSessionId
          ? open
          : open && now.getTime() - latest.at.getTime() < IN_FLIGHT_MS;
        if (reusable && started.success) return { ...head, ...started.data };
      }
      const attempt =
        (tx
          .select({ n: count() })
          .from(orderEvents)
          .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.action, "checkout_started")))
          .get()?.n ?? 0) + 1;
      const detail = {
        attempt,
        expiresAt: nowSeconds + input.lifetimeSeconds,
        language: input.language,
      };
      tx.update(orders)
        .set({ stripeSessionId: null, updatedAt: now })
        .where(eq(orders.id, order.id))
        .run();
      addOrderEvent(tx, {
        orderId: order.id,
        at: now,
        actor: { userId: input.userId, orgId: input.buyerOrgId },
        action: "checkout_started",
        detail,
      });
      return { ...head, ...detail };
    },
    { behavior: "immediate" },
  );
}

/** Remembers the session Stripe made for an order that is still waiting for its money. */
export function recordCheckoutSession(
  db: Db,
  input: { orderId: number; sessionId: string },
  now = new Date(),
): void {
  db.update(orders)
    .set({ stripeSessionId: input.sessionId, updatedAt: now })
    .where(and(eq(orders.id, input.orderId), eq(orders.status, "awaiting_payment")))
    .run();
}

export type PaymentPhase = "paid" | "processing" | "failed" | "confirming";

/**
 * What the buyer's return page shows, read from the database only: paid once
 * the webhook said so; otherwise still being confirmed, processing (an
 * asynchronous method), or failed (the buyer may try again).
 */
export function paymentPhaseOf(db: Db, input: { orderId: number; buyerOrgId: number }) {
  const order = db.select().from(orders).where(eq(orders.id, input.orderId)).get();
  if (!order || order.buyerOrgId !== input.buyerOrgId) return null;
  const latest = latestCheckoutStep(db, order.id)?.action as CheckoutStep | undefined;
  const phase: PaymentPhase = order.paidAt
    ? "paid"
    : latest === "payment_processing"
      ? "processing"
      : latest === "payment_failed" || latest === "checkout_expired"
        ? "failed"
        : "confirming";
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    totalFen: order.totalFen,
    paymentMethod: order.paymentMethod,
    phase,
  };
}

const stripeId = z
  .union([z.string(), z.object({ id: z.string() }), z.null()])
  .transform((value) => (value === null || typeof value === "string" ? value : value.id));

const sessionSchema = z.object({
  id: z.string().min(1),
  payment_status: z.string(),
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  payment_intent: stripeId.optional().transform((value) => value ?? null),
  client_reference_id: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});
type Session = z.infer<typeof sessionSchema>;

const chargeSchema = z.object({
  id: z.string().min(1),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  payment_intent: stripeId.optional().transform((value) => value ?? null),
});

/** The parts of a verified Stripe event this module reads. */
export interface WebhookEvent {
  id: string;
  type: string;
  data: { object: unknown };
}

export interface WebhookOutcome {
  duplicate: boolean;
  effect: string;
  orderId: number | null;
}

type Effect = { effect: string; orderId: number | null };

/**
 * Applies one verified Stripe event, once: in a single transaction, an event
 * id already recorded changes nothing; otherwise its effect on the order (if
 * any) and the record of it are written together.
 */
export function applyStripeEvent(
  db: Db,
  event: WebhookEvent,
  input: { ip: string },
  now = new Date(),
): WebhookOutcome {
  return db.transaction(
    (tx): WebhookOutcome => {
      const seen = tx.select().from(stripeEvents).where(eq(stripeEvents.id, event.id)).get();
      if (seen) return { duplicate: true, effect: seen.effect, orderId: seen.orderId };
      const actor: OrderActorRef = { userId: 0, orgId: null, ip: input.ip, as: "system" };
      const { effect, orderId } = effectOf(tx, event, actor, now);
      tx.insert(stripeEvents)
        .values({ id: event.id, type: event.type, receivedAt: now, orderId, effect })
        .run();
      return { duplicate: false, effect, orderId };
    },
    { behavior: "immediate" },
  );
}

function effectOf(tx: Tx, event: WebhookEvent, actor: OrderActorRef, now: Date): Effect {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = sessionSchema.safeParse(event.data.object);
      if (!session.success) return { effect: "ignored:malformed", orderId: null };
      const order = orderOfSession(tx, session.data);
      if (!order) return { effect: "ignored:no_order", orderId: null };
      const step = { tx, order, session: session.data, eventId: event.id, actor, now };
      if (event.type === "checkout.session.async_payment_failed")
        return { effect: reopen(step, "payment_failed"), orderId: order.id };
      if (event.type === "checkout.session.expired")
        return { effect: reopen(step, "checkout_expired"), orderId: order.id };
      if (event.type === "checkout.session.completed" && session.data.payment_status !== "paid")
        return { effect: awaitAsync(step), orderId: order.id };
      return { effect: pay(step), orderId: order.id };
    }
    case "charge.refunded": {
      const charge = chargeSchema.safeParse(event.data.object);
      if (!charge.success) return { effect: "ignored:malformed", orderId: null };
      return refund(tx, charge.data, actor, now);
    }
    default:
      return { effect: "ignored", orderId: null };
  }
}

/** Our order named in the session's metadata and client reference (both ours, signed by Stripe). */
function orderOfSession(tx: Tx, session: Session) {
  const id = Number(session.metadata?.order_id ?? session.client_reference_id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  if (session.client_reference_id && session.client_reference_id !== String(id)) return null;
  return tx.select().from(orders).where(eq(orders.id, id)).get() ?? null;
}

interface Step {
  tx: Tx;
  order: typeof orders.$inferSelect;
  session: Session;
  eventId: string;
  actor: OrderActorRef;
  now: Date;
}

/** Why a paid session does not (or no longer) move its order. */
function notAwaiting(order: typeof orders.$inferSelect, paymentIntentId: string | null): string {
  if (!order.paidAt) return `ignored:${order.status}`;
  // A second session paid for an order already paid: the money must go back by hand.
  if (
    paymentIntentId &&
    order.stripePaymentIntentId &&
    paymentIntentId !== order.stripePaymentIntentId
  )
    return `duplicate_payment:${paymentIntentId}`;
  return "already_paid";
}

function pay({ tx, order, session, actor, now }: Step): string {
  if (session.amount_total !== order.totalFen || session.currency !== "cny")
    return "amount_mismatch";
  if (order.status !== "awaiting_payment") return notAwaiting(order, session.payment_intent);
  // A full refund that arrived before the payment it refunds: the money is not ours.
  if (
    session.payment_intent &&
    tx
      .select({ id: stripeEvents.id })
      .from(stripeEvents)
      .where(eq(stripeEvents.effect, `unmatched_refund:${session.payment_intent}`))
      .get()
  )
    return "refunded_before_paid";
  const result = actOnOrderIn(
    tx,
    {
      orderId: order.id,
      action: "pay",
      actor,
      stripe: { sessionId: session.id, paymentIntentId: session.payment_intent },
    },
    now,
  );
  return result.ok ? "paid" : `ignored:${result.reason}`;
}

/** Completed with an asynchronous method: the money is on its way, not here. */
function awaitAsync({ tx, order, session, eventId, now }: Step): string {
  if (order.status !== "awaiting_payment") return notAwaiting(order, session.payment_intent);
  addOrderEvent(tx, {
    orderId: order.id,
    at: now,
    actor: { userId: null, orgId: null },
    action: "payment_processing",
    detail: { sessionId: session.id, eventId },
  });
  return "awaiting_async";
}

/** A failed or expired session: the order waits for payment again, with a new session. */
function reopen(
  { tx, order, session, eventId, now }: Step,
  action: "payment_failed" | "checkout_expired",
): string {
  if (order.status !== "awaiting_payment") return `ignored:${order.status}`;
  // An older attempt's session ending says nothing about the current one.
  if (order.stripeSessionId !== session.id) return "ignored:stale_session";
  tx.update(orders)
    .set({ stripeSessionId: null, updatedAt: now })
    .where(eq(orders.id, order.id))
    .run();
  addOrderEvent(tx, {
    orderId: order.id,
    at: now,
    actor: { userId: null, orgId: null },
    action,
    detail: { sessionId: session.id, eventId },
  });
  if (action === "payment_failed")
    notify(
      tx,
      [order.buyerOrgId],
      {
        key: "payment.notices.failed",
        values: { number: order.number, id: order.id },
        link: `/buyer/orders/${order.id}`,
      },
      now,
    );
  return action === "payment_failed" ? "payment_failed" : "expired";
}

/** A full refund of a counted or cancelled order refunds it (reversing what it counted). */
function refund(
  tx: Tx,
  charge: z.infer<typeof chargeSchema>,
  actor: OrderActorRef,
  now: Date,
): Effect {
  const paymentIntentId = charge.payment_intent;
  if (!paymentIntentId) return { effect: "ignored:no_payment_intent", orderId: null };
  const full = charge.amount_refunded >= charge.amount;
  const order = tx
    .select()
    .from(orders)
    .where(eq(orders.stripePaymentIntentId, paymentIntentId))
    .get();
  if (!order)
    return {
      effect: full ? `unmatched_refund:${paymentIntentId}` : "ignored:no_order",
      orderId: null,
    };
  if (!full) return { effect: "partial_refund", orderId: order.id };
  if (order.status === "refunded") return { effect: "already_refunded", orderId: order.id };
  const result = actOnOrderIn(tx, { orderId: order.id, action: "refund", actor }, now);
  return { effect: result.ok ? "refunded" : `ignored:${order.status}`, orderId: order.id };
}
