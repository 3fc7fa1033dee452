/**
 * The office's view of every order: a filtered, paged list and the orders
 * that are stuck. Buyers and sellers read their own through listOrders in
 * orders.server.ts; nothing here is limited to a tenant, so only office
 * routes call it.
 */
import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { DbLike } from "../../db/client";
import { orders } from "../../db/schema";
import type { OfficeOrderIntent } from "~/domain/order-forms";
import { mayTakeAction, type OrderStatus } from "~/domain/order-status";

export const OFFICE_ORDERS_PAGE_SIZE = 50;

/**
 * Paid but not shipped after 7 days, shipped or delivered but not accepted
 * after 15 days (the coordination office's follow-up rule for issue 6).
 */
export const STUCK_UNSHIPPED_DAYS = 7;
export const STUCK_UNACCEPTED_DAYS = 15;
const DAY_MS = 86_400_000;

export interface OfficeOrderQuery {
  /** The buyer's Fuzhou jurisdiction. */
  jurisdictionCode?: string;
  /** The seller's Dingxi county. */
  countyCode?: string;
  sellerOrgId?: number;
  status?: OrderStatus;
  /** "YYYY-MM", the Shanghai month the order was placed in. */
  month?: string;
  page?: number;
}

const buyerName = sql<string>`(select name_zh from organisations b where b.id = ${orders.buyerOrgId})`;
const buyerNameEn = sql<string>`(select name_en from organisations b where b.id = ${orders.buyerOrgId})`;
const sellerName = sql<string>`(select name_zh from organisations s where s.id = ${orders.sellerOrgId})`;
const sellerNameEn = sql<string>`(select name_en from organisations s where s.id = ${orders.sellerOrgId})`;

function conditions(query: OfficeOrderQuery): SQL | undefined {
  const where: SQL[] = [];
  if (query.jurisdictionCode)
    where.push(
      sql`${orders.buyerOrgId} in (select id from organisations where jurisdiction_code = ${query.jurisdictionCode})`,
    );
  if (query.countyCode)
    where.push(
      sql`${orders.sellerOrgId} in (select id from organisations where county_code = ${query.countyCode})`,
    );
  if (query.sellerOrgId !== undefined) where.push(eq(orders.sellerOrgId, query.sellerOrgId));
  if (query.status) where.push(eq(orders.status, query.status));
  if (query.month)
    where.push(
      sql`strftime('%Y-%m', ${orders.createdAt} / 1000, 'unixepoch', '+8 hours') = ${query.month}`,
    );
  return where.length > 0 ? and(...where) : undefined;
}

/** Every order matching the filters, newest first, a page at a time. */
export function listOfficeOrders(db: DbLike, query: OfficeOrderQuery) {
  const where = conditions(query);
  const total = db.select({ n: count() }).from(orders).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / OFFICE_ORDERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  const rows = db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      totalFen: orders.totalFen,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
      buyerOrgId: orders.buyerOrgId,
      sellerOrgId: orders.sellerOrgId,
      buyerName,
      buyerNameEn,
      sellerName,
      sellerNameEn,
    })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.id))
    .limit(OFFICE_ORDERS_PAGE_SIZE)
    .offset((page - 1) * OFFICE_ORDERS_PAGE_SIZE)
    .all();
  return { rows, total, page, pageCount };
}

export type StuckKind = "not_shipped" | "not_accepted";

export interface StuckOrder {
  id: number;
  number: string;
  status: OrderStatus;
  totalFen: number;
  buyerName: string;
  buyerNameEn: string;
  sellerName: string;
  sellerNameEn: string;
  kind: StuckKind;
  /** When the wait began: payment, or delivery (shipping when never marked delivered). */
  since: Date;
  /** Whole days waited by `now`. */
  days: number;
}

/**
 * Orders waiting too long at `now`: paid or confirmed but not shipped
 * {@link STUCK_UNSHIPPED_DAYS} days after payment, and shipped or delivered
 * but not accepted {@link STUCK_UNACCEPTED_DAYS} days after delivery (or
 * shipping, when the seller never marked it delivered). Longest wait first.
 */
export function stuckOrders(db: DbLike, now: Date = new Date()): StuckOrder[] {
  const columns = {
    id: orders.id,
    number: orders.number,
    status: orders.status,
    totalFen: orders.totalFen,
    buyerName,
    buyerNameEn,
    sellerName,
    sellerNameEn,
  };
  const shippedBy = new Date(now.getTime() - STUCK_UNSHIPPED_DAYS * DAY_MS);
  const unshipped = db
    .select({ ...columns, since: orders.paidAt })
    .from(orders)
    .where(and(inArray(orders.status, ["paid", "confirmed"]), lte(orders.paidAt, shippedBy)))
    .orderBy(asc(orders.paidAt))
    .all();
  const acceptedBy = new Date(now.getTime() - STUCK_UNACCEPTED_DAYS * DAY_MS);
  const arrived = sql<number>`coalesce(${orders.deliveredAt}, ${orders.shippedAt})`;
  const unaccepted = db
    .select({ ...columns, arrived })
    .from(orders)
    .where(
      and(
        inArray(orders.status, ["shipped", "delivered"]),
        sql`${arrived} <= ${acceptedBy.getTime()}`,
      ),
    )
    .orderBy(asc(arrived))
    .all();
  const waited = (since: Date) => Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  const stuck: StuckOrder[] = [
    ...unshipped.flatMap(({ since, ...order }) =>
      since ? [{ ...order, kind: "not_shipped" as const, since, days: waited(since) }] : [],
    ),
    ...unaccepted.map(({ arrived: at, ...order }) => {
      const since = new Date(at);
      return { ...order, kind: "not_accepted" as const, since, days: waited(since) };
    }),
  ];
  return stuck.sort((a, b) => a.since.getTime() - b.since.getTime());
}

/**
 * What the office may do to an order now. It confirms a bank transfer only
 * (card payments confirm themselves), for a seller that has no one on the
 * marketplace to do it; a refund needs money that was paid.
 */
export function officeIntents(order: {
  status: OrderStatus;
  paymentMethod: "bank_transfer" | "stripe";
  paidAt: Date | null;
}): OfficeOrderIntent[] {
  const intents: OfficeOrderIntent[] = [];
  if (mayTakeAction(order.status, "pay", "office", order)) intents.push("confirm-payment");
  if (mayTakeAction(order.status, "deliver", "office", order)) intents.push("mark-delivered");
  if (mayTakeAction(order.status, "cancel", "office", order)) intents.push("cancel");
  if (order.paidAt && mayTakeAction(order.status, "refund", "office", order))
    intents.push("refund");
  return intents;
}
