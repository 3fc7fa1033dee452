/**
 * What a checked product CSV would do to a seller's products, row by row:
 * create a draft, update a product (naming each changed column and the stock
 * delta) or leave it as it is. The checks a schema cannot make live here: the
 * id is one of this seller's products, the category, unit and county exist
 * and the county is the seller's, a listed product keeps its identity, a
 * product under review keeps its details, and no id appears twice. While any
 * row has an error nothing may be applied.
 */
import { z } from "zod";
import type { ProductStatus } from "../../db/schema";
import {
  PRODUCT_CSV_COLUMNS,
  productCsvCells,
  type CellError,
  type ProductCsvColumn,
  type ProductCsvFile,
} from "./product-csv";
import type { ProductInput } from "./product-forms";
import { identityEditable, identityFields, isEditable } from "./product-status";

/** One of the seller's products as it stands. */
export interface CurrentProduct {
  id: number;
  status: ProductStatus;
  everListed: boolean;
  product: ProductInput;
}

export interface BulkLookups {
  /** The seller's own products; any other id is unknown. */
  products: ReadonlyMap<number, CurrentProduct>;
  categorySlugs: ReadonlySet<string>;
  unitCodes: ReadonlySet<string>;
  /** The counties the seller may name as a new origin: its own. */
  sellerCountyCodes: ReadonlySet<string>;
}

export interface FieldChange {
  column: ProductCsvColumn;
  from: string;
  to: string;
}

export type RowAction = "create" | "update" | "unchanged" | "invalid";

export interface RowPlan {
  line: number;
  action: RowAction;
  productId: number | null;
  /** The Chinese name as the row gives it, or as it stands when the row gives none. */
  name: string;
  /** Changed columns other than stock, in the CSV's column order. */
  changes: FieldChange[];
  /** The product's stock now (null for a new one) and how the row would move it. */
  stockBefore: number | null;
  stockDelta: number;
  errors: CellError[];
  product: ProductInput | null;
}

export interface BulkPlan {
  rows: RowPlan[];
  fileErrors: CellError[];
  errorCount: number;
  counts: { create: number; update: number; unchanged: number };
}

/** Plans every row against the seller's products as they stand now. */
export function planBulkEdit(file: ProductCsvFile, lookups: BulkLookups): BulkPlan {
  const firstLineOf = new Map<number, number>();
  const rows = file.rows.map((row): RowPlan => {
    const errors = [...row.errors];
    const current = row.id === null ? undefined : lookups.products.get(row.id);
    if (row.id !== null) {
      // Another seller's id and one that does not exist read the same: nothing is revealed.
      if (!current) errors.push({ column: "id", message: "bulkEdit.errors.unknownId" });
      const first = firstLineOf.get(row.id);
      if (first !== undefined) {
        errors.push({
          column: "id",
          message: `bulkEdit.errors.duplicateId|${JSON.stringify({ line: first })}`,
        });
      } else {
        firstLineOf.set(row.id, row.line);
      }
    }
    const name = row.name || (current?.product.nameZh ?? "");
    const plan = (action: RowAction, changes: FieldChange[] = [], stockDelta = 0): RowPlan => ({
      line: row.line,
      action: errors.length > 0 ? "invalid" : action,
      productId: current?.id ?? null,
      name,
      changes,
      stockBefore: current?.product.stock ?? null,
      stockDelta,
      errors,
      product: errors.length > 0 ? null : row.product,
    });
    if (!row.product || (row.id !== null && !current)) return plan("invalid");

    const next = row.product;
    if (!lookups.categorySlugs.has(next.categorySlug))
      errors.push({ column: "categorySlug", message: "bulkEdit.errors.category" });
    if (!lookups.unitCodes.has(next.unitCode))
      errors.push({ column: "unitCode", message: "bulkEdit.errors.unit" });
    const ownCounty = lookups.sellerCountyCodes.has(next.countyCode);
    if (!current) {
      if (!ownCounty) errors.push({ column: "countyCode", message: "bulkEdit.errors.county" });
      return plan("create");
    }

    const before = productCsvCells(current.id, current.product);
    const after = productCsvCells(current.id, next);
    const changes = PRODUCT_CSV_COLUMNS.filter(
      (column) => column !== "stock" && before[column] !== after[column],
    ).map((column) => ({ column, from: before[column], to: after[column] }));
    const stockDelta = next.stock - current.product.stock;

    if (identityEditable(current.status, current.everListed)) {
      // As the product form: a draft saved with changes must name the seller's own county.
      if (changes.length > 0 && !ownCounty)
        errors.push({ column: "countyCode", message: "bulkEdit.errors.county" });
    } else {
      // A listed product keeps what it was certified as, its county included
      // even if the seller's own county has changed since.
      for (const field of identityFields) {
        if (changes.some((change) => change.column === field))
          errors.push({ column: field, message: "bulkEdit.errors.identityLocked" });
      }
    }
    if (changes.length > 0 && !isEditable(current.status))
      errors.push({ column: "id", message: "bulkEdit.errors.underReview" });
    return plan(
      changes.length > 0 || stockDelta !== 0 ? "update" : "unchanged",
      changes,
      stockDelta,
    );
  });

  const count = (action: RowAction) => rows.filter((row) => row.action === action).length;
  return {
    rows,
    fileErrors: file.fileErrors,
    errorCount: file.fileErrors.length + rows.reduce((sum, row) => sum + row.errors.length, 0),
    counts: { create: count("create"), update: count("update"), unchanged: count("unchanged") },
  };
}

/**
 * What the plan would do, as stable text: the confirm form carries its hash,
 * so a plan that changed between preview and confirm (stock sold meanwhile, a
 * product sent for review) is shown again instead of applied.
 */
export function planFingerprint(plan: BulkPlan): string {
  return JSON.stringify(
    plan.rows.map((row) => [
      row.line,
      row.action,
      row.productId,
      row.changes,
      row.stockBefore,
      row.stockDelta,
    ]),
  );
}

/** The confirm form: the stored upload, its hash, and the hash of the plan that was previewed. */
export const bulkConfirmSchema = z.object({
  token: z.string().trim().min(1).max(80),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  plan: z.string().regex(/^[0-9a-f]{64}$/),
});
