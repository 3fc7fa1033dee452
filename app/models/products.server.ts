/**
 * A seller's products: create and edit, the status machine (draft → submitted
 * → listed / rejected → paused → delisted), the certification attached and the
 * office's review of it, stock adjustments with reasons, and the history of
 * all of it. Every function is limited to the acting seller's own products;
 * every write is one transaction with its audit row and history event.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { clientOf, type Db, type DbLike } from "../../db/client";
import {
  categories,
  certifications,
  organisations,
  originCounties,
  priceTiers,
  productEvents,
  productImages,
  products,
  stockMovements,
  units,
  users,
  type CertificationStatus,
  type ProductStatus,
} from "../../db/schema";
import { refreshProductSearch } from "../../db/search-index";
import { shanghaiDate } from "~/domain/dates";
import type { FieldErrors } from "~/domain/forms";
import type { ProductInput } from "~/domain/product-forms";
import {
  identityEditable,
  identityFields,
  isEditable,
  isReviewable,
  nextStatus,
  reviewableStatuses,
  type ProductAction,
} from "~/domain/product-status";
import type { PriceTier } from "~/domain/pricing";
import { recordAudit } from "./audit.server";
import { notifyOrganisation } from "./notifications.server";

export interface Actor {
  userId: number;
  orgId: number | null;
  ip: string;
}

export type ProductRefusalReason =
  | "not_found"
  | "under_review"
  | "not_allowed"
  | "photo_required"
  | "certification_required"
  | "certification_expired"
  | "negative_stock"
  | "not_reviewable";

export type Outcome<T = object> =
  | ({ ok: true } & T)
  | { ok: false; reason: ProductRefusalReason }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

function ownProduct(db: DbLike, sellerId: number, productId: number) {
  return (
    db
      .select()
      .from(products)
      .where(and(eq(products.id, productId), eq(products.sellerId, sellerId)))
      .get() ?? null
  );
}

/** Writes one entry of a product's history, in the caller's transaction. */
export function addEvent(
  db: DbLike,
  event: {
    productId: number;
    at: Date;
    actor: Actor;
    kind: string;
    fromStatus?: ProductStatus | null;
    toStatus?: ProductStatus | null;
    reason?: string | null;
    detail?: unknown;
  },
): void {
  db.insert(productEvents)
    .values({
      productId: event.productId,
      at: event.at,
      actorUserId: event.actor.userId,
      actorOrgId: event.actor.orgId,
      kind: event.kind,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      reason: event.reason ?? null,
      detail: event.detail ?? null,
    })
    .run();
}

/** The choices of the product form, in the reader's language. */
export function productFormChoices(db: DbLike, sellerId: number, language: "zh-CN" | "en") {
  const name = (row: { nameZh: string; nameEn: string }) =>
    language === "en" && row.nameEn ? row.nameEn : row.nameZh;
  const own = sellerCounties(db, sellerId);
  return {
    categories: db
      .select()
      .from(categories)
      .orderBy(asc(categories.sortOrder))
      .all()
      .map((c) => ({ value: c.slug, label: name(c) })),
    units: db
      .select()
      .from(units)
      .orderBy(asc(units.sortOrder))
      .all()
      .map((u) => ({ value: u.code, label: name(u) })),
    counties: db
      .select()
      .from(originCounties)
      .where(inArray(originCounties.code, own))
      .orderBy(asc(originCounties.sortOrder))
      .all()
      .map((c) => ({ value: c.code, label: name(c) })),
  };
}

/** The counties a seller may name as a product's origin: its own. */
export function sellerCounties(db: DbLike, sellerId: number): string[] {
  const org = db
    .select({ countyCode: organisations.countyCode })
    .from(organisations)
    .where(and(eq(organisations.id, sellerId), eq(organisations.side, "seller")))
    .get();
  return org?.countyCode ? [org.countyCode] : [];
}

/** Reference checks a schema cannot make: the category, unit and county exist and are the seller's. */
function referenceProblems(db: DbLike, sellerId: number, input: ProductInput): FieldErrors {
  const problems: FieldErrors = {};
  if (!db.select().from(categories).where(eq(categories.slug, input.categorySlug)).get())
    problems.categorySlug = ["forms.choose"];
  if (!db.select().from(units).where(eq(units.code, input.unitCode)).get())
    problems.unitCode = ["forms.choose"];
  if (!sellerCounties(db, sellerId).includes(input.countyCode))
    problems.countyCode = ["forms.countyNotYours"];
  return problems;
}

