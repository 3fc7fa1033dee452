/**
 * The CSV a seller uses to edit many products at once: what the export writes
 * and the bulk edit reads back, so an edited export uploads as it is. Columns
 * have stable English names; each row is checked with the product form's own
 * schema, and every problem is named with its row and column. Messages are
 * i18n keys, as in forms.ts.
 */
import Papa from "papaparse";
import { csvLine, CSV_BOM, fenToYuanText } from "./csv";
import { MAX_EXTRA_TIERS, productSchema, type ProductInput } from "./product-forms";

export const PRODUCT_CSV_COLUMNS = [
  "id",
  "nameZh",
  "nameEn",
  "categorySlug",
  "unitCode",
  "countyCode",
  "price",
  "minOrderQty",
  "tiers",
  "stock",
  "monthlyCapacity",
  "specZh",
  "specEn",
  "shelfLifeDays",
  "storageZh",
  "storageEn",
  "tags",
  "descriptionZh",
  "descriptionEn",
] as const;

export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];

export const PRODUCT_CSV_MAX_BYTES = 2 * 1024 * 1024;
export const PRODUCT_CSV_MAX_ROWS = 2000;

/** A problem with one cell ("" for the row or the file as a whole). */
export interface CellError {
  column: ProductCsvColumn | "";
  message: string;
}

export interface ProductCsvRow {
  /** The spreadsheet row number; the header is row 1. */
  line: number;
  /** The product this row edits, or null for a new one. */
  id: number | null;
  /** The Chinese name as the row gives it, to name the row even when it has errors. */
  name: string;
  /** The checked product, or null when the row has errors. */
  product: ProductInput | null;
  errors: CellError[];
}

export interface ProductCsvFile {
  rows: ProductCsvRow[];
  /** Problems with the file as a whole (its header, its size), named on row 1. */
  fileErrors: CellError[];
}

/** The tiers after the first as "qty:price" joined by ";", e.g. "100:11.50;500:10.80". */
export function tiersText(tiers: ProductInput["tiers"]): string {
  return tiers
    .slice(1)
    .map((tier) => `${tier.minQty}:${fenToYuanText(tier.unitPriceFen)}`)
    .join(";");
}

/** A product as the cells of its CSV row, in the export's canonical form. */
export function productCsvCells(
  id: number | null,
  product: ProductInput,
): Record<ProductCsvColumn, string> {
  const [first] = product.tiers;
  return {
    id: id === null ? "" : String(id),
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    categorySlug: product.categorySlug,
    unitCode: product.unitCode,
    countyCode: product.countyCode,
    price: first ? fenToYuanText(first.unitPriceFen) : "",
    minOrderQty: first ? String(first.minQty) : "",
    tiers: tiersText(product.tiers),
    stock: String(product.stock),
    monthlyCapacity: String(product.monthlyCapacity),
    specZh: product.specZh,
    specEn: product.specEn,
    shelfLifeDays: String(product.shelfLifeDays),
    storageZh: product.storageZh,
    storageEn: product.storageEn,
    tags: product.tags.join("、"),
    descriptionZh: product.descriptionZh,
    descriptionEn: product.descriptionEn,
  };
}

/** The whole export: BOM, header, one row per product (just the header when there are none). */
export function productCsvText(products: { id: number | null; product: ProductInput }[]): string {
  let text = CSV_BOM + csvLine([...PRODUCT_CSV_COLUMNS]);
  for (const { id, product } of products) {
    const cells = productCsvCells(id, product);
    text += csvLine(PRODUCT_CSV_COLUMNS.map((column) => cells[column]));
  }
  return text;
}

/**
 * Splits the tiers column into quantity and price texts, which the product
 * schema then checks like the form's tier fields. Either width of colon and
 * semicolon is accepted, since a Chinese keyboard types the full-width ones.
 */
