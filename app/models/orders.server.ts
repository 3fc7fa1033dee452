/**
 * Orders: placing a cart (one order per seller, stock reserved, idempotent),
 * every later step of the status machine with its side effects, and counting
 * into the ledger once an order is paid, accepted and invoiced. Every step is
 * one transaction with its history event, audit row and notifications.
 */
import { randomInt } from "node:crypto";
import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import type { Db, DbLike, Tx } from "../../db/client";
import {
  cartItems,
  certifications,
  checkouts,
  ledgerEntries,
  orderEvents,
  orderLines,
  orders,
  organisations,
  products,
  users,
} from "../../db/schema";
import { shanghaiDate } from "~/domain/dates";
import { confirmedParentId } from "~/domain/ledger";
import {
  dutyProblem,
  mayTakeAction,
  type DutyProblem,
  nextOrderStatus,
  readyToCount,
  returnsStock,
  type OrderAction,
  type OrderActor,
  type OrderStatus,
} from "~/domain/order-status";
import { recordAudit } from "./audit.server";
import { viewCart, type CartLine } from "./cart.server";
import { appendEntry, LedgerRefusal, reverseEntry } from "./ledger.server";
import { notify } from "./notifications.server";
import { moveStock } from "./products.server";

export interface OrderActorRef {
  /** The person; ignored for the payment system (`as: "system"`), which is stored as no one. */
  userId: number;
  orgId: number | null;
  ip: string;
  /** The capacity the person acts in for this order. */
  as: OrderActor;
}

export { purposes, type Purpose } from "~/domain/checkout-forms";
import type { Purpose } from "~/domain/checkout-forms";
export type PaymentMethod = "bank_transfer" | "stripe";

export interface CheckoutDetails {
  deliveryAddress: string;
  contactName: string;
  contactPhone: string;
  invoiceTitle: string;
  taxNumber: string;
  poReference: string;
  purpose: Purpose;
  paymentMethod: PaymentMethod;
}

export type PlaceResult =
  | { ok: true; checkoutId: number; orderIds: number[]; replay: boolean; needsApproval: boolean }
  | { ok: false; reason: "empty_cart" | "cart_problems" | "out_of_stock" | "not_found" };

/** Thrown inside a transaction to roll it back with a reason the caller returns. */
class Abort extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I

/** A transfer reference a person can copy onto a bank form without mistakes. */
function transferReference(): string {
  let text = "FD";
  for (let i = 0; i < 8; i++) text += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return text;
}

function orderNumber(tx: Tx, now: Date): string {
  const next =
    tx
      .select({ n: sql<number>`coalesce(max(id), 0) + 1` })
      .from(orders)
      .get()?.n ?? 1;
  return `FD${shanghaiDate(now).replaceAll("-", "")}-${String(next).padStart(6, "0")}`;
}

/** Appends one step to an order's history (never edited). */
export function addOrderEvent(
  tx: DbLike,
  event: {
    orderId: number;
    at: Date;
    actor: { userId: number | null; orgId: number | null };
    action: string;
    from?: OrderStatus | null;
    to?: OrderStatus | null;
    note?: string | null;
    detail?: unknown;
  },
) {
  tx.insert(orderEvents)
    .values({
      orderId: event.orderId,
      at: event.at,
      actorUserId: event.actor.userId,
      actorOrgId: event.actor.orgId,
      action: event.action,
      fromStatus: event.from ?? null,
      toStatus: event.to ?? null,
      note: event.note ?? null,
      detail: event.detail ?? null,
    })
    .run();
}

/**
 * Places the buyer's cart: one order per seller, in one immediate transaction
 * that re-prices every line on the server, reserves the stock (a conditional
 * update, so concurrent buyers never oversell) and empties the cart. The same
 * idempotency key finds the orders it made before instead of placing again.
 */
