import { describe, expect, it } from "vitest";
import {
  planBulkEdit,
  planFingerprint,
  type BulkLookups,
  type CurrentProduct,
} from "~/domain/product-bulk";
import { parseProductCsv, productCsvText } from "~/domain/product-csv";
import type { ProductInput } from "~/domain/product-forms";

const base: ProductInput = {
  nameZh: "岷县当归 全归",
  nameEn: "Minxian danggui",
  descriptionZh: "",
  descriptionEn: "",
  categorySlug: "herbs",
  unitCode: "kg",
  countyCode: "621126",
  tiers: [
    { minQty: 10, unitPriceFen: 12800 },
    { minQty: 100, unitPriceFen: 12000 },
  ],
  stock: 500,
  monthlyCapacity: 0,
  specZh: "",
  specEn: "",
  shelfLifeDays: 730,
  storageZh: "",
  storageEn: "",
  tags: ["岷县当归"],
};

const listed: CurrentProduct = { id: 1, status: "listed", everListed: true, product: base };
const draft: CurrentProduct = { id: 2, status: "draft", everListed: false, product: base };
const submitted: CurrentProduct = { id: 3, status: "submitted", everListed: false, product: base };

const lookups = (products: CurrentProduct[] = [listed, draft, submitted]): BulkLookups => ({
  products: new Map(products.map((p) => [p.id, p])),
  categorySlugs: new Set(["herbs", "grains"]),
  unitCodes: new Set(["kg", "box"]),
  sellerCountyCodes: new Set(["621126"]),
});

/** Plans the CSV that the export would write for these rows (a null id: a new product). */
const plan = (rows: { id: number | null; product: ProductInput }[], l = lookups()) =>
  planBulkEdit(parseProductCsv(productCsvText(rows)), l);

describe("planning a bulk edit", () => {
  it("leaves the export of the products as they stand unchanged", () => {
    const result = plan([
      { id: 1, product: base },
      { id: 2, product: base },
      { id: 3, product: base },
    ]);
    expect(result.errorCount).toBe(0);
    expect(result.counts).toEqual({ create: 0, update: 0, unchanged: 3 });
  });

  it("names each changed column and the stock delta", () => {
    const next = {
      ...base,
      tiers: [
        { minQty: 10, unitPriceFen: 12500 },
        { minQty: 100, unitPriceFen: 11800 },
      ],
      stock: 450,
      tags: ["岷县当归", "GI"],
    };
    const [row] = plan([{ id: 1, product: next }]).rows;
    expect(row).toMatchObject({
      action: "update",
      productId: 1,
      stockBefore: 500,
      stockDelta: -50,
    });
    expect(row!.changes).toEqual([
      { column: "price", from: "128.00", to: "125.00" },
      { column: "tiers", from: "100:120.00", to: "100:118.00" },
      { column: "tags", from: "岷县当归", to: "岷县当归、GI" },
    ]);
  });

  it("creates drafts for rows without an id, in the seller's county only", () => {
    const result = plan([
      { id: null, product: { ...base, nameZh: "新产品" } },
      { id: null, product: { ...base, countyCode: "621102" } },
    ]);
    expect(result.rows.map((r) => r.action)).toEqual(["create", "invalid"]);
    expect(result.rows[1]!.errors).toEqual([
      { column: "countyCode", message: "bulkEdit.errors.county" },
    ]);
  });

  it("refuses an id that is not the seller's, revealing nothing, and a repeated id", () => {
    const result = plan([
      { id: 99, product: base },
      { id: 2, product: base },
      { id: 2, product: { ...base, stock: 1 } },
    ]);
    expect(result.rows[0]!.errors).toEqual([
      { column: "id", message: "bulkEdit.errors.unknownId" },
    ]);
    expect(result.rows[0]!.name).toBe(base.nameZh);
    expect(result.rows[2]!.errors).toEqual([
      { column: "id", message: 'bulkEdit.errors.duplicateId|{"line":3}' },
    ]);
    expect(result.errorCount).toBe(2);
  });

  it("checks that codes exist", () => {
    const [row] = plan([
      { id: 2, product: { ...base, categorySlug: "gold", unitCode: "ton" } },
    ]).rows;
    expect(row!.errors).toEqual([
      { column: "categorySlug", message: "bulkEdit.errors.category" },
      { column: "unitCode", message: "bulkEdit.errors.unit" },
    ]);
  });

  it("keeps a listed product's identity, but not a draft's", () => {
    const renamed = { ...base, nameZh: "别的东西", unitCode: "box" };
    expect(plan([{ id: 1, product: renamed }]).rows[0]!.errors).toEqual([
      { column: "nameZh", message: "bulkEdit.errors.identityLocked" },
      { column: "unitCode", message: "bulkEdit.errors.identityLocked" },
    ]);
    expect(plan([{ id: 2, product: renamed }]).rows[0]!.action).toBe("update");
  });

  it("asks a draft saved with changes for the seller's own county, not a listed product", () => {
    const moved = { ...lookups(), sellerCountyCodes: new Set(["621102"]) };
    const edited = { ...base, specZh: "新规格" };
    expect(plan([{ id: 2, product: edited }], moved).rows[0]!.errors).toEqual([
      { column: "countyCode", message: "bulkEdit.errors.county" },
    ]);
    expect(plan([{ id: 1, product: edited }], moved).rows[0]).toMatchObject({
      action: "update",
      errors: [],
    });
    expect(plan([{ id: 2, product: base }], moved).rows[0]!.action).toBe("unchanged");
  });

  it("refuses detail changes to a product under review, but not stock", () => {
    expect(plan([{ id: 3, product: { ...base, specZh: "新规格" } }]).rows[0]!.errors).toEqual([
      { column: "id", message: "bulkEdit.errors.underReview" },
    ]);
    expect(plan([{ id: 3, product: { ...base, stock: 600 } }]).rows[0]).toMatchObject({
      action: "update",
      stockDelta: 100,
      errors: [],
    });
  });

  it("fingerprints what would happen, so a change meanwhile shows", () => {
    const rows = [{ id: 1, product: { ...base, stock: 600 } }];
    const before = planFingerprint(plan(rows));
    expect(planFingerprint(plan(rows))).toBe(before);
    const sold = { ...listed, product: { ...base, stock: 480 } };
    expect(planFingerprint(plan(rows, lookups([sold])))).not.toBe(before);
  });
});
