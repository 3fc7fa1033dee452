/**
 * A buyer organisation's cart, on the server. Prices are always worked out
 * here from the product's tiers at the cart's quantity; the browser only says
 * which product and how many. Each line says what is wrong with it, if
 * anything (no longer on sale, below the minimum order, more than in stock,
 * price changed since the buyer last saw it).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import {
  cartItems,
  organisations,
  originCounties,
  pairings,
  priceTiers,
  products,
  units,
} from "../../db/schema";
import { shanghaiDate } from "~/domain/dates";
import { tierFor, type PriceTier } from "~/domain/pricing";
import { isOrderable } from "~/domain/product-status";

export const MAX_CART_LINES = 100;
export const MAX_LINE_QTY = 10_000_000;

export type LineProblem = "unavailable" | "below_minimum" | "above_stock" | "price_changed";

export interface CartLine {
  productId: number;
  nameZh: string;
  nameEn: string;
  unitZh: string;
  unitEn: string;
  unitCode: string;
  countyCode: string;
  countyZh: string;
  countyEn: string;
  sellerId: number;
  sellerZh: string;
  sellerEn: string;
  qty: number;
  minOrderQty: number;
  stock: number;
  tiers: PriceTier[];
  /** The tier applying at this quantity (null when below the minimum). */
  tier: PriceTier | null;
  unitPriceFen: number | null;
  baseUnitPriceFen: number;
  lineTotalFen: number | null;
  savingsFen: number;
  seenUnitPriceFen: number;
  paired: boolean;
  certifiedUntil: string | null;
  problems: LineProblem[];
}

export interface CartView {
  lines: CartLine[];
  /** Lines grouped by seller: each group becomes its own order. */
  sellers: {
    sellerId: number;
    sellerZh: string;
    sellerEn: string;
    lines: CartLine[];
    totalFen: number;
  }[];
  totalFen: number;
  savingsFen: number;
  problems: number;
  pairedCountyCode: string | null;
}

/** Which Dingxi county the buyer's Fuzhou jurisdiction is paired with, if any. */
export function pairedCountyOf(db: DbLike, buyerOrgId: number): string | null {
  const row = db
    .select({ countyCode: pairings.countyCode })
    .from(organisations)
    .innerJoin(pairings, eq(pairings.jurisdictionCode, organisations.jurisdictionCode))
    .where(eq(organisations.id, buyerOrgId))
    .get();
  return row?.countyCode ?? null;
}

function tiersByProduct(db: DbLike, productIds: number[]): Map<number, PriceTier[]> {
  const map = new Map<number, PriceTier[]>();
  if (productIds.length === 0) return map;
  const rows = db
    .select()
    .from(priceTiers)
    .where(inArray(priceTiers.productId, productIds))
    .orderBy(priceTiers.productId, priceTiers.minQty)
    .all();
  for (const row of rows) {
    const list = map.get(row.productId) ?? [];
    list.push({ minQty: row.minQty, unitPriceFen: row.unitPriceFen });
    map.set(row.productId, list);
  }
  return map;
}