export function placeOrders(
  db: Db,
  input: {
    buyerOrgId: number;
    userId: number;
    ip: string;
    idempotencyKey: string;
    details: CheckoutDetails;
  },
  now = new Date(),
): PlaceResult {
  const replay = (): PlaceResult | null => {
    const existing = db
      .select()
      .from(checkouts)
      .where(
        and(
          eq(checkouts.buyerOrgId, input.buyerOrgId),
          eq(checkouts.idempotencyKey, input.idempotencyKey),
        ),
      )
      .get();
    if (!existing) return null;
    const ids = db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.checkoutId, existing.id))
      .orderBy(asc(orders.id))
      .all()
      .map((o) => o.id);
    return {
      ok: true,
      checkoutId: existing.id,
      orderIds: ids,
      replay: true,
      needsApproval: existing.needsApproval,
    };
  };
  const earlier = replay();
  if (earlier) return earlier;
  try {
    return db.transaction(
      (tx): PlaceResult => {
        const again = replay();
        if (again) return again;
        const buyer = tx
          .select()
          .from(organisations)
          .where(
            and(
              eq(organisations.id, input.buyerOrgId),
              eq(organisations.side, "buyer"),
              eq(organisations.status, "approved"),
            ),
          )
          .get();
        if (!buyer) return { ok: false, reason: "not_found" };
        const cart = viewCart(tx, buyer.id, shanghaiDate(now));
        if (cart.lines.length === 0) return { ok: false, reason: "empty_cart" };
        if (cart.problems > 0) return { ok: false, reason: "cart_problems" };
        const needsApproval =
          buyer.approvalThresholdFen !== null && cart.totalFen > buyer.approvalThresholdFen;
        const checkout = tx
          .insert(checkouts)
          .values({
            buyerOrgId: buyer.id,
            placedBy: input.userId,
            idempotencyKey: input.idempotencyKey,
            totalFen: cart.totalFen,
            needsApproval,
            createdAt: now,
          })
          .returning({ id: checkouts.id })
          .get();
        const status: OrderStatus = needsApproval ? "awaiting_approval" : "awaiting_payment";
        const orderIds: number[] = [];
        for (const group of cart.sellers) {
          const number = orderNumber(tx, now);
          const order = tx
            .insert(orders)
            .values({
              number,
              checkoutId: checkout.id,
              buyerOrgId: buyer.id,
              sellerOrgId: group.sellerId,
              placedBy: input.userId,
              status,
              totalFen: group.totalFen,
              transferReference: transferReference(),
              ...input.details,
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: orders.id })
            .get();
          orderIds.push(order.id);
          for (const line of group.lines) insertLine(tx, order.id, number, line, input, now);
          addOrderEvent(tx, {
            orderId: order.id,
            at: now,
            actor: { userId: input.userId, orgId: buyer.id },
            action: "place",
            to: status,
            detail: { totalFen: group.totalFen, paymentMethod: input.details.paymentMethod },
          });
          recordAudit(tx, {
            at: now,
            actorUserId: input.userId,
            actorOrgId: buyer.id,
            action: "order.placed",
            targetType: "order",
            targetId: String(order.id),
            ip: input.ip,
            newValue: { number, totalFen: group.totalFen, status, sellerOrgId: group.sellerId },
          });
          const values = { number, buyer: buyer.nameZh, total: group.totalFen, id: order.id };
          notify(
            tx,
            [group.sellerId],
            { key: "notices.orderPlaced", values, link: `/orders/${order.id}` },
            now,
          );
          if (needsApproval)
            notify(
              tx,
              [buyer.id],
              { key: "notices.orderNeedsApproval", values, link: `/orders/${order.id}` },
              now,
            );
        }
        tx.delete(cartItems).where(eq(cartItems.orgId, buyer.id)).run();
        return { ok: true, checkoutId: checkout.id, orderIds, replay: false, needsApproval };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof Abort)
      return {
        ok: false,
        reason: error.reason === "out_of_stock" ? "out_of_stock" : "cart_problems",
      };
    throw error;
  }
}

