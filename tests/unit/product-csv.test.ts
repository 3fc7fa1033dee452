import { describe, expect, it } from "vitest";
import {
  parseProductCsv,
  parseProductRow,
  parseTiersText,
  PRODUCT_CSV_COLUMNS,
  PRODUCT_CSV_MAX_ROWS,
  productCsvText,
  type ProductCsvColumn,
} from "~/domain/product-csv";
import type { ProductInput } from "~/domain/product-forms";

const header = PRODUCT_CSV_COLUMNS.join(",");

const cells = (overrides: Partial<Record<ProductCsvColumn, string>> = {}) => ({
  id: "",
  nameZh: "岷县当归 全归",
  nameEn: "Minxian danggui",
  categorySlug: "herbs",
  unitCode: "kg",
  countyCode: "621126",
  price: "12.80",
  minOrderQty: "10",
  tiers: "",
  stock: "500",
  monthlyCapacity: "",
  specZh: "1kg/袋",
  specEn: "",
  shelfLifeDays: "730",
  storageZh: "",
  storageEn: "",
  tags: "岷县当归、国家地理标志产品",
  descriptionZh: "",
  descriptionEn: "",
  ...overrides,
});

/** One CSV line from cells, quoting what needs it. */
const line = (row: Record<ProductCsvColumn, string>) =>
  PRODUCT_CSV_COLUMNS.map((c) =>
    /[",\r\n]/.test(row[c]) ? `"${row[c].replace(/"/g, '""')}"` : row[c],
  ).join(",");

describe("the tiers column", () => {
  it("reads quantity:price pairs separated by semicolons, in either width", () => {
    expect(parseTiersText("100:11.50;500:10.80")).toEqual({
      ok: true,
      tiers: [
        { qty: "100", price: "11.50" },
        { qty: "500", price: "10.80" },
      ],
    });
    expect(parseTiersText(" 100：11.50 ； 500 : 10.80 ;")).toEqual(
      parseTiersText("100:11.50;500:10.80"),
    );
    expect(parseTiersText("")).toEqual({ ok: true, tiers: [] });
  });

  it("becomes the product's extra price tiers", () => {
    const { product, errors } = parseProductRow(cells({ tiers: "100:11.50;500:10.80" }));
    expect(errors).toEqual([]);
    expect(product?.tiers).toEqual([
      { minQty: 10, unitPriceFen: 1280 },
      { minQty: 100, unitPriceFen: 1150 },
      { minQty: 500, unitPriceFen: 1080 },
    ]);
    expect(product?.tags).toEqual(["岷县当归", "国家地理标志产品"]);
  });

  it("names text that is not quantity:price", () => {
    for (const text of ["100-11.50", "100", "100:11.50:3", ":5"]) {
      expect(parseProductRow(cells({ tiers: text })).errors).toEqual([
        { column: "tiers", message: "bulkEdit.errors.tierFormat" },
      ]);
    }
  });

  it("refuses more than four extra tiers", () => {
    const { product, errors } = parseProductRow(cells({ tiers: "20:12;30:11;40:10;50:9;60:8" }));
    expect(product).toBeNull();
    expect(errors).toEqual([
      { column: "tiers", message: 'bulkEdit.errors.tooManyTiers|{"max":4}' },
    ]);
  });

  it("puts the schema's tier rules on the tiers column", () => {
    expect(parseProductRow(cells({ tiers: "5:11.00" })).errors).toEqual([
      { column: "tiers", message: 'forms.tierQtyRising|{"min":11}' },
    ]);
    expect(parseProductRow(cells({ tiers: "100:13.00" })).errors).toEqual([
      { column: "tiers", message: "forms.tierPriceRising" },
    ]);
    expect(parseProductRow(cells({ tiers: "100:11.505" })).errors).toEqual([
      { column: "tiers", message: "forms.price" },
    ]);
  });
});

describe("a row", () => {
  it("refuses a price with more than two decimals", () => {
    const { product, errors } = parseProductRow(cells({ price: "12.345" }));
    expect(product).toBeNull();
    expect(errors).toEqual([{ column: "price", message: "forms.price" }]);
  });

  it("names every missing required cell with its column", () => {
    const { errors } = parseProductRow(
      cells({ nameZh: " ", price: "", minOrderQty: "", stock: "", categorySlug: "" }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { column: "nameZh", message: "forms.required" },
        { column: "price", message: "forms.required" },
        { column: "minOrderQty", message: "forms.wholeNumber" },
        { column: "stock", message: "forms.required" },
        { column: "categorySlug", message: "forms.choose" },
      ]),
    );
  });

  it("reads the id, and names one that is not a product number", () => {
    expect(parseProductRow(cells({ id: "42" })).id).toBe(42);
    expect(parseProductRow(cells()).id).toBeNull();
    for (const id of ["abc", "0", "-3", "1.5"]) {
      expect(parseProductRow(cells({ id })).errors).toEqual([
        { column: "id", message: "bulkEdit.errors.id" },
      ]);
    }
  });

  it("says stock cannot go below zero", () => {
    expect(parseProductRow(cells({ stock: "-5" })).errors).toEqual([
      { column: "stock", message: "bulkEdit.errors.negativeStock" },
    ]);
  });
});

describe("a whole file", () => {
  it("reads the same with or without a BOM and with CRLF or LF line ends", () => {
    const body = `${header}\r\n${line(cells())}\r\n`;
    const withBom = parseProductCsv(`\uFEFF${body}`);
    expect(withBom.fileErrors).toEqual([]);
    expect(withBom.rows).toHaveLength(1);
    expect(withBom.rows[0]).toMatchObject({ line: 2, id: null, errors: [] });
    expect(parseProductCsv(body)).toEqual(withBom);
    expect(parseProductCsv(body.replace(/\r\n/g, "\n"))).toEqual(withBom);
  });

  it("names missing columns on row 1", () => {
    const result = parseProductCsv(`${header.replace(",tiers", "")}\n`);
    expect(result.rows).toEqual([]);
    expect(result.fileErrors).toEqual([
      { column: "tiers", message: "bulkEdit.errors.missingColumn" },
    ]);
  });

  it("refuses an empty file and one with too many rows", () => {
    expect(parseProductCsv(`${header}\n`).fileErrors).toEqual([
      { column: "", message: "bulkEdit.errors.empty" },
    ]);
    const many = Array.from({ length: PRODUCT_CSV_MAX_ROWS + 1 }, () => line(cells())).join("\n");
    expect(parseProductCsv(`${header}\n${many}`).fileErrors).toEqual([
      { column: "", message: `bulkEdit.errors.tooManyRows|{"max":${PRODUCT_CSV_MAX_ROWS}}` },
    ]);
  });

  it("numbers rows as a spreadsheet does, skipping blank rows but counting them", () => {
    const text = [
      header,
      line(cells({ descriptionZh: "第一行\n第二行" })),
      ",,,,,,,,,,,,,,,,,,",
      "",
      line(cells({ price: "x" })),
      "only,three,cells",
    ].join("\r\n");
    const { rows } = parseProductCsv(text);
    expect(rows.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(rows[0]!.product?.descriptionZh).toBe("第一行\n第二行");
    expect(rows[1]!.errors).toEqual([{ column: "price", message: "forms.price" }]);
    expect(rows[2]!.errors).toEqual([{ column: "", message: "bulkEdit.errors.malformed" }]);
  });

  it("reads back exactly what the export writes, formula guards included", () => {
    const product: ProductInput = {
      nameZh: "=当归",
      nameEn: 'Angelica, "whole"',
      descriptionZh: "多行\n介绍",
      descriptionEn: "",
      categorySlug: "herbs",
      unitCode: "kg",
      countyCode: "621126",
      tiers: [
        { minQty: 10, unitPriceFen: 12800 },
        { minQty: 100, unitPriceFen: 12000 },
      ],
      stock: 0,
      monthlyCapacity: 300,
      specZh: "-1kg",
      specEn: "",
      shelfLifeDays: 0,
      storageZh: "",
      storageEn: "",
      tags: ["岷县当归", "GI"],
    };
    const text = productCsvText([{ id: 7, product }]);
    expect(text.startsWith(`\uFEFF${header}\r\n`)).toBe(true);
    expect(text).toContain("100:120.00");
    const { rows, fileErrors } = parseProductCsv(text);
    expect(fileErrors).toEqual([]);
    expect(rows).toEqual([{ line: 2, id: 7, name: "=当归", product, errors: [] }]);
  });

  it("exports just the header when there is nothing to export", () => {
    expect(productCsvText([])).toBe(`\uFEFF${header}\r\n`);
  });
});