function productColumns(input: ProductInput) {
  const [first] = input.tiers;
  if (!first) throw new RangeError("a product needs a price");
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    categorySlug: input.categorySlug,
    unitCode: input.unitCode,
    countyCode: input.countyCode,
    priceFen: first.unitPriceFen,
    minOrderQty: first.minQty,
    monthlyCapacity: input.monthlyCapacity,
    specZh: input.specZh,
    specEn: input.specEn,
    shelfLifeDays: input.shelfLifeDays,
    storageZh: input.storageZh,
    storageEn: input.storageEn,
    tags: input.tags,
  };
}

function replaceTiers(db: DbLike, productId: number, tiers: PriceTier[]): void {
  db.delete(priceTiers).where(eq(priceTiers.productId, productId)).run();
  db.insert(priceTiers)
    .values(
      tiers.map((tier) => ({ productId, minQty: tier.minQty, unitPriceFen: tier.unitPriceFen })),
    )
    .run();
}

export function tiersOf(db: DbLike, productId: number): PriceTier[] {
  return db
    .select({ minQty: priceTiers.minQty, unitPriceFen: priceTiers.unitPriceFen })
    .from(priceTiers)
    .where(eq(priceTiers.productId, productId))
    .orderBy(asc(priceTiers.minQty))
    .all();
}

/** Creates a draft product in the caller's transaction (used by the form and by bulk edits). */
export function insertProduct(
  tx: DbLike,
  input: { sellerId: number; product: ProductInput; actor: Actor; via?: "form" | "csv" },
  now: Date,
): Outcome<{ id: number }> {
  const problems = referenceProblems(tx, input.sellerId, input.product);
  if (Object.keys(problems).length > 0)
    return { ok: false, reason: "invalid", fieldErrors: problems };
  const row = tx
    .insert(products)
    .values({
      sellerId: input.sellerId,
      ...productColumns(input.product),
      stock: input.product.stock,
      status: "draft",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: products.id })
    .get();
  replaceTiers(tx, row.id, input.product.tiers);
  if (input.product.stock > 0) {
    tx.insert(stockMovements)
      .values({
        productId: row.id,
        at: now,
        delta: input.product.stock,
        stockAfter: input.product.stock,
        kind: "initial",
        reason: "",
        actorUserId: input.actor.userId,
      })
      .run();
  }
  addEvent(tx, {
    productId: row.id,
    at: now,
    actor: input.actor,
    kind: "created",
    toStatus: "draft",
    detail: { via: input.via ?? "form" },
  });
  recordAudit(tx, {
    at: now,
    actorUserId: input.actor.userId,
    actorOrgId: input.actor.orgId,
    action: "product.created",
    targetType: "product",
    targetId: String(row.id),
    ip: input.actor.ip,
    newValue: {
      ...productColumns(input.product),
      tiers: input.product.tiers,
      stock: input.product.stock,
    },
  });
  refreshProductSearch(clientOf(tx), [row.id]);
  return { ok: true, id: row.id };
}

export function createProduct(
  db: Db,
  input: { sellerId: number; product: ProductInput; actor: Actor },
  now = new Date(),
): Outcome<{ id: number }> {
  return db.transaction((tx) => insertProduct(tx, input, now));
}

const sameTiers = (a: PriceTier[], b: PriceTier[]) =>
  a.length === b.length &&
  a.every((tier, i) => tier.minQty === b[i]?.minQty && tier.unitPriceFen === b[i]?.unitPriceFen);

/**
 * Saves new details in the caller's transaction. Stock is not changed here
 * (only {@link adjustStock} moves it, with a reason). A price change is kept in
 * the history with the old and new tiers; orders keep the price they were
 * placed at. Identity fields are locked once the product has been listed.
 */