function insertLine(
  tx: Tx,
  orderId: number,
  number: string,
  line: CartLine,
  input: { userId: number; ip: string },
  now: Date,
) {
  if (line.unitPriceFen === null || line.lineTotalFen === null || !line.tier)
    throw new Abort("cart_problems");
  const certification = tx
    .select({ number: certifications.number })
    .from(products)
    .innerJoin(certifications, eq(certifications.id, products.certificationId))
    .where(eq(products.id, line.productId))
    .get();
  tx.insert(orderLines)
    .values({
      orderId,
      productId: line.productId,
      nameZh: line.nameZh,
      nameEn: line.nameEn,
      unitCode: line.unitCode,
      countyCode: line.countyCode,
      certified: true, // only listed, certified, unexpired products can be in a placeable cart
      certificationNumber: certification?.number ?? null,
      qty: line.qty,
      unitPriceFen: line.unitPriceFen,
      baseUnitPriceFen: line.baseUnitPriceFen,
      tierMinQty: line.tier.minQty,
      lineTotalFen: line.lineTotalFen,
    })
    .run();
  const moved = moveStock(
    tx,
    {
      productId: line.productId,
      delta: -line.qty,
      kind: "order",
      reason: number,
      actor: { userId: input.userId, orgId: null, ip: input.ip },
      orderRef: number,
    },
    now,
  );
  if (!moved.ok) throw new Abort("out_of_stock");
}

export type ActResult =
  | { ok: true; status: OrderStatus }
  | {
      ok: false;
      reason:
        | "not_found"
        | "not_allowed"
        | DutyProblem
        | "not_paid"
        | "duplicate_invoice"
        | "already_invoiced"
        | "not_invoiceable"
        | "two_people_needed";
    };

/**
 * What the ledger refusing to count an order means for the person whose step
 * would have counted it (the transaction is rolled back, so nothing changed):
 * an invoice already counted, or an order whose placer and acceptor are one
 * person or unknown (orders accepted before separation of duties; migration
 * 0014 reopens those). Anything else is a bug, and is thrown.
 */
export function countingRefused(error: unknown): ActResult | null {
  if (!(error instanceof LedgerRefusal)) return null;
  if (error.reason === "duplicate_invoice") return { ok: false, reason: "duplicate_invoice" };
  if (error.reason === "same_person" || error.reason === "missing_person")
    return { ok: false, reason: "two_people_needed" };
  return null;
}

function loadOrderFor(tx: DbLike, orderId: number, actor: OrderActorRef) {
  const order = tx.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order) return null;
  const mine =
    actor.as === "office" || actor.as === "system"
      ? true
      : actor.as === "seller"
        ? order.sellerOrgId === actor.orgId
        : order.buyerOrgId === actor.orgId;
  return mine ? order : null;
}

/** Returns stock to each product of an order that ends before shipping. */
function releaseStock(tx: Tx, order: typeof orders.$inferSelect, actor: OrderActorRef, now: Date) {
  const lines = tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all();
  for (const line of lines) {
    moveStock(
      tx,
      {
        productId: line.productId,
        delta: line.qty,
        kind: "order_cancelled",
        reason: order.number,
        actor: { userId: actor.userId, orgId: actor.orgId, ip: actor.ip },
        orderRef: order.number,
      },
      now,
    );
  }
  return lines;
}

/**
 * Counts an order that is paid, accepted and invoiced: one ledger entry per
 * origin county among its lines (normally one), attributed by the ledger's
 * rules, then marks it completed. Idempotent through the ledger's unique
 * source reference.
 */
