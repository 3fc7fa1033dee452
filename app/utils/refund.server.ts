import type { Db } from "../../db/client";
import {
  actOnOrder,
  addOrderEvent,
  getOrder,
  type ActResult,
  type OrderActorRef,
} from "~/models/orders.server";
import { refundPayment, stripeEnabled } from "~/services/stripe.server";

export type RefundOutcome =
  ActResult | { ok: true; status: "refund_requested" } | { ok: false; reason: "stripe_failed" };

/**
 * Refunds an order; callers check it is theirs to refund. Money paid through
 * Stripe goes back through Stripe: the refund is requested (with an
 * idempotency key) and the order is marked refunded only when Stripe's
 * `charge.refunded` event arrives, so the record never says money went back
 * when it did not. A bank transfer is refunded by the seller's own transfer,
 * which this records.
 */
export async function refundOrder(
  db: Db,
  input: { orderId: number; actor: OrderActorRef; note: string },
): Promise<RefundOutcome> {
  const order = getOrder(db, input.orderId);
  const online =
    order?.paymentMethod === "stripe" &&
    order.stripePaymentIntentId &&
    order.paidAt &&
    stripeEnabled();
  if (!order || !online)
    return actOnOrder(db, {
      orderId: input.orderId,
      action: "refund",
      actor: input.actor,
      note: input.note,
    });
  if (!["cancelled", "accepted", "completed"].includes(order.status) || order.refundedAt)
    return { ok: false, reason: "not_allowed" };
  try {
    await refundPayment(order.stripePaymentIntentId!, { orderId: order.id, reason: input.note });
  } catch {
    return { ok: false, reason: "stripe_failed" };
  }
  addOrderEvent(db, {
    orderId: order.id,
    at: new Date(),
    actor: { userId: input.actor.userId, orgId: input.actor.orgId },
    action: "refund_requested",
    note: input.note,
  });
  return { ok: true, status: "refund_requested" };
}
