/**
 * Bulk edit by CSV through the seller's routes: the export uploads back
 * unchanged, a previewed upload applies in one transaction (prices, tiers,
 * history, new drafts, bulk stock movements), one bad row applies nothing,
 * another seller's products stay out of reach, and only the exact upload
 * that was previewed can be confirmed.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, ne } from "drizzle-orm";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PRODUCT_CSV_COLUMNS, type ProductCsvColumn } from "~/domain/product-csv";
import { createSession } from "~/models/auth.server";
import type { BulkResult } from "~/models/product-bulk.server";
import type * as ProductsModel from "~/models/products.server";
import {
  memberships,
  organisations,
  priceTiers,
  productEvents,
  products,
  stockMovements,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

// One test makes a stock movement fail at apply time, to see everything roll back.
const failing = vi.hoisted(() => ({ stockOf: null as number | null }));
vi.mock("~/models/products.server", async (importOriginal) => {
  const original = await importOriginal<typeof ProductsModel>();
  return {
    ...original,
    moveStock: (...args: Parameters<typeof original.moveStock>) =>
      args[1].productId === failing.stockOf
        ? { ok: false, reason: "negative_stock" }
        : original.moveStock(...args),
  };
});

process.env.UPLOAD_DIR = mkdtempSync(join(tmpdir(), "fdx-uploads-"));

// The routes open DATABASE_PATH themselves: seed that very file.
const seeded = freshDatabase({ file: process.env.DATABASE_PATH, demo: true });
const { db, sqlite } = seeded;
afterAll(() => sqlite.close());

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<Response>;
let bulk: { action: Handler };
let check: { action: Handler };
let exporter: { loader: Handler };
let page: { loader: (args: LoaderFunctionArgs) => Promise<{ choices: { counties: unknown[] } }> };
const cookies: Record<"coop" | "other", string> = { coop: "", other: "" };

const userByEmail = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;
const coopOrgId = db
  .select()
  .from(memberships)
  .where(eq(memberships.userId, userByEmail("coop@example.com").id))
  .get()!.orgId;
/** Another demo seller, given a person of its own here. */
const otherOrg = db
  .select()
  .from(organisations)
  .where(and(eq(organisations.side, "seller"), ne(organisations.id, coopOrgId)))
  .get()!;