function countIfReady(tx: Tx, orderId: number, now: Date): boolean {
  const order = tx.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order || !readyToCount(order)) return false;
  const buyer = tx.select().from(organisations).where(eq(organisations.id, order.buyerOrgId)).get();
  const seller = tx
    .select()
    .from(organisations)
    .where(eq(organisations.id, order.sellerOrgId))
    .get();
  if (!buyer || !seller || !buyer.jurisdictionCode) throw new Error("order without its parties");
  const lines = tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all();
  const groups = new Map<string, { countyCode: string; certified: boolean; amountFen: number }>();
  for (const line of lines) {
    const key = `${line.countyCode}:${line.certified ? 1 : 0}`;
    const group = groups.get(key) ?? {
      countyCode: line.countyCode,
      certified: line.certified,
      amountFen: 0,
    };
    group.amountFen += line.lineTotalFen;
    groups.set(key, group);
  }
  let first: number | null = null;
  for (const [key, group] of groups) {
    const entry = appendEntry(tx, {
      countedAt: now,
      amountFen: group.amountFen,
      sourceKind: "order",
      sourceRef: `order:${order.id}:${key}`,
      buyer: {
        orgId: buyer.id,
        name: buyer.nameZh,
        type:
          buyer.type === "budget_unit" || buyer.type === "trade_union" ? buyer.type : "enterprise",
        jurisdictionCode: buyer.jurisdictionCode,
        parentOrgId: confirmedParentId(buyer),
        isChannel: buyer.channelKind !== null,
      },
      countyCode: group.countyCode,
      seller: { orgId: seller.id, name: seller.nameZh },
      kind: "purchase",
      channel: "online",
      certified: group.certified,
      // One invoice counts once: it goes on the first entry of the order.
      invoiceNumber: first === null ? order.invoiceNumber : null,
      evidenceRef: `${order.number} · ${order.invoiceNumber ?? ""}`,
      recordedBy: order.placedBy,
      verifiedBy: order.acceptedBy,
    });
    first ??= entry.seq;
  }
  tx.update(orders)
    .set({ status: "completed", completedAt: now, countedSeq: first, updatedAt: now })
    .where(eq(orders.id, order.id))
    .run();
  addOrderEvent(tx, {
    orderId: order.id,
    at: now,
    actor: { userId: null, orgId: null },
    action: "complete",
    from: order.status,
    to: "completed",
    detail: { seq: first, totalFen: order.totalFen },
  });
  notify(
    tx,
    [order.buyerOrgId, order.sellerOrgId],
    {
      key: "notices.orderCounted",
      values: { number: order.number, total: order.totalFen, id: order.id },
      link: `/orders/${order.id}`,
    },
    now,
  );
  return true;
}

/** The user to record for an actor: none for the payment system. */
function recordedUserId(actor: OrderActorRef): number | null {
  return actor.as === "system" ? null : actor.userId;
}

/** Reverses every counted entry of an order (a refund after counting). */
function reverseCounted(
  tx: Tx,
  order: typeof orders.$inferSelect,
  actor: OrderActorRef,
  now: Date,
) {
  const entries = tx
    .select({ seq: ledgerEntries.seq })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.sourceKind, "order"),
        like(ledgerEntries.sourceRef, `order:${order.id}:%`),
      ),
    )
    .all();
  let firstReversal: number | null = null;
  for (const entry of entries) {
    const reversal = reverseEntry(tx, {
      seq: entry.seq,
      countedAt: now,
      // A reversal takes money off the figures: the person who refunded (or
      // no one, for Stripe's event) records it; no one else need verify it.
      recordedBy: recordedUserId(actor),
      verifiedBy: null,
      evidenceRef: `refund ${order.number}`,
    });
    firstReversal ??= reversal.seq;
  }
  return firstReversal;
}

export interface ActInput {
  orderId: number;
  action: Exclude<OrderAction, "complete">;
  actor: OrderActorRef;
  note?: string;
  carrier?: string;
  trackingNumber?: string;
  /** The buyer's photo of the goods on acceptance, stored under a generated key. */
  photoKey?: string;
  /** For Stripe payments: the session and payment intent. */
  stripe?: { sessionId: string; paymentIntentId: string | null };
}

const noticeFor: Partial<Record<OrderAction, string>> = {
  approve: "notices.orderApproved",
  return: "notices.orderReturned",
  pay: "notices.orderPaid",
  confirm: "notices.orderConfirmed",
  ship: "notices.orderShipped",
  deliver: "notices.orderDelivered",
  accept: "notices.orderAccepted",
  cancel: "notices.orderCancelled",
  refund: "notices.orderRefunded",
};

