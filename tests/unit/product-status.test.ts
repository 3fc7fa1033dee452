import { describe, expect, it } from "vitest";
import { productStatuses } from "../../db/schema";
import {
  certificateState,
  identityEditable,
  isLowStock,
  isOrderable,
  nextStatus,
  sellerActions,
} from "~/domain/product-status";

describe("the product status machine", () => {
  it("goes draft → submitted → listed → paused → listed → delisted", () => {
    expect(nextStatus("draft", "submit")).toBe("submitted");
    expect(nextStatus("submitted", "approve")).toBe("listed");
    expect(nextStatus("listed", "pause")).toBe("paused");
    expect(nextStatus("paused", "resume")).toBe("listed");
    expect(nextStatus("listed", "delist")).toBe("delisted");
  });

  it("sends a rejected product back to the seller, who may submit it again", () => {
    expect(nextStatus("submitted", "reject")).toBe("rejected");
    expect(nextStatus("rejected", "submit")).toBe("submitted");
    expect(nextStatus("delisted", "submit")).toBe("submitted");
  });

  it("refuses every other move", () => {
    expect(nextStatus("draft", "approve")).toBeNull();
    expect(nextStatus("listed", "approve")).toBeNull();
    expect(nextStatus("rejected", "approve")).toBeNull();
    expect(nextStatus("draft", "pause")).toBeNull();
    expect(nextStatus("submitted", "pause")).toBeNull();
    expect(nextStatus("delisted", "resume")).toBeNull();
    expect(nextStatus("listed", "submit")).toBeNull();
  });

  it("offers the seller only its own actions, never the office's", () => {
    for (const status of productStatuses) {
      expect(sellerActions(status)).not.toContain("approve");
      expect(sellerActions(status)).not.toContain("reject");
    }
    expect(sellerActions("draft")).toEqual(["submit"]);
    expect(sellerActions("submitted")).toEqual(["withdraw"]);
    expect(sellerActions("listed")).toEqual(["pause", "delist"]);
    expect(sellerActions("paused")).toEqual(["resume", "delist"]);
  });

  it("locks what a product is once it has been listed", () => {
    expect(identityEditable("draft", false)).toBe(true);
    expect(identityEditable("rejected", false)).toBe(true);
    expect(identityEditable("listed", true)).toBe(false);
    expect(identityEditable("delisted", true)).toBe(false);
    expect(identityEditable("submitted", false)).toBe(false);
  });
});

describe("the listing rule", () => {
  it("shows a listed product until the last day of its certification", () => {
    expect(isOrderable({ status: "listed", certifiedUntil: "2026-11-28" }, "2026-11-28")).toBe(
      true,
    );
    expect(isOrderable({ status: "listed", certifiedUntil: "2026-11-27" }, "2026-11-28")).toBe(
      false,
    );
  });

  it("never shows a product that is not listed or has no approved certification", () => {
    for (const status of productStatuses.filter((s) => s !== "listed"))
      expect(isOrderable({ status, certifiedUntil: "2099-01-01" }, "2026-11-28")).toBe(false);
    expect(isOrderable({ status: "listed", certifiedUntil: null }, "2026-11-28")).toBe(false);
  });

  it("warns from 30 days before expiry", () => {
    expect(certificateState("2026-12-28", "2026-11-28")).toBe("expiring");
    expect(certificateState("2026-12-29", "2026-11-28")).toBe("valid");
    expect(certificateState("2026-11-27", "2026-11-28")).toBe("expired");
    expect(certificateState(null, "2026-11-28")).toBe("none");
  });

  it("calls stock low when fewer than two minimum orders are left", () => {
    expect(isLowStock({ stock: 19, minOrderQty: 10 })).toBe(true);
    expect(isLowStock({ stock: 20, minOrderQty: 10 })).toBe(false);
  });
});