export function saveProductDetails(
  tx: DbLike,
  input: {
    sellerId: number;
    productId: number;
    product: ProductInput;
    actor: Actor;
    via?: "form" | "csv";
  },
  now: Date,
): Outcome<{ changed: string[] }> {
  const current = ownProduct(tx, input.sellerId, input.productId);
  if (!current) return { ok: false, reason: "not_found" };
  if (!isEditable(current.status)) return { ok: false, reason: "under_review" };
  const problems = referenceProblems(tx, input.sellerId, input.product);
  const next = productColumns(input.product);
  const everListed = current.listedAt !== null;
  if (!identityEditable(current.status, everListed)) {
    for (const field of identityFields) {
      if (next[field] !== current[field]) problems[field] = ["forms.identityLocked"];
    }
    // The county must stay the certified one even if the seller's own county changed.
    if (next.countyCode === current.countyCode) delete problems.countyCode;
  }
  if (Object.keys(problems).length > 0)
    return { ok: false, reason: "invalid", fieldErrors: problems };

  const oldTiers = tiersOf(tx, current.id);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) =>
    key === "tags"
      ? JSON.stringify(next.tags) !== JSON.stringify(current.tags)
      : next[key] !== current[key],
  );
  const tiersChanged = !sameTiers(oldTiers, input.product.tiers);
  if (changed.length === 0 && !tiersChanged) return { ok: true, changed: [] };

  tx.update(products)
    .set({ ...next, updatedAt: now })
    .where(eq(products.id, current.id))
    .run();
  if (tiersChanged) {
    replaceTiers(tx, current.id, input.product.tiers);
    addEvent(tx, {
      productId: current.id,
      at: now,
      actor: input.actor,
      kind: "price_changed",
      detail: { from: oldTiers, to: input.product.tiers, via: input.via ?? "form" },
    });
  }
  const detailChanges = changed.filter((key) => key !== "priceFen" && key !== "minOrderQty");
  if (detailChanges.length > 0) {
    addEvent(tx, {
      productId: current.id,
      at: now,
      actor: input.actor,
      kind: "edited",
      detail: { fields: detailChanges, via: input.via ?? "form" },
    });
  }
  recordAudit(tx, {
    at: now,
    actorUserId: input.actor.userId,
    actorOrgId: input.actor.orgId,
    action: "product.updated",
    targetType: "product",
    targetId: String(current.id),
    ip: input.actor.ip,
    oldValue: { ...Object.fromEntries(changed.map((k) => [k, current[k]])), tiers: oldTiers },
    newValue: {
      ...Object.fromEntries(changed.map((k) => [k, next[k]])),
      tiers: input.product.tiers,
    },
  });
  refreshProductSearch(clientOf(tx), [current.id]);
  return { ok: true, changed: tiersChanged ? [...changed, "tiers"] : changed };
}

export function updateProduct(
  db: Db,
  input: { sellerId: number; productId: number; product: ProductInput; actor: Actor },
  now = new Date(),
): Outcome<{ changed: string[] }> {
  return db.transaction((tx) => saveProductDetails(tx, input, now));
}

/**
 * Moves stock by `delta` in the caller's transaction, refusing to go below
 * zero. The conditional update makes concurrent adjustments safe.
 */
export function moveStock(
  tx: DbLike,
  input: {
    productId: number;
    delta: number;
    kind: "manual" | "bulk" | "order" | "order_cancelled";
    reason: string;
    actor: Actor;
    orderRef?: string;
  },
  now: Date,
): Outcome<{ stock: number }> {
  const row = tx
    .update(products)
    .set({ stock: sql`${products.stock} + ${input.delta}`, updatedAt: now })
    .where(and(eq(products.id, input.productId), sql`${products.stock} + ${input.delta} >= 0`))
    .returning({ stock: products.stock })
    .get();
  if (!row) return { ok: false, reason: "negative_stock" };
  tx.insert(stockMovements)
    .values({
      productId: input.productId,
      at: now,
      delta: input.delta,
      stockAfter: row.stock,
      kind: input.kind,
      reason: input.reason,
      actorUserId: input.actor.userId,
      orderRef: input.orderRef ?? null,
    })
    .run();
  recordAudit(tx, {
    at: now,
    actorUserId: input.actor.userId,
    actorOrgId: input.actor.orgId,
    action: "product.stock_adjusted",
    targetType: "product",
    targetId: String(input.productId),
    ip: input.actor.ip,
    oldValue: { stock: row.stock - input.delta },
    newValue: { stock: row.stock, reason: input.reason, kind: input.kind },
  });
  return { ok: true, stock: row.stock };
}