/**
 * Takes one step of an order for someone entitled to it. Tenant checks: a
 * buyer acts only on its own organisation's orders, a seller on orders to it;
 * anyone else gets "not_found".
 */
export function actOnOrder(db: Db, input: ActInput, now = new Date()): ActResult {
  try {
    return db.transaction((tx): ActResult => actOnOrderIn(tx, input, now), {
      behavior: "immediate",
    });
  } catch (error) {
    const refused = countingRefused(error);
    if (refused) return refused;
    throw error;
  }
}

export function actOnOrderIn(tx: Tx, input: ActInput, now: Date): ActResult {
  const order = loadOrderFor(tx, input.orderId, input.actor);
  if (!order) return { ok: false, reason: "not_found" };
  if (!mayTakeAction(order.status, input.action, input.actor.as, order))
    return { ok: false, reason: "not_allowed" };
  const to = nextOrderStatus(order.status, input.action)!;
  const note = input.note?.trim() || null;
  const duty = dutyProblem(input.action, input.actor.as, recordedUserId(input.actor), order, note);
  if (duty) return { ok: false, reason: duty };
  const set: Partial<typeof orders.$inferInsert> = { status: to, updatedAt: now };
  switch (input.action) {
    case "approve":
    case "return":
      set.approvedBy = input.actor.userId;
      set.approvedAt = now;
      set.approvalComment = note;
      break;
    case "pay":
      set.paidAt = now;
      set.paymentConfirmedBy = recordedUserId(input.actor);
      if (input.actor.as === "office") set.paymentConfirmationNote = note;
      if (input.stripe) {
        set.stripeSessionId = input.stripe.sessionId;
        set.stripePaymentIntentId = input.stripe.paymentIntentId;
      }
      break;
    case "confirm":
      set.confirmedAt = now;
      break;
    case "ship":
      set.shippedAt = now;
      set.carrier = input.carrier ?? null;
      set.trackingNumber = input.trackingNumber ?? null;
      break;
    case "deliver":
      set.deliveredAt = now;
      break;
    case "accept":
      set.acceptedAt = now;
      set.acceptedBy = input.actor.userId;
      set.acceptanceNote = note;
      set.acceptancePhotoKey = input.photoKey ?? null;
      if (!order.deliveredAt) set.deliveredAt = now;
      break;
    case "cancel":
      set.cancelledAt = now;
      set.cancelReason = note;
      break;
    case "refund":
      if (!order.paidAt) return { ok: false, reason: "not_paid" };
      set.refundedAt = now;
      set.refundReason = note;
      break;
  }
  tx.update(orders).set(set).where(eq(orders.id, order.id)).run();
  if (returnsStock(order.status, to)) {
    const lines = releaseStock(tx, order, input.actor, now);
    // A returned order goes back into the cart, so the purchaser can change it and place again.
    if (to === "returned") {
      for (const line of lines) {
        tx.insert(cartItems)
          .values({
            orgId: order.buyerOrgId,
            productId: line.productId,
            qty: line.qty,
            seenUnitPriceFen: line.unitPriceFen,
            addedBy: order.placedBy,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [cartItems.orgId, cartItems.productId],
            set: { qty: sql`${cartItems.qty} + ${line.qty}` },
          })
          .run();
      }
    }
  }
  let reversalSeq: number | null = null;
  if (input.action === "refund" && order.countedSeq !== null) {
    reversalSeq = reverseCounted(tx, order, input.actor, now);
    tx.update(orders).set({ reversalSeq }).where(eq(orders.id, order.id)).run();
  }
  addOrderEvent(tx, {
    orderId: order.id,
    at: now,
    actor: { userId: recordedUserId(input.actor), orgId: input.actor.orgId },
    action: input.action,
    from: order.status,
    to,
    note,
    detail:
      input.action === "ship"
        ? { carrier: input.carrier, trackingNumber: input.trackingNumber }
        : input.stripe
          ? { stripeSessionId: input.stripe.sessionId }
          : reversalSeq
            ? { reversalSeq }
            : null,
  });
  recordAudit(tx, {
    at: now,
    actorUserId: recordedUserId(input.actor),
    actorOrgId: input.actor.orgId,
    action: `order.${input.action}`,
    targetType: "order",
    targetId: String(order.id),
    ip: input.actor.ip,
    oldValue: { status: order.status },
    newValue: { status: to, note, reversalSeq },
  });
  const key = noticeFor[input.action];
  if (key)
    notify(
      tx,
      [order.buyerOrgId, order.sellerOrgId],
      {
        key,
        values: { number: order.number, id: order.id, note: note ?? "", total: order.totalFen },
        link: `/orders/${order.id}`,
      },
      now,
    );
  if (input.action === "accept" || input.action === "pay") countIfReady(tx, order.id, now);
  const after = tx
    .select({ status: orders.status })
    .from(orders)
    .where(eq(orders.id, order.id))
    .get();
  return { ok: true, status: after?.status ?? to };
}

