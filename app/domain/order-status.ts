/**
 * An order's life. Each seller's share of a checkout is its own order:
 *
 *   awaiting_approval → awaiting_payment → paid → confirmed → shipped
 *     → delivered → accepted → completed
 *
 * with `returned` (an approver sends it back), `cancelled` (before shipping;
 * a paid order then waits for its refund) and `refunded` branches. An order
 * counts toward the targets once it is paid, accepted and invoiced; that is
 * the step to `completed`. A refund after counting appends a negative entry.
 */

export const orderStatuses = [
  "awaiting_approval",
  "awaiting_payment",
  "paid",
  "confirmed",
  "shipped",
  "delivered",
  "accepted",
  "completed",
  "returned",
  "cancelled",
  "refunded",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderActions = [
  "approve",
  "return",
  "pay",
  "confirm",
  "ship",
  "deliver",
  "accept",
  "complete",
  "cancel",
  "refund",
] as const;
export type OrderAction = (typeof orderActions)[number];

/** Who takes each action: the buyer's people, the seller's, the office, or the payment system. */
export type OrderActor = "buyer" | "approver" | "seller" | "office" | "system";

const transitions: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  approve: { awaiting_approval: "awaiting_payment" },
  return: { awaiting_approval: "returned" },
  pay: { awaiting_payment: "paid" },
  confirm: { paid: "confirmed" },
  ship: { confirmed: "shipped" },
  deliver: { shipped: "delivered" },
  accept: { shipped: "accepted", delivered: "accepted" },
  complete: { accepted: "completed" },
  cancel: {
    awaiting_approval: "cancelled",
    awaiting_payment: "cancelled",
    paid: "cancelled",
    confirmed: "cancelled",
  },
  refund: { cancelled: "refunded", completed: "refunded", accepted: "refunded" },
};

const actors: Record<OrderAction, readonly OrderActor[]> = {
  approve: ["approver"],
  return: ["approver"],
  pay: ["seller", "office", "system"],
  confirm: ["seller"],
  ship: ["seller"],
  deliver: ["seller", "office"],
  accept: ["buyer", "approver"],
  complete: ["system"],
  cancel: ["buyer", "approver", "seller", "office"],
  refund: ["seller", "office", "system"],
};

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextOrderStatus(from: OrderStatus, action: OrderAction): OrderStatus | null {
  return transitions[action][from] ?? null;
}

/** What about the order, beyond its status, decides who may take a step. */
export interface OrderFacts {
  paymentMethod: "bank_transfer" | "stripe";
}

/**
 * Whether `actor` may take `action` on an order in status `from`. Money paid
 * online is confirmed only by the payment system's signed event, never by a
 * person; a bank transfer is confirmed by the seller or the office.
 */
export function mayTakeAction(
  from: OrderStatus,
  action: OrderAction,
  actor: OrderActor,
  order: OrderFacts,
): boolean {
  if (!actors[action].includes(actor)) return false;
  if (action === "pay" && actor !== "system" && order.paymentMethod !== "bank_transfer")
    return false;
  // A buyer may cancel only before paying; after that the seller or office cancels and refunds.
  if (action === "cancel" && (actor === "buyer" || actor === "approver"))
    return from === "awaiting_approval" || from === "awaiting_payment";
  return nextOrderStatus(from, action) !== null;
}

/** The actions `actor` may take now, in the order a page offers them. */
export function availableActions(
  from: OrderStatus,
  actor: OrderActor,
  order: OrderFacts,
): OrderAction[] {
  return orderActions.filter((action) => mayTakeAction(from, action, actor, order));
}

/** Stock goes back when an order ends before anything was shipped. */
export function returnsStock(from: OrderStatus, to: OrderStatus): boolean {
  return (
    (to === "cancelled" || to === "returned") &&
    !["shipped", "delivered", "accepted", "completed"].includes(from)
  );
}

/** States in which the order is finished, whatever happens next. */
export function isClosed(status: OrderStatus): boolean {
  return (
    status === "completed" ||
    status === "returned" ||
    status === "cancelled" ||
    status === "refunded"
  );
}

/** Whether a paid-and-accepted order can count: it needs its invoice too. */
export function readyToCount(order: {
  status: OrderStatus;
  paidAt: Date | null;
  invoiceNumber: string | null;
}): boolean {
  return order.status === "accepted" && order.paidAt !== null && Boolean(order.invoiceNumber);
}

/** Why separation of duties refuses a step a person could otherwise take. */
export type DutyProblem = "own_order" | "own_acceptance" | "needs_slip" | "needs_reason";

/**
 * Separation of duties: no one person makes a yuan count.
 * - Whoever placed an order can neither approve it nor accept it: an order
 *   counts only when at least two people of the buying side have acted on it.
 * - A bank transfer counts as received only with evidence: the seller may
 *   confirm it once the buyer's slip is attached; the office may confirm it
 *   without a slip, giving its reason. Online payments are confirmed by
 *   Stripe's signed event alone (see `mayTakeAction`).
 */
export function dutyProblem(
  action: OrderAction,
  actor: OrderActor,
  userId: number | null,
  order: { placedBy: number; transferSlipKey: string | null },
  note: string | null | undefined,
): DutyProblem | null {
  if ((action === "approve" || action === "return") && order.placedBy === userId)
    return "own_order";
  if (action === "accept" && order.placedBy === userId) return "own_acceptance";
  if (action === "pay" && actor === "seller" && !order.transferSlipKey) return "needs_slip";
  if (action === "pay" && actor === "office" && !note?.trim()) return "needs_reason";
  return null;
}
