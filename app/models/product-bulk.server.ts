/**
 * Bulk edit of a seller's products by CSV: the export, the check of an upload
 * (shared by the page's plain form and the endpoint its script uses to show
 * upload progress), and applying a checked upload in one transaction, so all
 * of its rows apply or none. Every query is limited to the acting seller.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { isUnreadableBody } from "~/utils/form-data.server";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import type { Db, DbLike } from "../../db/client";
import { auditLog, categories, priceTiers, products, units } from "../../db/schema";
import {
  planBulkEdit,
  planFingerprint,
  type BulkLookups,
  type BulkPlan,
  type CurrentProduct,
  type RowPlan,
} from "~/domain/product-bulk";
import {
  parseProductCsv,
  PRODUCT_CSV_COLUMNS,
  PRODUCT_CSV_MAX_BYTES,
  productCsvText,
  type CellError,
  type ProductCsvColumn,
} from "~/domain/product-csv";
import type { PriceTier } from "~/domain/pricing";
import { recordAudit } from "./audit.server";
import {
  insertProduct,
  moveStock,
  saveProductDetails,
  sellerCounties,
  type Actor,
  type Outcome,
  type ProductRefusalReason,
} from "./products.server";
import { sha256Hex, storeUpload, uploadPath } from "./uploads.server";

export type PreviewRow = Omit<RowPlan, "product">;

/** What the page shows. Messages are i18n keys, translated where they are shown. */
export type BulkResult =
  | {
      step: "preview";
      /** What the confirm form carries; null while there are errors or nothing to apply. */
      confirm: { token: string; sha256: string; plan: string } | null;
      rows: PreviewRow[];
      fileErrors: CellError[];
      errorCount: number;
      counts: BulkPlan["counts"];
      /** Why the preview is shown again instead of the result, if it is. */
      notice: string | null;
    }
  | {
      step: "done";
      counts: { created: number; updated: number; unchanged: number };
      products: { id: number; name: string; action: "create" | "update" }[];
    }
  | { step: "error"; message: string };

const AUDIT_TARGET = "product_upload";

/** The seller's products as the bulk edit compares them, oldest first. */
function sellerProducts(db: DbLike, sellerId: number): CurrentProduct[] {
  const rows = db
    .select()
    .from(products)
    .where(eq(products.sellerId, sellerId))
    .orderBy(asc(products.id))
    .all();
  const tiers = new Map<number, PriceTier[]>();
  const tierRows = db
    .select({
      productId: priceTiers.productId,
      minQty: priceTiers.minQty,
      unitPriceFen: priceTiers.unitPriceFen,
    })
    .from(priceTiers)
    .innerJoin(products, eq(products.id, priceTiers.productId))
    .where(eq(products.sellerId, sellerId))
    .orderBy(asc(priceTiers.productId), asc(priceTiers.minQty))
    .all();
  for (const { productId, ...tier } of tierRows) {
    const list = tiers.get(productId) ?? [];
    list.push(tier);
    tiers.set(productId, list);
  }
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    everListed: row.listedAt !== null,
    product: {
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      descriptionZh: row.descriptionZh,
      descriptionEn: row.descriptionEn,
      categorySlug: row.categorySlug,
      unitCode: row.unitCode,
      countyCode: row.countyCode,
      tiers: tiers.get(row.id) ?? [{ minQty: row.minOrderQty, unitPriceFen: row.priceFen }],
      stock: row.stock,
      monthlyCapacity: row.monthlyCapacity,
      specZh: row.specZh,
      specEn: row.specEn,
      shelfLifeDays: row.shelfLifeDays,
      storageZh: row.storageZh,
      storageEn: row.storageEn,
      tags: row.tags,
    },
  }));
}