/**
 * The seller records the invoice (发票) for a shipped order, with its scan.
 * An invoice number already counted for this seller is refused: one invoice
 * counts once. Recording it may complete and count the order.
 */
export function recordInvoice(
  db: Db,
  input: {
    orderId: number;
    actor: OrderActorRef;
    invoiceNumber: string;
    file: { key: string; type: string } | null;
  },
  now = new Date(),
): ActResult {
  try {
    return db.transaction(
      (tx): ActResult => {
        const order = loadOrderFor(tx, input.orderId, input.actor);
        if (!order) return { ok: false, reason: "not_found" };
        if (order.invoiceNumber) return { ok: false, reason: "already_invoiced" };
        if (!["shipped", "delivered", "accepted"].includes(order.status))
          return { ok: false, reason: "not_invoiceable" };
        const clash = tx
          .select({ id: orders.id })
          .from(orders)
          .where(
            and(
              eq(orders.sellerOrgId, order.sellerOrgId),
              eq(orders.invoiceNumber, input.invoiceNumber),
            ),
          )
          .get();
        const counted = tx
          .select({ seq: ledgerEntries.seq })
          .from(ledgerEntries)
          .where(
            and(
              eq(ledgerEntries.sellerOrgId, order.sellerOrgId),
              eq(ledgerEntries.invoiceNumber, input.invoiceNumber),
            ),
          )
          .get();
        if (clash || counted) return { ok: false, reason: "duplicate_invoice" };
        tx.update(orders)
          .set({
            invoiceNumber: input.invoiceNumber,
            invoiceKey: input.file?.key ?? null,
            invoiceType: input.file?.type ?? null,
            invoicedAt: now,
            updatedAt: now,
          })
          .where(eq(orders.id, order.id))
          .run();
        addOrderEvent(tx, {
          orderId: order.id,
          at: now,
          actor: { userId: input.actor.userId, orgId: input.actor.orgId },
          action: "invoice",
          note: input.invoiceNumber,
        });
        recordAudit(tx, {
          at: now,
          actorUserId: input.actor.userId,
          actorOrgId: input.actor.orgId,
          action: "order.invoiced",
          targetType: "order",
          targetId: String(order.id),
          ip: input.actor.ip,
          newValue: { invoiceNumber: input.invoiceNumber },
        });
        notify(
          tx,
          [order.buyerOrgId],
          {
            key: "notices.orderInvoiced",
            values: { number: order.number, invoice: input.invoiceNumber, id: order.id },
            link: `/orders/${order.id}`,
          },
          now,
        );
        countIfReady(tx, order.id, now);
        const after = tx
          .select({ status: orders.status })
          .from(orders)
          .where(eq(orders.id, order.id))
          .get();
        return { ok: true, status: after?.status ?? order.status };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    const refused = countingRefused(error);
    if (refused) return refused;
    throw error;
  }
}

/** The buyer attaches its bank transfer slip (the seller still confirms the money arrived). */
export function attachTransferSlip(
  db: Db,
  input: { orderId: number; actor: OrderActorRef; file: { key: string; type: string } },
  now = new Date(),
): ActResult {
  return db.transaction((tx): ActResult => {
    const order = loadOrderFor(tx, input.orderId, input.actor);
    if (!order) return { ok: false, reason: "not_found" };
    if (order.status !== "awaiting_payment" || order.paymentMethod !== "bank_transfer")
      return { ok: false, reason: "not_allowed" };
    tx.update(orders)
      .set({ transferSlipKey: input.file.key, transferSlipType: input.file.type, updatedAt: now })
      .where(eq(orders.id, order.id))
      .run();
    addOrderEvent(tx, {
      orderId: order.id,
      at: now,
      actor: { userId: input.actor.userId, orgId: input.actor.orgId },
      action: "transfer_slip",
    });
    notify(
      tx,
      [order.sellerOrgId],
      {
        key: "notices.transferSlip",
        values: { number: order.number, id: order.id },
        link: `/orders/${order.id}`,
      },
      now,
    );
    return { ok: true, status: order.status };
  });
}

export function getOrder(db: DbLike, orderId: number) {
  const order = db.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order) return null;
  const lines = db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all();
  const events = db
    .select({
      id: orderEvents.id,
      at: orderEvents.at,
      action: orderEvents.action,
      fromStatus: orderEvents.fromStatus,
      toStatus: orderEvents.toStatus,
      note: orderEvents.note,
      detail: orderEvents.detail,
      actorName: users.name,
    })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.actorUserId))
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id))
    .all();
  const buyer = db
    .select()
    .from(organisations)
    .where(eq(organisations.id, order.buyerOrgId))
    .get()!;
  const seller = db
    .select()
    .from(organisations)
    .where(eq(organisations.id, order.sellerOrgId))
    .get()!;
  const placedBy = db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, order.placedBy))
    .get();
  return { ...order, lines, events, buyer, seller, placedByName: placedBy?.name ?? "" };
}

