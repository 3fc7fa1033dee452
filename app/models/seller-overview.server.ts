/**
 * What a seller sees first: what needs attention (rejections, certifications
 * expiring within 30 days or expired, low stock), how many products are on
 * sale, and its counted sales and people lifted this year.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import {
  ledgerSummary,
  orders,
  organisations,
  products,
  type ProductStatus,
} from "../../db/schema";
import {
  certificateState,
  isLowStock,
  isOrderable,
  type CertificateState,
} from "~/domain/product-status";

export interface AttentionItem {
  productId: number;
  nameZh: string;
  nameEn: string;
  kind: "rejected" | "expiring" | "expired" | "low_stock";
  reason: string | null;
  certifiedUntil: string | null;
  stock: number;
}

export function sellerOverview(db: DbLike, sellerId: number, today: string, year: number) {
  const rows = db
    .select({
      id: products.id,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      status: products.status,
      statusReason: products.statusReason,
      certifiedUntil: products.certifiedUntil,
      stock: products.stock,
      minOrderQty: products.minOrderQty,
    })
    .from(products)
    .where(eq(products.sellerId, sellerId))
    .all();
  const attention: AttentionItem[] = [];
  const byStatus: Record<ProductStatus, number> = {
    draft: 0,
    submitted: 0,
    listed: 0,
    rejected: 0,
    paused: 0,
    delisted: 0,
  };
  let onSale = 0;
  for (const p of rows) {
    byStatus[p.status] += 1;
    if (isOrderable(p, today)) onSale += 1;
    const item = {
      productId: p.id,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      reason: p.statusReason,
      certifiedUntil: p.certifiedUntil,
      stock: p.stock,
    };
    if (p.status === "rejected") attention.push({ ...item, kind: "rejected" });
    if (p.status === "listed" || p.status === "paused") {
      const state: CertificateState = certificateState(p.certifiedUntil, today);
      if (state === "expiring" || state === "expired") attention.push({ ...item, kind: state });
    }
    if (p.status === "listed" && isLowStock(p)) attention.push({ ...item, kind: "low_stock" });
  }
  const order = { expired: 0, rejected: 1, expiring: 2, low_stock: 3 };
  attention.sort((a, b) => order[a.kind] - order[b.kind] || a.productId - b.productId);

  const counted = db
    .select({ amountFen: ledgerSummary.amountFen, entries: ledgerSummary.entries })
    .from(ledgerSummary)
    .where(
      and(
        eq(ledgerSummary.year, year),
        eq(ledgerSummary.dimension, "seller"),
        eq(ledgerSummary.key, String(sellerId)),
      ),
    )
    .get();
  const org = db
    .select({ peopleLifted: organisations.peopleLifted })
    .from(organisations)
    .where(eq(organisations.id, sellerId))
    .get();
  const countedFen = counted?.amountFen ?? 0;
  // Orders waiting for the seller: money to confirm, orders to confirm, goods to ship, invoices to issue.
  const orderWork = db
    .select({
      receivables: sql<number>`coalesce(sum(${orders.status} = 'awaiting_payment'), 0)`,
      toConfirm: sql<number>`coalesce(sum(${orders.status} = 'paid'), 0)`,
      toShip: sql<number>`coalesce(sum(${orders.status} = 'confirmed'), 0)`,
      toInvoice: sql<number>`coalesce(sum(${orders.status} in ('shipped', 'delivered', 'accepted') and ${orders.invoiceNumber} is null), 0)`,
    })
    .from(orders)
    .where(eq(orders.sellerOrgId, sellerId))
    .get() ?? { receivables: 0, toConfirm: 0, toShip: 0, toInvoice: 0 };
  return {
    orderWork,
    attention,
    byStatus,
    onSale,
    total: rows.length,
    countedFen,
    countedEntries: counted?.entries ?? 0,
    // People lifted count once in a year in which the seller has counted sales.
    peopleLifted: countedFen > 0 ? (org?.peopleLifted ?? 0) : 0,
    declaredPeople: org?.peopleLifted ?? 0,
  };
}