beforeAll(async () => {
  bulk = (await import("~/routes/seller.products.bulk")) as unknown as typeof bulk;
  page = (await import("~/routes/seller.products.bulk")) as unknown as typeof page;
  check = (await import("~/routes/seller.products.bulk.check")) as unknown as typeof check;
  exporter = (await import("~/routes/seller.products.export[.csv]")) as unknown as typeof exporter;
  const { sessionCookie } = await import("~/auth/session.server");
  const other = db
    .insert(users)
    .values({ email: "other-seller@example.com", name: "Other", passwordHash: "x" })
    .returning()
    .get();
  db.insert(memberships)
    .values({ userId: other.id, orgId: otherOrg.id, role: "seller_admin", status: "approved" })
    .run();
  for (const [who, userId, orgId] of [
    ["coop", userByEmail("coop@example.com").id, coopOrgId],
    ["other", other.id, otherOrg.id],
  ] as const) {
    const id = createSession(db, { userId, actingOrgId: orgId, ip: "", userAgent: "" });
    cookies[who] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
});

function request(who: keyof typeof cookies, path: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("Cookie", cookies[who]);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

const call = (handler: Handler, req: Request) =>
  handler({ request: req, params: {}, context: {} } as LoaderFunctionArgs & ActionFunctionArgs);

async function exportCsv(who: keyof typeof cookies): Promise<string> {
  const response = await call(exporter.loader, request(who, "/seller/products/export.csv"));
  expect(response.headers.get("Content-Type")).toContain("text/csv");
  // Read as bytes: Response.text() would drop the BOM.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

/** Uploads a CSV the way the page's plain form does (or its script, to the check endpoint). */
async function upload(
  who: keyof typeof cookies,
  text: string,
  via: "page" | "check" = "page",
): Promise<{ status: number; result: BulkResult }> {
  const form = new FormData();
  form.set("file", new File([text], "products.csv", { type: "text/csv" }));
  const path = via === "page" ? "/seller/products/bulk" : "/seller/products/bulk/check";
  const response = await call(
    via === "page" ? bulk.action : check.action,
    request(who, path, { method: "POST", body: form }),
  );
  return { status: response.status, result: (await response.json()) as BulkResult };
}

async function confirm(
  who: keyof typeof cookies,
  fields: Record<string, string>,
): Promise<{ status: number; result: BulkResult }> {
  const response = await call(
    bulk.action,
    request(who, "/seller/products/bulk", {
      method: "POST",
      body: new URLSearchParams({ intent: "apply", ...fields }),
    }),
  );
  return { status: response.status, result: (await response.json()) as BulkResult };
}

function preview(result: BulkResult) {
  if (result.step !== "preview")
    throw new Error(`expected a preview, got ${JSON.stringify(result)}`);
  return result;
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
function csvOf(rows: Record<ProductCsvColumn, string>[]): string {
  return [
    PRODUCT_CSV_COLUMNS.join(","),
    ...rows.map((r) => PRODUCT_CSV_COLUMNS.map((c) => quote(r[c])).join(",")),
  ]
    .map((line) => `${line}\r\n`)
    .join("");
}

/** The export's rows as cells, read with papaparse so quoted descriptions survive. */
async function exportedRows(
  who: keyof typeof cookies,
): Promise<Record<ProductCsvColumn, string>[]> {
  const text = await exportCsv(who);
  const parsed = Papa.parse<Record<ProductCsvColumn, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    delimiter: ",",
    skipEmptyLines: true,
  });
  return parsed.data;
}

const productRow = (id: number) => db.select().from(products).where(eq(products.id, id)).get()!;
const sellerSnapshot = (sellerId: number) =>
  JSON.stringify({
    products: db.select().from(products).where(eq(products.sellerId, sellerId)).all(),
    tiers: db
      .select({
        productId: priceTiers.productId,
        minQty: priceTiers.minQty,
        fen: priceTiers.unitPriceFen,
      })
      .from(priceTiers)
      .innerJoin(products, eq(products.id, priceTiers.productId))
      .where(eq(products.sellerId, sellerId))
      .all(),
    movements: db.select({ n: stockMovements.id }).from(stockMovements).all().length,
  });

const newRow = (name: string): Record<ProductCsvColumn, string> => ({
  id: "",
  nameZh: name,
  nameEn: "",
  categorySlug: "herbs",
  unitCode: "kg",
  countyCode: "621126",
  price: "60.00",
  minOrderQty: "5",
  tiers: "50:55.00",
  stock: "120",
  monthlyCapacity: "",
  specZh: "",
  specEn: "",
  shelfLifeDays: "",
  storageZh: "",
  storageEn: "",
  tags: "岷县当归",
  descriptionZh: "",
  descriptionEn: "",
});

describe("exporting and uploading back", () => {
  it("exports only the seller's own products, with a BOM, and they upload back unchanged", async () => {
    const text = await exportCsv("coop");
    expect(text.startsWith(`\uFEFF${PRODUCT_CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
    const ownIds = db
      .select({ id: products.id })
      .from(products)
      .where(eq(products.sellerId, coopOrgId))
      .all()
      .map((p) => p.id)
      .sort((a, b) => a - b);
    const rows = await exportedRows("coop");
    expect(rows.map((r) => Number(r.id))).toEqual(ownIds);

    const { status, result } = await upload("coop", text);
    expect(status).toBe(200);
    const checked = preview(result);
    expect(checked.errorCount).toBe(0);
    expect(checked.rows.every((row) => row.action === "unchanged")).toBe(true);
    expect(checked.counts).toEqual({ create: 0, update: 0, unchanged: ownIds.length });
    expect(checked.confirm).toBeNull();
  });

  it("the page lists the codes the seller may use: its own county only", async () => {
    const data = await page.loader({
      request: request("coop", "/seller/products/bulk"),
      params: {},
      context: {},
    });
    expect(data.choices.counties).toEqual([{ value: "621126", label: expect.any(String) }]);
  });

  it("the check endpoint answers the same as the page", async () => {
    const text = await exportCsv("coop");
    const viaPage = await upload("coop", text, "page");
    const viaScript = await upload("coop", text, "check");
    expect(viaScript).toEqual(viaPage);
  });
});

describe("previewing and applying", () => {
  it("shows a price change and a new product, then applies them with history and stock movements", async () => {
    const rows = await exportedRows("coop");
    const target = rows[0]!;
    const id = Number(target.id);
    const before = productRow(id);
    target.price = "99.90";
    target.tiers = "100:95.00;500:90.00";
    target.stock = String(before.stock + 25);
    rows.push(newRow("批量新建当归"));

    const checked = preview((await upload("coop", csvOf(rows))).result);
    expect(checked.errorCount).toBe(0);
    expect(checked.counts).toMatchObject({ create: 1, update: 1 });
    const updated = checked.rows.find((row) => row.productId === id)!;
    expect(updated).toMatchObject({ action: "update", stockBefore: before.stock, stockDelta: 25 });
    expect(updated.changes.map((c) => c.column)).toEqual(["price", "tiers"]);
    expect(updated.changes[0]).toEqual({
      column: "price",
      from: (before.priceFen / 100).toFixed(2),
      to: "99.90",
    });
    expect(checked.rows.at(-1)).toMatchObject({ action: "create", line: rows.length + 1 });
    expect(checked.confirm).not.toBeNull();

    const { status, result } = await confirm("coop", checked.confirm!);
    expect(status).toBe(200);
    if (result.step !== "done") throw new Error(JSON.stringify(result));
    expect(result.counts).toEqual({ created: 1, updated: 1, unchanged: rows.length - 2 });

    const after = productRow(id);
    expect(after.priceFen).toBe(9990);
    expect(after.stock).toBe(before.stock + 25);
    expect(
      db
        .select({ minQty: priceTiers.minQty, fen: priceTiers.unitPriceFen })
        .from(priceTiers)
        .where(eq(priceTiers.productId, id))
        .all()
        .sort((a, b) => a.minQty - b.minQty),
    ).toEqual([
      { minQty: Number(target.minOrderQty), fen: 9990 },
      { minQty: 100, fen: 9500 },
      { minQty: 500, fen: 9000 },
    ]);
    const priceEvent = db
      .select()
      .from(productEvents)
      .where(and(eq(productEvents.productId, id), eq(productEvents.kind, "price_changed")))
      .get();
    expect(priceEvent?.detail).toMatchObject({ via: "csv" });
    const movement = db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.productId, id), eq(stockMovements.kind, "bulk")))
      .get();
    expect(movement).toMatchObject({ delta: 25, stockAfter: before.stock + 25 });
    expect(movement?.reason).toContain(checked.confirm!.token);

    const created = result.products.find((p) => p.action === "create")!;
    expect(productRow(created.id)).toMatchObject({
      sellerId: coopOrgId,
      status: "draft",
      nameZh: "批量新建当归",
      priceFen: 6000,
      stock: 120,
    });
    expect(result.products).toContainEqual({ id, name: before.nameZh, action: "update" });

    // The same upload cannot apply twice (it would create the draft again).
    const again = await confirm("coop", checked.confirm!);
    expect(again.status).toBe(409);
    expect(again.result).toEqual({ step: "error", message: "bulkEdit.alreadyApplied" });
  });

  it("one bad row among good ones: errors by row and column, no confirm, nothing applied", async () => {
    const rows = await exportedRows("coop");
    rows[0]!.price = "12.345";
    rows[1]!.stock = String(Number(rows[1]!.stock) + 10);
    rows.push(newRow("不应创建的产品"));
    const snapshot = sellerSnapshot(coopOrgId);

    const { status, result } = await upload("coop", csvOf(rows));
    expect(status).toBe(400);
    const checked = preview(result);
    expect(checked.confirm).toBeNull();
    expect(checked.errorCount).toBe(1);
    expect(checked.rows[0]).toMatchObject({
      line: 2,
      action: "invalid",
      errors: [{ column: "price", message: "forms.price" }],
    });
    expect(sellerSnapshot(coopOrgId)).toBe(snapshot);
    expect(
      db.select().from(products).where(eq(products.nameZh, "不应创建的产品")).get(),
    ).toBeUndefined();
  });

  it("a product sent for review after the preview: the new preview names it, nothing applied", async () => {
    const rows = await exportedRows("coop");
    const draftRow = rows.find((r) => productRow(Number(r.id)).status !== "submitted")!;
    draftRow.specZh = `${draftRow.specZh}（新规格）`;
    rows.push(newRow("审核期间新建"));
    const checked = preview((await upload("coop", csvOf(rows))).result);
    expect(checked.confirm).not.toBeNull();

    const id = Number(draftRow.id);
    const status = productRow(id).status;
    db.update(products).set({ status: "submitted" }).where(eq(products.id, id)).run();
    const snapshot = sellerSnapshot(coopOrgId);
    const applied = await confirm("coop", checked.confirm!);
    expect(applied.status).toBe(409);
    const again = preview(applied.result);
    expect(again.notice).toBe("bulkEdit.changed");
    expect(again.confirm).toBeNull();
    expect(again.rows.find((r) => r.productId === id)?.errors).toEqual([
      { column: "id", message: "bulkEdit.errors.underReview" },
    ]);
    expect(sellerSnapshot(coopOrgId)).toBe(snapshot);
    db.update(products).set({ status }).where(eq(products.id, id)).run();
  });

  it("a failure while applying rolls every row back and shows the error", async () => {
    const rows = await exportedRows("coop");
    rows[0]!.price = "129.00";
    rows[1]!.stock = String(Number(rows[1]!.stock) + 5);
    rows.push(newRow("回滚测试"));
    const checked = preview((await upload("coop", csvOf(rows))).result);
    expect(checked.counts).toMatchObject({ create: 1, update: 2 });
    const snapshot = sellerSnapshot(coopOrgId);

    failing.stockOf = Number(rows[1]!.id);
    try {
      const { status, result } = await confirm("coop", checked.confirm!);
      expect(status).toBe(409);
      const shown = preview(result);
      expect(shown.notice).toBe("bulkEdit.applyFailed");
      expect(shown.confirm).toBeNull();
      expect(shown.rows[1]).toMatchObject({
        action: "invalid",
        errors: [{ column: "stock", message: "bulkEdit.errors.negativeStock" }],
      });
    } finally {
      failing.stockOf = null;
    }
    expect(sellerSnapshot(coopOrgId)).toBe(snapshot);
    expect(db.select().from(products).where(eq(products.nameZh, "回滚测试")).get()).toBeUndefined();
  });
});

describe("tenant isolation", () => {
  it("another seller's product id is an error that reveals nothing; neither seller changes", async () => {
    const theirs = (await exportedRows("other"))[0]!;
    const theirId = Number(theirs.id);
    expect(productRow(theirId).sellerId).toBe(otherOrg.id);
    const rows = await exportedRows("coop");
    rows.push({ ...theirs, nameZh: "冒名修改", price: "1.00", tiers: "", stock: "0" });
    const mine = sellerSnapshot(coopOrgId);
    const others = sellerSnapshot(otherOrg.id);

    const checked = preview((await upload("coop", csvOf(rows))).result);
    const row = checked.rows.at(-1)!;
    expect(row).toMatchObject({
      action: "invalid",
      productId: null,
      name: "冒名修改",
      stockBefore: null,
      changes: [],
      errors: [{ column: "id", message: "bulkEdit.errors.unknownId" }],
    });
    expect(JSON.stringify(checked)).not.toContain(theirs.nameZh);
    expect(checked.confirm).toBeNull();
    expect(sellerSnapshot(coopOrgId)).toBe(mine);
    expect(sellerSnapshot(otherOrg.id)).toBe(others);
  });

  it("a seller cannot confirm another seller's upload", async () => {
    const rows = await exportedRows("coop");
    rows.push(newRow("别人的上传"));
    const checked = preview((await upload("coop", csvOf(rows))).result);
    const { status, result } = await confirm("other", checked.confirm!);
    expect(status).toBe(404);
    expect(result).toEqual({ step: "error", message: "bulkEdit.notFound" });
    expect(
      db.select().from(products).where(eq(products.nameZh, "别人的上传")).get(),
    ).toBeUndefined();
  });
});

describe("the confirm form", () => {
  it("refuses a tampered or unknown token, and a wrong hash", async () => {
    const rows = await exportedRows("coop");
    rows.push(newRow("篡改测试"));
    const checked = preview((await upload("coop", csvOf(rows))).result);
    const good = checked.confirm!;
    const refused = { step: "error", message: "bulkEdit.notFound" };
    for (const fields of [
      { ...good, token: `00000000-0000-4000-8000-000000000000-s${coopOrgId}.csv` },
      { ...good, token: "../../app.db" },
      { ...good, token: good.token.replace(/-s\d+\.csv$/, ".csv") },
      { ...good, sha256: "0".repeat(64) },
      { ...good, plan: "nonsense" },
    ]) {
      const { status, result } = await confirm("coop", fields);
      expect(status).toBe(404);
      expect(result).toEqual(refused);
    }
    const { result } = await confirm("coop", { ...good, plan: "0".repeat(64) });
    expect(preview(result).notice).toBe("bulkEdit.changed");
    expect(db.select().from(products).where(eq(products.nameZh, "篡改测试")).get()).toBeUndefined();

    const wrongIntent = await call(
      bulk.action,
      request("coop", "/seller/products/bulk", {
        method: "POST",
        body: new URLSearchParams({ ...good, intent: "delete-everything" }),
      }),
    );
    expect(wrongIntent.status).toBe(400);
  });

  it("refuses a file that is not UTF-8, and one over 2 MB", async () => {
    const gbk = new Uint8Array([0x69, 0x64, 0x0a, 0xb5, 0xb1, 0xb9, 0xe9]);
    const form = new FormData();
    form.set("file", new File([gbk], "gbk.csv", { type: "text/csv" }));
    const response = await call(
      bulk.action,
      request("coop", "/seller/products/bulk", { method: "POST", body: form }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ step: "error", message: "bulkEdit.notUtf8" });

    const big = await upload("coop", "x".repeat(2 * 1024 * 1024 + 10));
    expect(big).toEqual({ status: 413, result: { step: "error", message: "bulkEdit.tooLarge" } });
  });
});
