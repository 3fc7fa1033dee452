/**
 * Who may look at one order: its buyer's people, its seller's people and the
 * office. Pages shared by all three (the notification link, the printable
 * documents) ask here; everyone else gets a 404, so that order numbers of
 * other organisations cannot even be confirmed to exist.
 */
import { eq } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { orders } from "../../db/schema";
import { can, type MembershipView } from "./organisations.server";

export type OrderViewer = "buyer" | "seller" | "office";

export interface OrderParties {
  id: number;
  buyerOrgId: number;
  sellerOrgId: number;
}

export function orderParties(db: DbLike, orderId: number): OrderParties | null {
  return (
    db
      .select({ id: orders.id, buyerOrgId: orders.buyerOrgId, sellerOrgId: orders.sellerOrgId })
      .from(orders)
      .where(eq(orders.id, orderId))
      .get() ?? null
  );
}

/**
 * The capacity in which the acting organisation sees the order, or null: the
 * office sees every order, a buyer or seller only its own.
 */
export function viewerOf(acting: MembershipView | null, order: OrderParties): OrderViewer | null {
  if (!acting) return null;
  if (acting.side === "office") return can(acting, "view:office:any") ? "office" : null;
  if (!can(acting, "view:order:own-org")) return null;
  if (acting.side === "buyer" && order.buyerOrgId === acting.orgId) return "buyer";
  if (acting.side === "seller" && order.sellerOrgId === acting.orgId) return "seller";
  return null;
}

/** Where each capacity reads an order. */
export function orderPath(viewer: OrderViewer, orderId: number): string {
  return `/${viewer}/orders/${orderId}`;
}
