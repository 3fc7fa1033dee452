import { describe, expect, it } from "vitest";
import {
  availableActions,
  mayTakeAction,
  nextOrderStatus,
  orderActions,
  orderStatuses,
  readyToCount,
  returnsStock,
  type OrderAction,
  type OrderStatus,
} from "~/domain/order-status";

/** The only moves the machine allows; everything else must be refused. */
const allowed: [OrderStatus, OrderAction, OrderStatus][] = [
  ["awaiting_approval", "approve", "awaiting_payment"],
  ["awaiting_approval", "return", "returned"],
  ["awaiting_payment", "pay", "paid"],
  ["paid", "confirm", "confirmed"],
  ["confirmed", "ship", "shipped"],
  ["shipped", "deliver", "delivered"],
  ["shipped", "accept", "accepted"],
  ["delivered", "accept", "accepted"],
  ["accepted", "complete", "completed"],
  ["awaiting_approval", "cancel", "cancelled"],
  ["awaiting_payment", "cancel", "cancelled"],
  ["paid", "cancel", "cancelled"],
  ["confirmed", "cancel", "cancelled"],
  ["cancelled", "refund", "refunded"],
  ["accepted", "refund", "refunded"],
  ["completed", "refund", "refunded"],
];

const transfer = { paymentMethod: "bank_transfer" } as const;
const online = { paymentMethod: "stripe" } as const;

describe("the order status machine", () => {
  it("allows exactly the listed moves and refuses every other", () => {
    for (const from of orderStatuses) {
      for (const action of orderActions) {
        const move = allowed.find(([f, a]) => f === from && a === action);
        expect(nextOrderStatus(from, action), `${from} --${action}→`).toBe(move ? move[2] : null);
      }
    }
  });

  it("lets nothing leave a refunded or returned order", () => {
    expect(availableActions("refunded", "office", transfer)).toEqual([]);
    expect(availableActions("returned", "office", transfer)).toEqual([]);
    expect(availableActions("returned", "buyer", transfer)).toEqual([]);
  });

  it("gives each party only its own steps", () => {
    expect(mayTakeAction("awaiting_approval", "approve", "buyer", transfer)).toBe(false);
    expect(mayTakeAction("awaiting_approval", "approve", "approver", transfer)).toBe(true);
    expect(mayTakeAction("awaiting_payment", "pay", "buyer", transfer)).toBe(false);
    expect(mayTakeAction("awaiting_payment", "pay", "seller", transfer)).toBe(true);
    expect(mayTakeAction("paid", "confirm", "buyer", transfer)).toBe(false);
    expect(mayTakeAction("confirmed", "ship", "office", transfer)).toBe(false);
    expect(mayTakeAction("shipped", "accept", "seller", transfer)).toBe(false);
    expect(mayTakeAction("accepted", "complete", "seller", transfer)).toBe(false);
    expect(mayTakeAction("accepted", "complete", "system", transfer)).toBe(true);
  });

  it("lets only the payment system confirm money paid online", () => {
    expect(mayTakeAction("awaiting_payment", "pay", "seller", online)).toBe(false);
    expect(mayTakeAction("awaiting_payment", "pay", "office", online)).toBe(false);
    expect(mayTakeAction("awaiting_payment", "pay", "system", online)).toBe(true);
    expect(availableActions("awaiting_payment", "seller", online)).toEqual(["cancel"]);
  });

  it("lets a buyer cancel only before paying; after that the seller or office cancels", () => {
    expect(mayTakeAction("awaiting_payment", "cancel", "buyer", transfer)).toBe(true);
    expect(mayTakeAction("paid", "cancel", "buyer", transfer)).toBe(false);
    expect(mayTakeAction("paid", "cancel", "seller", transfer)).toBe(true);
    expect(mayTakeAction("confirmed", "cancel", "office", transfer)).toBe(true);
    expect(mayTakeAction("shipped", "cancel", "seller", transfer)).toBe(false);
  });

  it("returns stock only when an order ends before it was shipped", () => {
    expect(returnsStock("paid", "cancelled")).toBe(true);
    expect(returnsStock("awaiting_approval", "returned")).toBe(true);
    expect(returnsStock("completed", "refunded")).toBe(false);
    expect(returnsStock("cancelled", "refunded")).toBe(false);
  });

  it("counts an order only when paid, accepted and invoiced", () => {
    const paidAt = new Date();
    expect(readyToCount({ status: "accepted", paidAt, invoiceNumber: "12345678" })).toBe(true);
    expect(readyToCount({ status: "accepted", paidAt, invoiceNumber: null })).toBe(false);
    expect(readyToCount({ status: "accepted", paidAt: null, invoiceNumber: "1" })).toBe(false);
    expect(readyToCount({ status: "delivered", paidAt, invoiceNumber: "1" })).toBe(false);
  });
});