/** A hand adjustment of the seller's own product's stock, with its reason. */
export function adjustStock(
  db: Db,
  input: { sellerId: number; productId: number; delta: number; reason: string; actor: Actor },
  now = new Date(),
): Outcome<{ stock: number }> {
  return db.transaction((tx): Outcome<{ stock: number }> => {
    if (!ownProduct(tx, input.sellerId, input.productId)) return { ok: false, reason: "not_found" };
    if (!Number.isSafeInteger(input.delta) || input.delta === 0)
      return { ok: false, reason: "not_allowed" };
    return moveStock(
      tx,
      {
        productId: input.productId,
        delta: input.delta,
        kind: "manual",
        reason: input.reason,
        actor: input.actor,
      },
      now,
    );
  });
}

function latestCertification(db: DbLike, productId: number, status?: CertificationStatus) {
  return (
    db
      .select()
      .from(certifications)
      .where(
        status
          ? and(eq(certifications.productId, productId), eq(certifications.status, status))
          : eq(certifications.productId, productId),
      )
      .orderBy(desc(certifications.id))
      .limit(1)
      .get() ?? null
  );
}

export interface CertificationInput {
  authority: string;
  level: "county" | "city" | "province" | "national";
  number: string;
  issuedOn: string;
  validUntil: string;
  valueFen: number;
  peopleLifted: number;
}

/**
 * The seller attaches a certification (with its scan) for review. A pending
 * one it replaces is withdrawn; an approved one stays in force until the
 * office approves the new one (a renewal keeps the product listed meanwhile).
 */
export function attachCertification(
  db: Db,
  input: {
    sellerId: number;
    productId: number;
    certification: CertificationInput;
    document: { key: string; type: string; sha256: string };
    actor: Actor;
  },
  now = new Date(),
): Outcome<{ id: number }> {
  return db.transaction((tx): Outcome<{ id: number }> => {
    const product = ownProduct(tx, input.sellerId, input.productId);
    if (!product) return { ok: false, reason: "not_found" };
    const withdrawn = tx
      .update(certifications)
      .set({ status: "withdrawn" })
      .where(and(eq(certifications.productId, product.id), eq(certifications.status, "pending")))
      .returning({ id: certifications.id })
      .all();
    const row = tx
      .insert(certifications)
      .values({
        productId: product.id,
        ...input.certification,
        status: "pending",
        documentKey: input.document.key,
        documentType: input.document.type,
        documentSha256: input.document.sha256,
        submittedBy: input.actor.userId,
        createdAt: now,
      })
      .returning({ id: certifications.id })
      .get();
    addEvent(tx, {
      productId: product.id,
      at: now,
      actor: input.actor,
      kind: "certification_attached",
      detail: {
        certificationId: row.id,
        number: input.certification.number,
        validUntil: input.certification.validUntil,
        withdrawn: withdrawn.map((w) => w.id),
      },
    });
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "certification.attached",
      targetType: "certification",
      targetId: String(row.id),
      ip: input.actor.ip,
      newValue: {
        productId: product.id,
        ...input.certification,
        documentSha256: input.document.sha256,
      },
    });
    return { ok: true, id: row.id };
  });
}

/**
 * A seller's status change: submit for review, withdraw from review, pause,
 * resume or delist. Submitting needs a photo and a certification to review: a
 * pending one, or (for a delisted or rejected product) the approved one still
 * in force, which goes back to the office as a new pending review.
 */