export function parseTiersText(
  text: string,
): { ok: true; tiers: { qty: string; price: string }[] } | { ok: false; message: string } {
  const parts = text
    .split(/[;；]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const tiers: { qty: string; price: string }[] = [];
  for (const part of parts) {
    const match = /^([^:：]+)[:：]([^:：]+)$/.exec(part);
    if (!match) return { ok: false, message: "bulkEdit.errors.tierFormat" };
    tiers.push({ qty: match[1]!.trim(), price: match[2]!.trim() });
  }
  if (tiers.length > MAX_EXTRA_TIERS) {
    return {
      ok: false,
      message: `bulkEdit.errors.tooManyTiers|${JSON.stringify({ max: MAX_EXTRA_TIERS })}`,
    };
  }
  return { ok: true, tiers };
}

/** The column a product schema field is typed in. */
function columnOfField(field: string): ProductCsvColumn | "" {
  if (/^tier(Qty|Price)\d$/.test(field)) return "tiers";
  return (PRODUCT_CSV_COLUMNS as readonly string[]).includes(field)
    ? (field as ProductCsvColumn)
    : "";
}

/**
 * One row's cells into the product form's fields (the tiers column becomes
 * tierQty1..4 and tierPrice1..4), checked with {@link productSchema}.
 */
export function parseProductRow(cells: Record<ProductCsvColumn, string>): {
  id: number | null;
  name: string;
  product: ProductInput | null;
  errors: CellError[];
} {
  const errors: CellError[] = [];
  const idText = cells.id.trim();
  let id: number | null = null;
  if (idText !== "") {
    id = /^\d{1,15}$/.test(idText) && Number(idText) > 0 ? Number(idText) : null;
    if (id === null) errors.push({ column: "id", message: "bulkEdit.errors.id" });
  }

  const form: Record<string, string> = {};
  for (const column of PRODUCT_CSV_COLUMNS) {
    if (column !== "id" && column !== "tiers") form[column] = cells[column];
  }
  const tiers = parseTiersText(cells.tiers);
  if (tiers.ok) {
    tiers.tiers.forEach((tier, i) => {
      form[`tierQty${i + 1}`] = tier.qty;
      form[`tierPrice${i + 1}`] = tier.price;
    });
  } else {
    errors.push({ column: "tiers", message: tiers.message });
  }
  // Stock is a count on hand, never left blank (blank must not read as 0 for
  // an existing product); a negative figure gets its own message.
  if (cells.stock.trim() === "") {
    errors.push({ column: "stock", message: "forms.required" });
    form.stock = "0";
  } else if (/^\s*-\s*\d+\s*$/.test(cells.stock)) {
    errors.push({ column: "stock", message: "bulkEdit.errors.negativeStock" });
    form.stock = "0";
  }

  const result = productSchema.safeParse(form);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const column = columnOfField(String(issue.path[0] ?? ""));
      const message = issue.message.startsWith("forms.") ? issue.message : "forms.invalid";
      if (!errors.some((e) => e.column === column && e.message === message))
        errors.push({ column, message });
    }
  }
  return {
    id,
    name: cells.nameZh.trim(),
    product: errors.length === 0 && result.success ? result.data : null,
    errors,
  };
}

/**
 * Undoes what the export does to a cell: the ' that csvCell puts before text a
 * spreadsheet would run as a formula, and Windows line ends inside a cell.
 */
function cellText(raw: string | undefined): string {
  return (raw ?? "").replace(/^'(?=[=+\-@\t\r])/, "").replace(/\r\n?/g, "\n");
}

/**
 * Reads a whole CSV (with or without a BOM) and checks every row. Rows are
 * numbered as a spreadsheet shows them, counting blank rows, which are skipped.
 */
export function parseProductCsv(text: string): ProductCsvFile {
  // The delimiter is fixed: guessing it would pick ";" from a file full of tiers.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {
    header: false,
    delimiter: ",",
  });
  const [headerRow, ...dataRows] = parsed.data;
  const header = (headerRow ?? []).map((name) => {
    const trimmed = name.trim();
    return PRODUCT_CSV_COLUMNS.find((c) => c.toLowerCase() === trimmed.toLowerCase()) ?? trimmed;
  });
  const missing = PRODUCT_CSV_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      rows: [],
      fileErrors: missing.map((column) => ({ column, message: "bulkEdit.errors.missingColumn" })),
    };
  }

  const malformed = new Set(parsed.errors.map((error) => error.row));
  const candidates = dataRows
    .map((cells, index) => ({ cells, index: index + 1 }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (candidates.length === 0)
    return { rows: [], fileErrors: [{ column: "", message: "bulkEdit.errors.empty" }] };
  if (candidates.length > PRODUCT_CSV_MAX_ROWS) {
    return {
      rows: [],
      fileErrors: [
        {
          column: "",
          message: `bulkEdit.errors.tooManyRows|${JSON.stringify({ max: PRODUCT_CSV_MAX_ROWS })}`,
        },
      ],
    };
  }

  const rows = candidates.map(({ cells, index }): ProductCsvRow => {
    const line = index + 1;
    const extraFilled = cells.slice(header.length).some((cell) => cell.trim() !== "");
    if (malformed.has(index) || cells.length < header.length || extraFilled) {
      return {
        line,
        id: null,
        name: "",
        product: null,
        errors: [{ column: "", message: "bulkEdit.errors.malformed" }],
      };
    }
    const byColumn = Object.fromEntries(
      PRODUCT_CSV_COLUMNS.map((column) => [column, cellText(cells[header.indexOf(column)])]),
    ) as Record<ProductCsvColumn, string>;
    return { line, ...parseProductRow(byColumn) };
  });
  return { rows, fileErrors: [] };
}