/** The cart with every price worked out now; products from the paired county first. */
export function viewCart(db: DbLike, buyerOrgId: number, today = shanghaiDate()): CartView {
  const rows = db
    .select({
      productId: products.id,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      unitCode: products.unitCode,
      unitZh: units.nameZh,
      unitEn: units.nameEn,
      countyCode: products.countyCode,
      countyZh: originCounties.nameZh,
      countyEn: originCounties.nameEn,
      sellerId: organisations.id,
      sellerZh: organisations.nameZh,
      sellerEn: organisations.nameEn,
      qty: cartItems.qty,
      seenUnitPriceFen: cartItems.seenUnitPriceFen,
      minOrderQty: products.minOrderQty,
      stock: products.stock,
      status: products.status,
      certifiedUntil: products.certifiedUntil,
      updatedAt: cartItems.updatedAt,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .innerJoin(units, eq(units.code, products.unitCode))
    .innerJoin(originCounties, eq(originCounties.code, products.countyCode))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .where(eq(cartItems.orgId, buyerOrgId))
    .orderBy(cartItems.updatedAt)
    .all();
  const tiers = tiersByProduct(
    db,
    rows.map((r) => r.productId),
  );
  const paired = pairedCountyOf(db, buyerOrgId);
  const lines: CartLine[] = rows.map((row) => {
    const productTiers = tiers.get(row.productId) ?? [];
    const tier = tierFor(productTiers, row.qty);
    const base = productTiers[0]?.unitPriceFen ?? 0;
    const problems: LineProblem[] = [];
    if (!isOrderable(row, today)) problems.push("unavailable");
    else {
      if (row.qty < row.minOrderQty || !tier) problems.push("below_minimum");
      if (row.qty > row.stock) problems.push("above_stock");
      if (tier && tier.unitPriceFen !== row.seenUnitPriceFen) problems.push("price_changed");
    }
    return {
      productId: row.productId,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      unitZh: row.unitZh,
      unitEn: row.unitEn,
      unitCode: row.unitCode,
      countyCode: row.countyCode,
      countyZh: row.countyZh,
      countyEn: row.countyEn,
      sellerId: row.sellerId,
      sellerZh: row.sellerZh,
      sellerEn: row.sellerEn,
      qty: row.qty,
      minOrderQty: row.minOrderQty,
      stock: row.stock,
      tiers: productTiers,
      tier,
      unitPriceFen: tier?.unitPriceFen ?? null,
      baseUnitPriceFen: base,
      lineTotalFen: tier ? tier.unitPriceFen * row.qty : null,
      savingsFen: tier ? (base - tier.unitPriceFen) * row.qty : 0,
      seenUnitPriceFen: row.seenUnitPriceFen,
      paired: paired !== null && row.countyCode === paired,
      certifiedUntil: row.certifiedUntil,
      problems,
    };
  });
  // The paired county's products first, then in the order they were added.
  lines.sort((a, b) => Number(b.paired) - Number(a.paired));
  const sellers: CartView["sellers"] = [];
  for (const line of lines) {
    let group = sellers.find((s) => s.sellerId === line.sellerId);
    if (!group) {
      group = {
        sellerId: line.sellerId,
        sellerZh: line.sellerZh,
        sellerEn: line.sellerEn,
        lines: [],
        totalFen: 0,
      };
      sellers.push(group);
    }
    group.lines.push(line);
    group.totalFen += line.lineTotalFen ?? 0;
  }
  return {
    lines,
    sellers,
    totalFen: lines.reduce((sum, l) => sum + (l.lineTotalFen ?? 0), 0),
    savingsFen: lines.reduce((sum, l) => sum + l.savingsFen, 0),
    problems: lines.filter((l) => l.problems.length > 0).length,
    pairedCountyCode: paired,
  };
}

export type CartRefusal = "unavailable" | "below_minimum" | "above_stock" | "too_many_lines";

/**
 * Sets a product's quantity in the cart (0 removes it), or adds to it. The
 * product must be on sale; the quantity must reach its minimum order and not
 * exceed its stock. The price the buyer now sees is remembered.
 */
export function setCartQuantity(
  db: Db,
  input: {
    buyerOrgId: number;
    userId: number;
    productId: number;
    qty: number;
    mode: "set" | "add";
  },
  now = new Date(),
):
  | { ok: true; qty: number }
  | { ok: false; reason: CartRefusal; minOrderQty?: number; stock?: number } {
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ qty: cartItems.qty })
        .from(cartItems)
        .where(and(eq(cartItems.orgId, input.buyerOrgId), eq(cartItems.productId, input.productId)))
        .get();
      const qty = input.mode === "add" ? (existing?.qty ?? 0) + input.qty : input.qty;
      if (qty <= 0) {
        tx.delete(cartItems)
          .where(
            and(eq(cartItems.orgId, input.buyerOrgId), eq(cartItems.productId, input.productId)),
          )
          .run();
        return { ok: true as const, qty: 0 };
      }
      const product = tx.select().from(products).where(eq(products.id, input.productId)).get();
      if (!product || !isOrderable(product, shanghaiDate(now)))
        return { ok: false as const, reason: "unavailable" as const };
      if (qty < product.minOrderQty)
        return {
          ok: false as const,
          reason: "below_minimum" as const,
          minOrderQty: product.minOrderQty,
        };
      if (qty > product.stock)
        return { ok: false as const, reason: "above_stock" as const, stock: product.stock };
      if (!existing) {
        const count = tx
          .select({ n: sql<number>`count(*)` })
          .from(cartItems)
          .where(eq(cartItems.orgId, input.buyerOrgId))
          .get();
        if ((count?.n ?? 0) >= MAX_CART_LINES)
          return { ok: false as const, reason: "too_many_lines" as const };
      }
      const tier = tierFor(tiersByProduct(tx, [product.id]).get(product.id) ?? [], qty);
      if (!tier)
        return {
          ok: false as const,
          reason: "below_minimum" as const,
          minOrderQty: product.minOrderQty,
        };
      tx.insert(cartItems)
        .values({
          orgId: input.buyerOrgId,
          productId: product.id,
          qty,
          seenUnitPriceFen: tier.unitPriceFen,
          addedBy: input.userId,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [cartItems.orgId, cartItems.productId],
          set: { qty, seenUnitPriceFen: tier.unitPriceFen, addedBy: input.userId },
        })
        .run();
      return { ok: true as const, qty };
    },
    { behavior: "immediate" },
  );
}

/** The buyer has seen the current prices: remember them, so placing may go ahead. */
export function acknowledgePrices(db: Db, buyerOrgId: number, today = shanghaiDate()): number {
  return db.transaction(
    (tx) => {
      let changed = 0;
      for (const line of viewCart(tx, buyerOrgId, today).lines) {
        if (line.unitPriceFen !== null && line.unitPriceFen !== line.seenUnitPriceFen) {
          tx.update(cartItems)
            .set({ seenUnitPriceFen: line.unitPriceFen })
            .where(and(eq(cartItems.orgId, buyerOrgId), eq(cartItems.productId, line.productId)))
            .run();
          changed += 1;
        }
      }
      return changed;
    },
    { behavior: "immediate" },
  );
}

export function cartCount(db: DbLike, buyerOrgId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(cartItems)
      .where(eq(cartItems.orgId, buyerOrgId))
      .get()?.n ?? 0
  );
}