export interface OrderListFilter {
  buyerOrgId?: number;
  sellerOrgId?: number;
  status?: OrderStatus;
  jurisdictionCode?: string;
  countyCode?: string;
  month?: string;
  limit?: number;
}

/** Orders newest first, limited to a tenant when a buyer or seller asks. */
export function listOrders(db: DbLike, filter: OrderListFilter) {
  const where = [];
  if (filter.buyerOrgId !== undefined) where.push(eq(orders.buyerOrgId, filter.buyerOrgId));
  if (filter.sellerOrgId !== undefined) where.push(eq(orders.sellerOrgId, filter.sellerOrgId));
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.jurisdictionCode)
    where.push(
      sql`${orders.buyerOrgId} in (select id from organisations where jurisdiction_code = ${filter.jurisdictionCode})`,
    );
  if (filter.countyCode)
    where.push(
      sql`${orders.sellerOrgId} in (select id from organisations where county_code = ${filter.countyCode})`,
    );
  if (filter.month)
    where.push(
      sql`strftime('%Y-%m', ${orders.createdAt} / 1000, 'unixepoch', '+8 hours') = ${filter.month}`,
    );
  const buyer = sql<string>`(select name_zh from organisations b where b.id = ${orders.buyerOrgId})`;
  const seller = sql<string>`(select name_zh from organisations s where s.id = ${orders.sellerOrgId})`;
  return db
    .select({
      id: orders.id,
      number: orders.number,
      checkoutId: orders.checkoutId,
      status: orders.status,
      totalFen: orders.totalFen,
      paymentMethod: orders.paymentMethod,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
      paidAt: orders.paidAt,
      shippedAt: orders.shippedAt,
      deliveredAt: orders.deliveredAt,
      invoiceNumber: orders.invoiceNumber,
      buyerOrgId: orders.buyerOrgId,
      sellerOrgId: orders.sellerOrgId,
      buyerName: buyer,
      sellerName: seller,
      lineCount: sql<number>`(select count(*) from order_lines l where l.order_id = ${orders.id})`,
    })
    .from(orders)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(orders.id))
    .limit(filter.limit ?? 200)
    .all();
}