export function changeProductStatus(
  db: Db,
  input: {
    sellerId: number;
    productId: number;
    action: Exclude<ProductAction, "approve" | "reject">;
    reason: string;
    actor: Actor;
  },
  now = new Date(),
): Outcome<{ status: ProductStatus }> {
  return db.transaction((tx): Outcome<{ status: ProductStatus }> => {
    const product = ownProduct(tx, input.sellerId, input.productId);
    if (!product) return { ok: false, reason: "not_found" };
    const to = nextStatus(product.status, input.action);
    if (!to) return { ok: false, reason: "not_allowed" };
    const today = shanghaiDate(now);
    if (input.action === "submit") {
      const photos = tx
        .select({ n: sql<number>`count(*)` })
        .from(productImages)
        .where(eq(productImages.productId, product.id))
        .get();
      if (!photos || photos.n === 0) return { ok: false, reason: "photo_required" };
      const pending = latestCertification(tx, product.id, "pending");
      if (!pending) {
        const inForce = product.certificationId
          ? tx
              .select()
              .from(certifications)
              .where(eq(certifications.id, product.certificationId))
              .get()
          : undefined;
        if (!inForce || inForce.status !== "approved")
          return { ok: false, reason: "certification_required" };
        if (inForce.validUntil < today) return { ok: false, reason: "certification_expired" };
        // The certification in force goes back to the office as a new review.
        tx.insert(certifications)
          .values({
            productId: inForce.productId,
            authority: inForce.authority,
            level: inForce.level,
            number: inForce.number,
            issuedOn: inForce.issuedOn,
            validUntil: inForce.validUntil,
            valueFen: inForce.valueFen,
            peopleLifted: inForce.peopleLifted,
            documentKey: inForce.documentKey,
            documentType: inForce.documentType,
            documentSha256: inForce.documentSha256,
            status: "pending",
            submittedBy: input.actor.userId,
            createdAt: now,
          })
          .run();
      } else if (pending.validUntil < today) {
        return { ok: false, reason: "certification_expired" };
      }
    }
    if (
      input.action === "resume" &&
      (product.certifiedUntil === null || product.certifiedUntil < today)
    )
      return { ok: false, reason: "certification_expired" };
    tx.update(products)
      .set({
        status: to,
        statusReason: input.action === "delist" ? input.reason : null,
        updatedAt: now,
        ...(input.action === "submit" ? { submittedAt: now } : {}),
      })
      .where(eq(products.id, product.id))
      .run();
    addEvent(tx, {
      productId: product.id,
      at: now,
      actor: input.actor,
      kind: input.action,
      fromStatus: product.status,
      toStatus: to,
      reason: input.reason || null,
    });
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: `product.${input.action}`,
      targetType: "product",
      targetId: String(product.id),
      ip: input.actor.ip,
      oldValue: { status: product.status },
      newValue: { status: to, reason: input.reason || null },
    });
    return { ok: true, status: to };
  });
}

/**
 * The office decides a pending certification. Approving puts it in force (the
 * triggers copy its validity to the product) and lists a submitted product;
 * rejecting returns a submitted product to the seller with the reason. A
 * renewal for a listed or paused product leaves its status as it is.
 */
export function decideCertification(
  db: Db,
  input: { certificationId: number; intent: "approve" | "reject"; reason: string; actor: Actor },
  now = new Date(),
): Outcome<{ productId: number; status: ProductStatus }> {
  return db.transaction((tx): Outcome<{ productId: number; status: ProductStatus }> => {
    const cert = tx
      .select()
      .from(certifications)
      .where(eq(certifications.id, input.certificationId))
      .get();
    if (!cert) return { ok: false, reason: "not_found" };
    const product = tx.select().from(products).where(eq(products.id, cert.productId)).get();
    if (!product) return { ok: false, reason: "not_found" };
    if (cert.status !== "pending" || !isReviewable(product.status))
      return { ok: false, reason: "not_reviewable" };
    const approve = input.intent === "approve";
    if (approve && cert.validUntil < shanghaiDate(now))
      return { ok: false, reason: "certification_expired" };
    tx.update(certifications)
      .set({
        status: approve ? "approved" : "rejected",
        rejectReason: approve ? null : input.reason,
        reviewedBy: input.actor.userId,
        reviewedAt: now,
      })
      .where(eq(certifications.id, cert.id))
      .run();
    const to: ProductStatus =
      product.status === "submitted" ? (approve ? "listed" : "rejected") : product.status;
    tx.update(products)
      .set({
        ...(approve ? { certificationId: cert.id } : {}),
        status: to,
        statusReason:
          to === "rejected"
            ? input.reason
            : product.status === "submitted"
              ? null
              : product.statusReason,
        ...(to === "listed" && product.status === "submitted" ? { listedAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(products.id, product.id))
      .run();
    addEvent(tx, {
      productId: product.id,
      at: now,
      actor: input.actor,
      kind: approve ? "certification_approved" : "certification_rejected",
      fromStatus: product.status,
      toStatus: to,
      reason: approve ? null : input.reason,
      detail: { certificationId: cert.id, number: cert.number, validUntil: cert.validUntil },
    });
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: approve ? "certification.approved" : "certification.rejected",
      targetType: "certification",
      targetId: String(cert.id),
      ip: input.actor.ip,
      oldValue: { status: "pending", productStatus: product.status },
      newValue: {
        status: approve ? "approved" : "rejected",
        productStatus: to,
        reason: approve ? null : input.reason,
      },
    });
    notifyOrganisation(tx, product.sellerId, {
      key: approve ? "mail.certificationApproved" : "mail.certificationRejected",
      values: {
        product: product.nameZh,
        number: cert.number,
        reason: input.reason,
        id: product.id,
      },
    });
    return { ok: true, productId: product.id, status: to };
  });
}

/** The office takes a listed or paused product off sale, with a reason the seller sees. */
export function officeDelist(
  db: Db,
  input: { productId: number; reason: string; actor: Actor },
  now = new Date(),
): Outcome<{ status: ProductStatus }> {
  return db.transaction((tx): Outcome<{ status: ProductStatus }> => {
    const product = tx.select().from(products).where(eq(products.id, input.productId)).get();
    if (!product) return { ok: false, reason: "not_found" };
    const to = nextStatus(product.status, "delist");
    if (!to) return { ok: false, reason: "not_allowed" };
    tx.update(products)
      .set({ status: to, statusReason: input.reason, updatedAt: now })
      .where(eq(products.id, product.id))
      .run();
    addEvent(tx, {
      productId: product.id,
      at: now,
      actor: input.actor,
      kind: "office_delist",
      fromStatus: product.status,
      toStatus: to,
      reason: input.reason,
    });
    recordAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      action: "product.office_delisted",
      targetType: "product",
      targetId: String(product.id),
      ip: input.actor.ip,
      oldValue: { status: product.status },
      newValue: { status: to, reason: input.reason },
    });
    notifyOrganisation(tx, product.sellerId, {
      key: "mail.productDelisted",
      values: { product: product.nameZh, reason: input.reason, id: product.id },
    });
    return { ok: true, status: to };
  });
}

