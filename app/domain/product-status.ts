/**
 * A product's life: draft → submitted for certification review → listed or
 * rejected (with a reason) → paused by the seller → delisted. Only a listed
 * product whose approved certification is unexpired is shown and orderable;
 * expiry needs no job, because the listing rule compares dates.
 */
import type { ProductStatus } from "../../db/schema";

export type ProductAction =
  "submit" | "withdraw" | "approve" | "reject" | "pause" | "resume" | "delist";

/** Who may take an action: the seller, or the office reviewing certifications. */
export const actionActor: Record<ProductAction, "seller" | "office" | "both"> = {
  submit: "seller",
  withdraw: "seller",
  approve: "office",
  reject: "office",
  pause: "seller",
  resume: "seller",
  delist: "both",
};

const transitions: Record<ProductAction, Partial<Record<ProductStatus, ProductStatus>>> = {
  submit: { draft: "submitted", rejected: "submitted", delisted: "submitted" },
  withdraw: { submitted: "draft" },
  approve: { submitted: "listed" },
  reject: { submitted: "rejected" },
  pause: { listed: "paused" },
  resume: { paused: "listed" },
  delist: { listed: "delisted", paused: "delisted" },
};

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextStatus(from: ProductStatus, action: ProductAction): ProductStatus | null {
  return transitions[action][from] ?? null;
}

/** The actions the seller may take on a product in this status. */
export function sellerActions(status: ProductStatus): ProductAction[] {
  return (Object.keys(transitions) as ProductAction[]).filter(
    (action) => actionActor[action] !== "office" && nextStatus(status, action) !== null,
  );
}

/**
 * Products whose pending certification the office reviews: a new listing
 * (submitted) or a renewal of one on sale (listed or paused).
 */
export const reviewableStatuses = [
  "submitted",
  "listed",
  "paused",
] as const satisfies readonly ProductStatus[];

export function isReviewable(status: ProductStatus): boolean {
  return (reviewableStatuses as readonly ProductStatus[]).includes(status);
}

/** The listing rule: listed, with an approved certification valid on `today`. */
export function isOrderable(
  product: { status: ProductStatus; certifiedUntil: string | null },
  today: string,
): boolean {
  return (
    product.status === "listed" &&
    product.certifiedUntil !== null &&
    product.certifiedUntil >= today
  );
}

/**
 * Fields that say what the product is. The certification was granted for it,
 * so once a product has been listed they stay as certified; a seller who
 * sells something else lists a new product.
 */
export const identityFields = ["nameZh", "categorySlug", "unitCode", "countyCode"] as const;

/** Whether the seller may edit a product's details in this status at all. */
export function isEditable(status: ProductStatus): boolean {
  return status !== "submitted";
}

/** Whether the identity fields may still change: only until the product is first listed. */
export function identityEditable(status: ProductStatus, everListed: boolean): boolean {
  return !everListed && (status === "draft" || status === "rejected");
}

/** Days before expiry from which the seller is warned. */
export const EXPIRY_WARNING_DAYS = 30;

export type CertificateState = "none" | "valid" | "expiring" | "expired";

/** How a product's certification in force stands on `today`. */
export function certificateState(certifiedUntil: string | null, today: string): CertificateState {
  if (certifiedUntil === null) return "none";
  if (certifiedUntil < today) return "expired";
  const warnFrom = new Date(
    Date.parse(`${certifiedUntil}T00:00:00Z`) - EXPIRY_WARNING_DAYS * 86_400_000,
  )
    .toISOString()
    .slice(0, 10);
  return today >= warnFrom ? "expiring" : "valid";
}

/** Low stock: fewer than two minimum orders left, so a second buyer could not order. */
export function isLowStock(product: { stock: number; minOrderQty: number }): boolean {
  return product.stock < product.minOrderQty * 2;
}
