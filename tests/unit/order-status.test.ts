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
    expect(availableActions("refunded", "office")).toEqual([]);
    expect(availableActions("returned", "office")).toEqual([]);
    expect(availableActions("returned", "buyer")).toEqual([]);
  });

  it("gives each party only its own steps", () => {
    expect(mayTakeAction("awaiting_approval", "approve", "buyer")).toBe(false);
    expect(mayTakeAction("awaiting_approval", "approve", "approver")).toBe(true);
    expect(mayTakeAction("awaiting_payment", "pay", "buyer")).toBe(false);
    expect(mayTakeAction("awaiting_payment", "pay", "seller")).toBe(true);
    expect(mayTakeAction("paid", "confirm", "buyer")).toBe(false);
    expect(mayTakeAction("confirmed", "ship", "office")).toBe(false);
    expect(mayTakeAction("shipped", "accept", "seller")).toBe(false);
    expect(mayTakeAction("accepted", "complete", "seller")).toBe(false);
    expect(mayTakeAction("accepted", "complete", "system")).toBe(true);
  });

  it("lets a buyer cancel only before paying; after that the seller or office cancels", () => {
    expect(mayTakeAction("awaiting_payment", "cancel", "buyer")).toBe(true);
    expect(mayTakeAction("paid", "cancel", "buyer")).toBe(false);
    expect(mayTakeAction("paid", "cancel", "seller")).toBe(true);
    expect(mayTakeAction("confirmed", "cancel", "office")).toBe(true);
    expect(mayTakeAction("shipped", "cancel", "seller")).toBe(false);
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