export interface SellerProductRow {
  id: number;
  nameZh: string;
  nameEn: string;
  status: ProductStatus;
  statusReason: string | null;
  priceFen: number;
  minOrderQty: number;
  stock: number;
  unitZh: string;
  unitEn: string;
  certifiedUntil: string | null;
  thumbSrc: string | null;
  pendingCertification: boolean;
  updatedAt: Date | null;
}

/** The seller's own products, newest first. */
export function listSellerProducts(db: DbLike, sellerId: number): SellerProductRow[] {
  return db
    .select({
      id: products.id,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      status: products.status,
      statusReason: products.statusReason,
      priceFen: products.priceFen,
      minOrderQty: products.minOrderQty,
      stock: products.stock,
      unitZh: units.nameZh,
      unitEn: units.nameEn,
      certifiedUntil: products.certifiedUntil,
      thumbSrc: sql<
        string | null
      >`(select thumb_src from product_images i where i.product_id = ${products.id} order by position limit 1)`,
      pendingCertification:
        sql<boolean>`exists (select 1 from certifications c where c.product_id = ${products.id} and c.status = 'pending')`.mapWith(
          Boolean,
        ),
      updatedAt: products.updatedAt,
    })
    .from(products)
    .innerJoin(units, eq(units.code, products.unitCode))
    .where(eq(products.sellerId, sellerId))
    .orderBy(desc(products.id))
    .all();
}

/**
 * One of the seller's own products with its tiers, photos and
 * certifications (what every page of it shows), or null when it is not
 * theirs. Its history and stock movements are read by the pages that show them.
 */
export function getSellerProduct(db: DbLike, sellerId: number, productId: number) {
  const product = ownProduct(db, sellerId, productId);
  if (!product) return null;
  return { ...product, ...productRelations(db, product.id) };
}

/** A product's tiers, photos and certifications. */
export function productRelations(db: DbLike, productId: number) {
  return {
    tiers: tiersOf(db, productId),
    images: db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position))
      .all(),
    certifications: db
      .select()
      .from(certifications)
      .where(eq(certifications.productId, productId))
      .orderBy(desc(certifications.id))
      .all(),
  };
}

/** What happened to a product, newest first, with who did it. */
export function productHistory(db: DbLike, productId: number) {
  return db
    .select({
      id: productEvents.id,
      at: productEvents.at,
      kind: productEvents.kind,
      fromStatus: productEvents.fromStatus,
      toStatus: productEvents.toStatus,
      reason: productEvents.reason,
      detail: productEvents.detail,
      actorName: users.name,
      actorOrgName: organisations.nameZh,
    })
    .from(productEvents)
    .leftJoin(users, eq(users.id, productEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, productEvents.actorOrgId))
    .where(eq(productEvents.productId, productId))
    .orderBy(desc(productEvents.id))
    .limit(100)
    .all();
}