export function bulkLookups(db: DbLike, sellerId: number): BulkLookups {
  return {
    products: new Map(sellerProducts(db, sellerId).map((p) => [p.id, p])),
    categorySlugs: new Set(
      db
        .select({ slug: categories.slug })
        .from(categories)
        .all()
        .map((c) => c.slug),
    ),
    unitCodes: new Set(
      db
        .select({ code: units.code })
        .from(units)
        .all()
        .map((u) => u.code),
    ),
    sellerCountyCodes: new Set(sellerCounties(db, sellerId)),
  };
}

/** The seller's own products in the bulk-edit format; just the header when there are none. */
export function exportSellerProductsCsv(db: DbLike, sellerId: number): string {
  return productCsvText(sellerProducts(db, sellerId));
}

function previewOf(
  plan: BulkPlan,
  confirm: { token: string; sha256: string } | null,
  notice: string | null = null,
): BulkResult {
  const applicable = plan.errorCount === 0 && plan.counts.create + plan.counts.update > 0;
  return {
    step: "preview",
    confirm: confirm && applicable ? { ...confirm, plan: sha256Hex(planFingerprint(plan)) } : null,
    rows: plan.rows.map(({ product: _product, ...row }) => row),
    fileErrors: plan.fileErrors,
    errorCount: plan.errorCount,
    counts: plan.counts,
    notice,
  };
}

/** UTF-8 text, or null for another encoding (Excel's "CSV" on Chinese Windows is GBK). */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads the "file" part and checks every row against the seller's products.
 * The file is kept (under a generated name bound to the seller) only when it
 * has no error and something to apply, so that the confirm names it.
 */
export async function checkBulkUpload(
  db: DbLike,
  request: Request,
  sellerId: number,
): Promise<{ result: BulkResult; status: number }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: PRODUCT_CSV_MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { result: { step: "error", message: "bulkEdit.tooLarge" }, status: 413 };
    // Not a multipart body (JSON, text, a cut-off upload): there is no file in it.
    if (isUnreadableBody(error))
      return { result: { step: "error", message: "bulkEdit.noFile" }, status: 400 };
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return { result: { step: "error", message: "bulkEdit.noFile" }, status: 400 };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = utf8Text(bytes);
  if (text === null) return { result: { step: "error", message: "bulkEdit.notUtf8" }, status: 400 };

  const plan = planBulkEdit(parseProductCsv(text), bulkLookups(db, sellerId));
  const applicable = plan.errorCount === 0 && plan.counts.create + plan.counts.update > 0;
  const stored = applicable
    ? storeUpload("bulk", bytes, "csv", `${randomUUID()}-s${sellerId}.csv`)
    : null;
  return {
    result: previewOf(plan, stored && { token: stored.key, sha256: stored.sha256 }),
    status: plan.errorCount === 0 ? 200 : 400,
  };
}

/** Thrown inside the transaction to roll every row back, carrying what went wrong. */
class RowsRefused extends Error {
  constructor(readonly plan: BulkPlan) {
    super("bulk edit refused");
  }
}

/** The CSV column of a field the products model names in its errors. */
const fieldColumn = (field: string): ProductCsvColumn | "" =>
  (PRODUCT_CSV_COLUMNS as readonly string[]).includes(field) ? (field as ProductCsvColumn) : "";

const modelMessages: Record<string, string> = {
  "forms.identityLocked": "bulkEdit.errors.identityLocked",
  "forms.countyNotYours": "bulkEdit.errors.county",
};

const refusalCells: Partial<Record<ProductRefusalReason, CellError>> = {
  under_review: { column: "id", message: "bulkEdit.errors.underReview" },
  not_found: { column: "id", message: "bulkEdit.errors.unknownId" },
  negative_stock: { column: "stock", message: "bulkEdit.errors.negativeStock" },
};

/** A products-model refusal as the row's cell errors, in the bulk edit's words. */
function refusalErrors(outcome: Outcome): CellError[] {
  if (outcome.ok) return [];
  if (outcome.reason === "invalid") {
    return Object.entries(outcome.fieldErrors).flatMap(([field, messages]) =>
      messages.map((m) => ({ column: fieldColumn(field), message: modelMessages[m] ?? m })),
    );
  }
  return [refusalCells[outcome.reason] ?? { column: "", message: "bulkEdit.errors.refused" }];
}

