/**
 * Tiered prices (阶梯价): a product's unit price falls as the ordered quantity
 * rises. The first tier starts at the minimum order quantity; quantities rise
 * strictly and unit prices never rise. All amounts are integer fen.
 */

export interface PriceTier {
  minQty: number;
  unitPriceFen: number;
}

export type TierProblem =
  | "tiers.empty"
  | "tiers.quantity_not_whole"
  | "tiers.price_not_whole"
  | "tiers.quantity_not_rising"
  | "tiers.price_rising";

/** Names the first rule a tier list breaks, or null when it is valid. */
export function checkTiers(tiers: readonly PriceTier[]): TierProblem | null {
  if (tiers.length === 0) return "tiers.empty";
  for (const [i, tier] of tiers.entries()) {
    if (!Number.isSafeInteger(tier.minQty) || tier.minQty < 1) return "tiers.quantity_not_whole";
    if (!Number.isSafeInteger(tier.unitPriceFen) || tier.unitPriceFen < 1)
      return "tiers.price_not_whole";
    const previous = tiers[i - 1];
    if (previous && tier.minQty <= previous.minQty) return "tiers.quantity_not_rising";
    if (previous && tier.unitPriceFen > previous.unitPriceFen) return "tiers.price_rising";
  }
  return null;
}

/** Sorts a copy by quantity, so callers may pass tiers in any order. */
function sortedTiers(tiers: readonly PriceTier[]): PriceTier[] {
  return [...tiers].sort((a, b) => a.minQty - b.minQty);
}

/**
 * The tier that applies to `qty`, or null when `qty` is below the minimum order
 * (the first tier) or not a positive whole number.
 */
export function tierFor(tiers: readonly PriceTier[], qty: number): PriceTier | null {
  if (!Number.isSafeInteger(qty) || qty < 1) return null;
  let applicable: PriceTier | null = null;
  for (const tier of sortedTiers(tiers)) {
    if (qty >= tier.minQty) applicable = tier;
  }
  return applicable;
}

/** Line total in fen at the tier price for `qty`; null when the quantity is not orderable. */
export function lineTotalFen(tiers: readonly PriceTier[], qty: number): number | null {
  const tier = tierFor(tiers, qty);
  if (!tier) return null;
  const total = tier.unitPriceFen * qty;
  return Number.isSafeInteger(total) ? total : null;
}

/** What the buyer saves at `qty` compared with the first tier's unit price. */
export function tierSavingsFen(tiers: readonly PriceTier[], qty: number): number {
  const base = sortedTiers(tiers)[0];
  const tier = tierFor(tiers, qty);
  if (!base || !tier) return 0;
  return (base.unitPriceFen - tier.unitPriceFen) * qty;
}