/** A product's latest stock movements, newest first. */
export function recentStockMovements(db: DbLike, productId: number) {
  return db
    .select()
    .from(stockMovements)
    .where(eq(stockMovements.productId, productId))
    .orderBy(desc(stockMovements.id))
    .limit(20)
    .all();
}

/** A certification with the product it belongs to, for whoever may see it. */
export function getCertification(db: DbLike, certificationId: number) {
  return (
    db
      .select({
        id: certifications.id,
        productId: certifications.productId,
        sellerId: products.sellerId,
        status: certifications.status,
        documentKey: certifications.documentKey,
        documentType: certifications.documentType,
        number: certifications.number,
      })
      .from(certifications)
      .innerJoin(products, eq(products.id, certifications.productId))
      .where(eq(certifications.id, certificationId))
      .get() ?? null
  );
}

export interface ReviewItem {
  certificationId: number;
  productId: number;
  productNameZh: string;
  productNameEn: string;
  productStatus: ProductStatus;
  sellerId: number;
  sellerNameZh: string;
  sellerNameEn: string;
  countyCode: string;
  countyZh: string;
  countyEn: string;
  authority: string;
  level: "county" | "city" | "province" | "national";
  number: string;
  issuedOn: string;
  validUntil: string;
  valueFen: number;
  peopleLifted: number;
  status: CertificationStatus;
  rejectReason: string | null;
  hasDocument: boolean;
  renewal: boolean;
  createdAt: Date;
  reviewedAt: Date | null;
  reviewerName: string | null;
}

function reviewItems(
  db: DbLike,
  where: ReturnType<typeof and>,
  order: "asc" | "desc",
  limit: number,
): ReviewItem[] {
  return db
    .select({
      certificationId: certifications.id,
      productId: products.id,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
      productStatus: products.status,
      sellerId: organisations.id,
      sellerNameZh: organisations.nameZh,
      sellerNameEn: organisations.nameEn,
      countyCode: products.countyCode,
      countyZh: originCounties.nameZh,
      countyEn: originCounties.nameEn,
      authority: certifications.authority,
      level: certifications.level,
      number: certifications.number,
      issuedOn: certifications.issuedOn,
      validUntil: certifications.validUntil,
      valueFen: certifications.valueFen,
      peopleLifted: certifications.peopleLifted,
      status: certifications.status,
      rejectReason: certifications.rejectReason,
      hasDocument: sql<boolean>`${certifications.documentKey} is not null`.mapWith(Boolean),
      renewal: sql<boolean>`${products.status} <> 'submitted'`.mapWith(Boolean),
      createdAt: certifications.createdAt,
      reviewedAt: certifications.reviewedAt,
      reviewerName: users.name,
    })
    .from(certifications)
    .innerJoin(products, eq(products.id, certifications.productId))
    .innerJoin(organisations, eq(organisations.id, products.sellerId))
    .innerJoin(originCounties, eq(originCounties.code, products.countyCode))
    .leftJoin(users, eq(users.id, certifications.reviewedBy))
    .where(where)
    .orderBy(order === "asc" ? asc(certifications.id) : desc(certifications.reviewedAt))
    .limit(limit)
    .all();
}

/** The office's queue: pending certifications of products submitted or on sale, oldest first. */
export function listCertificationQueue(db: DbLike): ReviewItem[] {
  return reviewItems(
    db,
    and(eq(certifications.status, "pending"), inArray(products.status, reviewableStatuses)),
    "asc",
    500,
  );
}

/** The office's recent decisions, newest first. */
export function listDecidedCertifications(db: DbLike, limit = 50): ReviewItem[] {
  return reviewItems(db, inArray(certifications.status, ["approved", "rejected"]), "desc", limit);
}

export function countCertificationQueue(db: DbLike): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(certifications)
    .innerJoin(products, eq(products.id, certifications.productId))
    .where(and(eq(certifications.status, "pending"), inArray(products.status, reviewableStatuses)))
    .get();
  return row?.n ?? 0;
}