/**
 * Applies a checked upload: all rows in one transaction, or none. The token
 * must be this seller's upload and its bytes must still hash to `sha256`;
 * the rows are checked again, and if what they would do is no longer the
 * plan that was previewed (`plan`), the new preview is shown instead. An
 * upload applies once.
 */
export function applyBulkEdit(
  db: Db,
  input: {
    sellerId: number;
    token: string;
    sha256: string;
    plan: string;
    actor: Actor;
    /** The stock movements' reason, naming the upload. */
    reason: string;
  },
  now = new Date(),
): { result: BulkResult; status: number } {
  const notFound = {
    result: { step: "error", message: "bulkEdit.notFound" },
    status: 404,
  } as const;
  const path = input.token.endsWith(`-s${input.sellerId}.csv`)
    ? uploadPath("bulk", input.token)
    : null;
  if (!path) return notFound;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return notFound;
  }
  if (sha256Hex(bytes) !== input.sha256) return notFound;
  const text = utf8Text(bytes);
  if (text === null) return notFound;
  const file = parseProductCsv(text);
  const confirm = { token: input.token, sha256: input.sha256 };

  try {
    return db.transaction((tx): { result: BulkResult; status: number } => {
      const applied = tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.targetType, AUDIT_TARGET), eq(auditLog.targetId, input.token)))
        .get();
      if (applied)
        return { result: { step: "error", message: "bulkEdit.alreadyApplied" }, status: 409 };

      const plan = planBulkEdit(file, bulkLookups(tx, input.sellerId));
      if (plan.errorCount > 0 || sha256Hex(planFingerprint(plan)) !== input.plan)
        return { result: previewOf(plan, confirm, "bulkEdit.changed"), status: 409 };

      const done: { id: number; name: string; action: "create" | "update" }[] = [];
      for (const row of plan.rows) {
        const product = row.product;
        if (!product || row.action === "unchanged") continue;
        const common = {
          sellerId: input.sellerId,
          product,
          actor: input.actor,
          via: "csv" as const,
        };
        if (row.action === "create") {
          const created = insertProduct(tx, common, now);
          row.errors.push(...refusalErrors(created));
          if (created.ok) done.push({ id: created.id, name: product.nameZh, action: "create" });
          continue;
        }
        const productId = row.productId!;
        if (row.changes.length > 0)
          row.errors.push(...refusalErrors(saveProductDetails(tx, { ...common, productId }, now)));
        if (row.stockDelta !== 0) {
          const moved = moveStock(
            tx,
            {
              productId,
              delta: row.stockDelta,
              kind: "bulk",
              reason: input.reason,
              actor: input.actor,
            },
            now,
          );
          row.errors.push(...refusalErrors(moved));
        }
        if (row.errors.length === 0)
          done.push({ id: productId, name: product.nameZh, action: "update" });
      }
      const failed = plan.rows.filter((row) => row.errors.length > 0);
      if (failed.length > 0) {
        for (const row of failed) row.action = "invalid";
        plan.errorCount = failed.reduce((sum, row) => sum + row.errors.length, 0);
        throw new RowsRefused(plan);
      }

      const counts = {
        created: plan.counts.create,
        updated: plan.counts.update,
        unchanged: plan.counts.unchanged,
      };
      recordAudit(tx, {
        at: now,
        actorUserId: input.actor.userId,
        actorOrgId: input.actor.orgId,
        action: "product.bulk_edit",
        targetType: AUDIT_TARGET,
        targetId: input.token,
        ip: input.actor.ip,
        newValue: { sha256: input.sha256, ...counts },
      });
      return { result: { step: "done", counts, products: done }, status: 200 };
    });
  } catch (error) {
    if (error instanceof RowsRefused)
      return { result: previewOf(error.plan, null, "bulkEdit.applyFailed"), status: 409 };
    throw error;
  }
}
