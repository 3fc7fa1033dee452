/**
 * Bad input, at scale (issue 7). Every route module's action, and every loader,
 * is called directly with fast-check generated requests: malformed, oversized,
 * wrongly typed and hostile values (SQL, HTML, control characters, huge and
 * negative numbers, other tenants' ids, wrong intents, odd files, wrong content
 * types), as each demo person and anonymously. Whatever comes in:
 *
 * - the answer is never a 5xx, and nothing but a Response is ever thrown;
 * - a 4xx carries a translated message (see `replyProblems` for what that means);
 * - a 4xx changes nothing: no table row (but the two below) and no uploaded file;
 * - a loader (a GET) never changes a table row, whatever its answer;
 * - a redirect stays on this site (or goes to Stripe's checkout);
 * - nothing is written to console.error.
 *
 * Routes are found by listing app/routes, so a new one is fuzzed without a
 * change here. Their field names, query names and enum-like values (intents…)
 * are read from their source and the domain and component modules it imports;
 * `baseForms` adds one or more valid forms per route (a test checks that each
 * gets past its route's door), of which the fuzz spoils up to three fields, so
 * requests also get past parsing into the models. A 2xx or 3xx is accepted as
 * a legitimate write: with fuzzed input it is rare, and the status report shows it.
 *
 * Special handling:
 * - webhooks.stripe must answer 400 to anything unsigned (405 to another
 *   method, 413 to a body over its limit); its replies are for Stripe, in English.
 * - buyer.orders.$id.pay talks to Stripe: MSW answers at the network boundary.
 * - seller.products.bulk(.check) answer i18n keys that their page translates
 *   (`useMessage`), and so do the record import's problems per row: there the
 *   messages must be known keys, not text.
 * - Tables not compared: login_attempts (a refused sign-in is logged by design:
 *   the brute-force limits count it) and sessions (reading a session moves its
 *   last-seen time or ends an idle one; a refused sign-in may end the old one).
 *   audit_log may grow on a refused sign-in ("login.failed") and on an export
 *   (who downloaded the ledger), and nowhere else without a 2xx or 3xx.
 * - Each call starts from the same database: after any write the file is put
 *   back from a snapshot (SQLite's backup API), so a legitimate write (a valid
 *   sign-out, a disabled user) never leaks into the next call.
 *
 * Runs: FUZZ_RUNS (default 80 per action route, half that per loader) and
 * FUZZ_SEED; fast-check prints the seed and the shrunk request on failure.
 * FUZZ_REPORT=1 prints the statuses each route answered.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Papa from "papaparse";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import { messageParts } from "~/domain/forms";
import { PRODUCT_CSV_COLUMNS } from "~/domain/product-csv";
import { productFormValues } from "~/domain/product-forms";
import { checkImport, IMPORT_COLUMNS } from "~/domain/record-import";
import { createPasswordResetToken, createSession } from "~/models/auth.server";
import { setCartQuantity } from "~/models/cart.server";
import { fileComplaint } from "~/models/complaints.server";
import {
  actOnOrder,
  attachTransferSlip,
  placeOrders,
  type CheckoutDetails,
} from "~/models/orders.server";
import {
  createRecord,
  importRecords,
  storeEvidence,
  storeImportFile,
} from "~/models/records.server";
import { storeUpload } from "~/models/uploads.server";
import zhCN from "../../public/locales/zh-CN/common.json";
import {
  certifications,
  memberships,
  organisations,
  priceTiers,
  productImages,
  products,
  sessions,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

// The environment is read when app modules load: Stripe on, so its routes exist.
vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_fdx_fuzz";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_fdx_fuzz";
});

const DATABASE_PATH = process.env.DATABASE_PATH!;
const seeded = freshDatabase({ file: DATABASE_PATH, demo: true });
const { db, sqlite } = seeded;
const scratch = mkdtempSync(join(tmpdir(), "fdx-fuzz-"));
process.env.UPLOAD_DIR = join(scratch, "uploads");

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = Number(process.env.FUZZ_SEED ?? 20_200_703);
const APP = resolve("app");
const ROUTES = join(APP, "routes");

// ---- Stripe's API, answered at the network boundary ------------------------------

const stripe = setupServer(
  http.post("https://api.stripe.com/v1/checkout/sessions", async ({ request }) => {
    const body = new URLSearchParams(await request.text());
    const id = `cs_test_fuzz_${body.get("client_reference_id")}`;
    return HttpResponse.json({
      id,
      object: "checkout.session",
      status: "open",
      url: `https://checkout.stripe.com/c/pay/${id}`,
    });
  }),
);

// ---- The routes, found on disk ---------------------------------------------------

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
interface RouteUnderTest {
  /** The file name without its extension, e.g. "seller.products.$id.stock". */
  id: string;
  /** Its URL with ":param" placeholders, e.g. "/seller/products/:id/stock". */
  url: string;
  params: string[];
  action?: Handler;
  loader?: Handler;
  /** Field and query-parameter names seen in its source and what it imports. */
  names: string[];
  /** Enum-like values seen there: intents, statuses, directions. */
  literals: string[];
}

/** Remix's flat-routes file name as a URL: "_auth." and "_index" vanish, "[.csv]" is literal. */
function urlOfRoute(id: string): { url: string; params: string[] } {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of id) {
    if (ch === "[" || ch === "]") escaped = ch === "[";
    if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  const params: string[] = [];
  const parts = segments.flatMap((segment, i) => {
    if (segment === "_index" || (i === 0 && segment.startsWith("_"))) return [];
    if (segment === "$") {
      params.push("*");
      return ["*"];
    }
    if (segment.startsWith("$")) {
      params.push(segment.slice(1));
      return [`:${segment.slice(1)}`];
    }
    return [segment.replace(/[[\]]/g, "")];
  });
  return { url: `/${parts.join("/")}`, params };
}

/** The source of a module and of the domain and component modules it imports, two levels deep. */
function sourcesOf(file: string, depth = 2, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const text = readFileSync(file, "utf8");
  if (depth === 0) return [text];
  const imported = [
    ...[...text.matchAll(/from "~\/(domain|components|utils)\/([\w.-]+)"/g)].map(([, dir, name]) =>
      join(APP, dir!, name!),
    ),
    ...[...text.matchAll(/from "\.\/([\w.-]+)"/g)].map(([, name]) => join(file, "..", name!)),
  ];
  return [
    text,
    ...imported.flatMap((base) =>
      [".ts", ".tsx"].flatMap((ext) => sourcesOf(base + ext, depth - 1, seen)),
    ),
  ];
}

function scan(sources: string[]): { names: string[]; literals: string[] } {
  const names = new Set<string>();
  const literals = new Set<string>();
  const all = (text: string, pattern: RegExp, into: Set<string>) => {
    for (const match of text.matchAll(pattern)) if (match[1]) into.add(match[1]);
  };
  for (const text of sources) {
    all(text, /\bname="([\w-]+)"/g, names);
    all(text, /searchParams\.(?:get|getAll|has)\("([\w-]+)"\)/g, names);
    all(text, /form\.get\("([\w-]+)"\)/g, names);
    all(text, /^\s+(\w+): (?:z\.|[a-z]\w*\(|[a-z]\w*,$)/gm, names);
    all(text, /\bvalue="([^"{}]+)"/g, literals);
    all(text, /[!=]== "([\w-]+)"/g, literals);
    all(text, /z\.literal\("([^"]+)"\)/g, literals);
    for (const [, list] of text.matchAll(/(?:z\.enum\(|= )\[([^\]]*)\]/g))
      all(list!, /"([\w-]+)"/g, literals);
  }
  return { names: [...names].sort(), literals: [...literals].sort() };
}

async function discoverRoutes(): Promise<RouteUnderTest[]> {
  const found: RouteUnderTest[] = [];
  for (const file of readdirSync(ROUTES).sort()) {
    if (!/\.tsx?$/.test(file)) continue;
    const id = file.replace(/\.tsx?$/, "");
    const module = (await import(/* @vite-ignore */ join(ROUTES, file))) as {
      action?: Handler;
      loader?: Handler;
    };
    if (!module.action && !module.loader) continue;
    found.push({
      id,
      ...urlOfRoute(id),
      action: module.action,
      loader: module.loader,
      ...scan(sourcesOf(join(ROUTES, file))),
    });
  }
  return found;
}

// ---- The demo's people and a world with something of everyone's ----------------------

const PEOPLE = ["office", "verifier", "unit", "approver", "union", "coop", "potato"] as const;
type Who = (typeof PEOPLE)[number] | "anonymous";

const userIdOf = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;
const orgOfUser = (userId: number) =>
  db.select().from(memberships).where(eq(memberships.userId, userId)).get()!.orgId;

interface World {
  cookies: Record<string, string>;
  org: Record<(typeof PEOPLE)[number], number>;
  user: Record<(typeof PEOPLE)[number], number>;
  /** Every id in the database that a form or a URL may name, whoever owns it. */
  ids: string[];
  orders: { unitBank: number; unitStripe: number; unionShipped: number; potatoPaid: number };
  coopProduct: number;
  potatoProduct: number;
  coopImage: number;
  pendingCertification: number;
  pendingMembership: number;
  pendingOrg: number;
  record: number;
  complaint: number;
  resetToken: string;
  /** A checked import not saved yet, and a saved one waiting for its second person. */
  batches: { checked: string; imported: string };
  /** What confirms a checked bulk edit of the coop's products. */
  bulkConfirm: { token: string; sha256: string; plan: string };
  /** The coop's product as its edit form shows it. */
  coopProductForm: Record<string, string>;
  creditCodes: string[];
  categorySlug: string;
  unitCode: string;
  files: Record<FileKind, Bytes>;
}
let world: World;

const checkout: CheckoutDetails = {
  deliveryAddress: "福州市鼓楼区机关食堂",
  contactName: "陈采购",
  contactPhone: "0591-87000000",
  invoiceTitle: "福州市鼓楼区机关事务服务中心",
  taxNumber: "12350102MB0D00002G",
  poReference: "",
  purpose: "canteen",
  paymentMethod: "bank_transfer",
};

let placed = 0;
function placeOrder(
  buyer: { orgId: number; userId: number },
  productId: number,
  paymentMethod: CheckoutDetails["paymentMethod"],
): number {
  const product = db.select().from(products).where(eq(products.id, productId)).get()!;
  const cart = setCartQuantity(db, {
    buyerOrgId: buyer.orgId,
    userId: buyer.userId,
    productId,
    qty: product.minOrderQty,
    mode: "set",
  });
  if (!cart.ok) throw new Error(`cart: ${cart.reason}`);
  const result = placeOrders(db, {
    buyerOrgId: buyer.orgId,
    userId: buyer.userId,
    ip: "203.0.113.1",
    idempotencyKey: `fuzz-${++placed}`,
    details: { ...checkout, paymentMethod },
  });
  if (!result.ok) throw new Error(`place: ${result.reason}`);
  return result.orderIds[0]!;
}

/** The files uploads are fuzzed with; the 10 MB one ("oversize") is sent rarely. */
const FILE_KINDS = [
  "pdf",
  "png",
  "jpeg",
  "bomb",
  "truncated",
  "empty",
  "text",
  "nul",
  "svg",
  "html",
  "importCsv",
  "bulkCsv",
  "hostileCsv",
  "utf16Csv",
  "oversize",
] as const;
type FileKind = (typeof FILE_KINDS)[number];

/** PNG's chunk checksum (CRC-32), to keep a forged header well-formed. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Bytes a Blob takes (not a view of a SharedArrayBuffer). */
type Bytes = Uint8Array<ArrayBuffer>;

/** Every kind of file but the bulk edit's CSV, which is the seller's own export. */
async function makeFiles(): Promise<Omit<Record<FileKind, Bytes>, "bulkCsv">> {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#963" } })
    .png()
    .toBuffer();
  const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#369" } })
    .jpeg()
    .toBuffer();
  const bomb = Buffer.from(png);
  bomb.writeUInt32BE(60_000, 16);
  bomb.writeUInt32BE(60_000, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
  const header = IMPORT_COLUMNS.map(([zh]) => zh).join(",");
  const row = (cells: string) => `${header}\r\n${cells}\r\n`;
  return {
    pdf: utf8("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    png: new Uint8Array(png),
    jpeg: new Uint8Array(jpeg),
    bomb: new Uint8Array(bomb),
    truncated: new Uint8Array(jpeg.subarray(0, 200)),
    empty: new Uint8Array(0),
    text: utf8("just some text, not a document"),
    nul: new Uint8Array(4096),
    svg: utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>1</script></svg>'),
    html: utf8("<!doctype html><script>alert(document.cookie)</script>"),
    importCsv: utf8(
      `\uFEFF${row("福州市某中学食堂,预算单位,350102,93621126MA71G5C8PR,621126,岷县当归,12000.00,2026-01-15,采购,线下,是,FZ-FUZZ-0001,")}`,
    ),
    hostileCsv: utf8(
      `${row(`"=cmd|' /C calc'!A0",'; DROP TABLE users;--,-1,1e99,\u0000,<script>,NaN,9999-99-99,"",x`)}${"a,".repeat(5000)}\r\n"unterminated`,
    ),
    utf16Csv: new Uint8Array(Buffer.from(`\uFEFF${row("a,b,c")}`, "utf16le")),
    oversize: new Uint8Array(10 * 1024 * 1024 + 1),
  };
}

async function buildWorld(routes: RouteUnderTest[]): Promise<World> {
  const person = (who: (typeof PEOPLE)[number]) => userIdOf(`${who}@example.com`);
  const user = Object.fromEntries(PEOPLE.map((who) => [who, person(who)])) as World["user"];
  const org = Object.fromEntries(PEOPLE.map((who) => [who, orgOfUser(user[who])])) as World["org"];
  const listed = (sellerId: number) =>
    db
      .select()
      .from(products)
      .where(and(eq(products.sellerId, sellerId), eq(products.status, "listed")))
      .all()[0]!;
  const coopProduct = listed(org.coop).id;
  const potatoProduct = listed(org.potato).id;
  db.update(products).set({ stock: 1_000_000 }).run();

  const files = await makeFiles();

  // Orders of two buyers with two sellers, in several states.
  const unit = { orgId: org.unit, userId: user.unit };
  const union = { orgId: org.union, userId: user.union };
  const seller = (who: "coop" | "potato") => ({
    userId: user[who],
    orgId: org[who],
    ip: "203.0.113.2",
    as: "seller" as const,
  });
  const ok = (result: { ok: boolean }, what: string) =>
    expect(result, what).toMatchObject({ ok: true });
  // A seller confirms a bank transfer only once the buyer's slip is attached.
  const attachSlip = (orderId: number) =>
    ok(
      attachTransferSlip(db, {
        orderId,
        actor: { ...union, ip: "203.0.113.1", as: "buyer" },
        file: { key: storeUpload("orders", files.pdf, "pdf").key, type: "application/pdf" },
      }),
      `slip on ${orderId}`,
    );
  const unitBank = placeOrder(unit, coopProduct, "bank_transfer");
  const unitStripe = placeOrder(unit, potatoProduct, "stripe");
  const unionShipped = placeOrder(union, coopProduct, "bank_transfer");
  attachSlip(unionShipped);
  for (const action of ["pay", "confirm"] as const)
    ok(actOnOrder(db, { orderId: unionShipped, action, actor: seller("coop") }), action);
  ok(
    actOnOrder(db, {
      orderId: unionShipped,
      action: "ship",
      actor: seller("coop"),
      carrier: "顺丰",
      trackingNumber: "SF1234567890",
    }),
    "ship",
  );
  const potatoPaid = placeOrder(union, potatoProduct, "bank_transfer");
  attachSlip(potatoPaid);
  ok(actOnOrder(db, { orderId: potatoPaid, action: "pay", actor: seller("potato") }), "pay");
  // Something in the unit's cart, so that a valid checkout can place it.
  setCartQuantity(db, {
    buyerOrgId: org.unit,
    userId: user.unit,
    productId: coopProduct,
    qty: db.select().from(products).where(eq(products.id, coopProduct)).get()!.minOrderQty,
    mode: "set",
  });

  // An outside sale waiting for its second person, a complaint, a pending organisation
  // and a pending membership, a reset link, two imports.
  const evidence = storeEvidence(files.pdf, "application/pdf");
  const record = createRecord(db, {
    record: {
      buyerName: "福州市某中学食堂",
      buyerType: "budget_unit",
      jurisdictionCode: "350102",
      sellerOrgId: org.coop,
      countyCode: "621126",
      productDescription: "岷县当归",
      amount: 1_200_000,
      saleDate: "2026-01-15",
      kind: "purchase",
      channel: "offline",
      certified: true,
      invoiceNumber: "FZ-SEED-0001",
      contractRef: "",
    },
    evidence: { ...evidence, type: "application/pdf" },
    actor: { userId: user.office, orgId: org.office, ip: "203.0.113.3" },
  });
  const filed = fileComplaint(
    db,
    {
      subjectType: "product",
      subjectRef: String(coopProduct),
      body: "包装破损，请核实处理。",
      contactName: "王",
      contact: "13800000000",
    },
    "203.0.113.4",
  );
  if (!filed.ok) throw new Error(filed.messageKey);
  const complaint = filed.id;
  const pendingOrg = db
    .insert(organisations)
    .values({
      side: "buyer",
      type: "enterprise",
      nameZh: "福州某企业（待审）",
      creditCode: "91350100MA2XXXXX0X",
      jurisdictionCode: "350102",
      contactName: "林",
      contactPhone: "0591-80000000",
      address: "福州市",
      status: "pending",
    })
    .returning()
    .get().id;
  const joiner = db
    .insert(users)
    .values({ email: "joiner@example.com", name: "J", passwordHash: "x" })
    .returning()
    .get().id;
  const pendingMembership = db
    .insert(memberships)
    .values({ userId: joiner, orgId: org.union, role: "purchaser" })
    .returning()
    .get().id;
  const resetToken = createPasswordResetToken(db, "potato@example.com")!.token;
  const { importLookups } = await import("~/models/record-import.server");
  const importCsv = (invoice: string) =>
    new TextDecoder().decode(files.importCsv).replace("FZ-FUZZ-0001", invoice);
  const checked = storeImportFile(importCsv("FZ-FUZZ-0101")).batch;
  const imported = storeImportFile(importCsv("FZ-FUZZ-0102"));
  importRecords(db, {
    rows: checkImport(importCsv("FZ-FUZZ-0102"), importLookups(sqlite)).rows,
    batch: imported.batch,
    sha256: imported.sha256,
    actor: { userId: user.office, orgId: org.office, ip: "203.0.113.5" },
  });
  const coop = db.select().from(products).where(eq(products.id, coopProduct)).get()!;
  const tiers = db.select().from(priceTiers).where(eq(priceTiers.productId, coopProduct)).all();

  const { sessionCookie } = await import("~/auth/session.server");
  const cookies: Record<string, string> = {};
  for (const who of PEOPLE) {
    const id = createSession(db, {
      userId: user[who],
      actingOrgId: org[who],
      ip: "",
      userAgent: "",
    });
    cookies[who] = (await sessionCookie.serialize(id)).split(";")[0]!;
  }
  const exporter = routes.find((r) => r.id === "seller.products.export[.csv]")!;
  const exported = (await exporter.loader!({
    request: new Request("http://localhost/seller/products/export.csv", {
      headers: { Cookie: cookies.coop! },
    }),
    params: {},
    context: {},
  })) as Response;
  const bulkCsv = await exported.text();
  // A checked bulk edit (one English name changed) that waits for its confirmation.
  const edited = Papa.parse<string[]>(bulkCsv.replace(/^\uFEFF/, ""), {
    delimiter: ",",
  }).data.filter((row) => row.length > 1);
  edited[1]![PRODUCT_CSV_COLUMNS.indexOf("nameEn")] = "Edited by bulk";
  const bulkForm = new FormData();
  bulkForm.append("file", new Blob([Papa.unparse(edited)]), "products.csv");
  const checkedBulk = (await routes.find((r) => r.id === "seller.products.bulk.check")!.action!({
    request: new Request("http://localhost/seller/products/bulk/check", {
      method: "POST",
      headers: { Cookie: cookies.coop! },
      body: bulkForm,
    }),
    params: {},
    context: {},
  })) as Response;
  const { confirm } = (await checkedBulk.json()) as {
    confirm: { token: string; sha256: string; plan: string };
  };

  const idsOf = (table: string) =>
    sqlite.prepare(`select id from "${table}"`).pluck().all() as number[];
  const ids = new Set<number>();
  for (const table of [
    "orders",
    "products",
    "memberships",
    "users",
    "organisations",
    "outside_records",
    "complaints",
    "certifications",
    "product_images",
    "notifications",
    "order_lines",
  ])
    for (const id of idsOf(table)) ids.add(id);
  return {
    cookies,
    org,
    user,
    ids: [...ids].sort((a, b) => a - b).map(String),
    orders: { unitBank, unitStripe, unionShipped, potatoPaid },
    coopProduct,
    potatoProduct,
    coopImage: db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, coopProduct))
      .get()!.id,
    pendingCertification: db
      .select()
      .from(certifications)
      .where(eq(certifications.status, "pending"))
      .get()!.id,
    pendingMembership,
    pendingOrg,
    record,
    complaint,
    resetToken,
    batches: { checked, imported: imported.batch },
    bulkConfirm: confirm,
    coopProductForm: productFormValues(coop, tiers),
    creditCodes: db
      .select({ code: organisations.creditCode })
      .from(organisations)
      .all()
      .map((o) => o.code),
    categorySlug: sqlite.prepare("select slug from categories limit 1").pluck().get() as string,
    unitCode: sqlite.prepare("select code from units limit 1").pluck().get() as string,
    files: { ...files, bulkCsv: new TextEncoder().encode(bulkCsv) },
  };
}

// ---- Valid forms per route, which the fuzz mutates ------------------------------

interface BaseForm {
  fields: Record<string, string>;
  files?: Record<string, FileKind>;
  query?: Record<string, string>;
}

function baseForms(w: World): Record<string, BaseForm[]> {
  const product = {
    nameZh: "岷县当归片",
    nameEn: "Minxian angelica slices",
    categorySlug: w.categorySlug,
    unitCode: w.unitCode,
    countyCode: "621126",
    price: "12.50",
    minOrderQty: "10",
    stock: "100",
    tierQty1: "100",
    tierPrice1: "11.00",
    tags: "当归, 岷县",
  };
  const person = {
    name: "张三",
    email: "fuzz-new@example.com",
    phone: "13800000000",
    password: "correct horse battery",
  };
  const sale = {
    buyerName: "福州市某中学食堂",
    buyerType: "budget_unit",
    jurisdictionCode: "350102",
    sellerOrgId: String(w.org.coop),
    countyCode: "621126",
    productDescription: "岷县当归",
    amount: "1200.00",
    saleDate: "2026-01-15",
    kind: "purchase",
    channel: "offline",
    certified: "on",
    invoiceNumber: "FZ-FUZZ-0002",
  };
  const certificate = {
    authority: "岷县农业农村局",
    level: "county",
    number: "MX-2026-001",
    issuedOn: "2026-01-01",
    validUntil: "2027-12-31",
    value: "50000",
    peopleLifted: "12",
  };
  return {
    "_auth.login": [
      { fields: { email: "coop@example.com", password: "demo-password", redirectTo: "/seller" } },
    ],
    "_auth.signup": [
      {
        fields: {
          intent: "new-organisation",
          ...person,
          side: "buyer",
          type: "enterprise",
          orgName: "福州某新企业",
          creditCode: `91350100MA2YYYYY1${creditCodeCheckCharacter("91350100MA2YYYYY1")}`,
          jurisdictionCode: "350102",
          contactName: "张三",
          contactPhone: "0591-80000001",
          address: "福州市鼓楼区",
        },
      },
      {
        fields: {
          intent: "join",
          ...person,
          joinCreditCode: "93621126MA71G5C8PR",
          role: "seller_staff",
        },
      },
    ],
    "_auth.forgot-password": [{ fields: { email: "potato@example.com" } }],
    "_auth.reset-password": [
      { fields: { token: w.resetToken, password: "new password 1", confirm: "new password 1" } },
    ],
    "_store.complaints.new": [
      {
        fields: {
          subjectType: "product",
          subjectRef: String(w.coopProduct),
          body: "实物与描述不符，请核实。",
          contactName: "李",
          contact: "13800000000",
        },
      },
    ],
    language: [{ fields: { language: "en", returnTo: "/products" } }],
    "account._index": [
      { fields: { intent: "switch", orgId: String(w.org.coop) } },
      { fields: { intent: "join", joinCreditCode: w.creditCodes[1]!, role: "purchaser" } },
    ],
    "account.members": [
      { fields: { intent: "approve", membershipId: String(w.pendingMembership) } },
      { fields: { intent: "change-role", membershipId: "3", role: "approver" } },
    ],
    "account.notifications": [{ fields: { intent: "mark-all-read", upTo: "1" } }],
    "buyer._index": [
      { fields: { threshold: "1000.00" } },
      { fields: { intent: "canteen-budget", canteenBudget: "100000" } },
    ],
    "buyer.cart": [
      { fields: { intent: "add", productId: String(w.coopProduct), qty: "500" } },
      { fields: { intent: "acknowledge" } },
      {
        fields: {
          intent: "place",
          idempotencyKey: "0b6f3c6e-8a43-4a43-9d2e-2f1b3c4d5e6f",
          ...checkout,
        },
      },
    ],
    "buyer.orders.$id": [
      { fields: { intent: "cancel", note: "不需要了" } },
      { fields: { intent: "approve" } },
      { fields: { intent: "accept", note: "已收货" }, files: { photo: "jpeg" } },
      { fields: { intent: "slip" }, files: { slip: "pdf" }, query: { upload: "slip" } },
    ],
    "buyer.records": [{ fields: sale, files: { evidence: "pdf" } }],
    "office.records._index": [
      { fields: sale, files: { evidence: "png" } },
      { fields: { intent: "verify", recordId: String(w.record) } },
      { fields: { intent: "reject", recordId: String(w.record), reason: "凭证不清" } },
    ],
    "office.records.import": [
      { fields: {}, files: { file: "importCsv" } },
      { fields: { intent: "import", batch: w.batches.checked } },
      { fields: { intent: "verify-batch", batch: w.batches.imported } },
    ],
    "office.records.import.check": [{ fields: {}, files: { file: "importCsv" } }],
    "office.targets": [
      { fields: { intent: "save-pairing", jurisdictionCode: "350121", countyCode: "621102" } },
      {
        fields: {
          intent: "save-targets",
          year: "2026",
          cityTarget: "200000000",
          peopleTarget: "32000",
          reservedShare: "30",
          "target-350102": "30000000",
        },
      },
      { fields: { intent: "open-year", year: "2027" } },
    ],
    "office.users": [{ fields: { intent: "end-sessions", userId: String(w.user.coop) } }],
    "office.organisations": [
      { fields: { intent: "approve", orgId: String(w.pendingOrg) } },
      { fields: { intent: "reject", orgId: String(w.pendingOrg), reason: "材料不全" } },
    ],
    "office.complaints": [
      { fields: { id: String(w.complaint), status: "resolved", reply: "已联系卖家处理。" } },
    ],
    "office.certifications._index": [
      { fields: { intent: "approve", certificationId: String(w.pendingCertification) } },
    ],
    "office.certifications.$id": [
      {
        fields: {
          intent: "reject",
          certificationId: String(w.pendingCertification),
          reason: "过期",
        },
      },
      { fields: { intent: "delist", reason: "证书存疑" } },
    ],
    "office.orders.$id": [
      { fields: { intent: "cancel", reason: "买方撤回" } },
      { fields: { intent: "confirm-payment", reason: "已核对银行回单，款项到账" } },
      { fields: { intent: "mark-delivered" } },
    ],
    "seller.orders.$id": [
      { fields: { intent: "pay" } },
      { fields: { intent: "ship", carrier: "顺丰", trackingNumber: "SF0000000001" } },
      { fields: { invoiceNumber: "FP20260001" }, files: { invoiceFile: "pdf" } },
    ],
    "seller.products.$id._index": [
      { fields: { intent: "pause" } },
      { fields: { intent: "delist", reason: "停产" } },
    ],
    "seller.products.$id.edit": [
      { fields: { ...w.coopProductForm, stock: "90", nameEn: "Edited" } },
    ],
    "seller.products.new": [{ fields: product }],
    "seller.products.$id.stock": [
      { fields: { direction: "remove", quantity: "5", reason: "损耗" } },
    ],
    "seller.products.$id.photos": [
      { fields: { intent: "cover", imageId: String(w.coopImage) } },
      { fields: {}, files: { photos: "png" } },
    ],
    "seller.products.$id.photos.upload": [{ fields: {}, files: { photos: "jpeg" } }],
    "seller.products.$id.certification": [{ fields: certificate, files: { document: "pdf" } }],
    "seller.products.$id.certification.upload": [
      { fields: certificate, files: { document: "pdf" } },
    ],
    "seller.products.bulk": [
      { fields: {}, files: { file: "bulkCsv" } },
      { fields: { intent: "apply", ...w.bulkConfirm } },
    ],
    "seller.products.bulk.check": [{ fields: {}, files: { file: "bulkCsv" } }],
  };
}

/** Which of the world's ids a route's URL parameter most likely names. */
function ownIdsFor(route: RouteUnderTest, w: World): string[] {
  if (route.id.startsWith("seller.products"))
    return [w.coopProduct, w.coopProduct, w.potatoProduct, 32].map(String);
  if (route.url.includes("orders")) return Object.values(w.orders).map(String);
  if (route.id.startsWith("office.certifications")) return [w.pendingCertification, 1].map(String);
  if (route.id.startsWith("office.records")) return [String(w.record)];
  return [];
}

// ---- Values, bodies and calls ------------------------------------------------------

const LONG = {
  latin: "a".repeat(100_000),
  han: "汉".repeat(100_000),
  digits: "9".repeat(10_000),
  angle: "<".repeat(50_000),
  nul: "\u0000".repeat(10_000),
};

const hostileText = fc.constantFrom(
  "' OR '1'='1",
  "1; DROP TABLE users; --",
  '" OR ""="',
  "1 UNION SELECT password_hash FROM users",
  "%' AND 1=0 UNION ALL SELECT 1,2,3 --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('return process')()}}",
  "${7*7}",
  "$t(forms.invalid)",
  "forms.invalid",
  "__proto__",
  "constructor",
  "toString",
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[31m",
  "\r\n\r\nSet-Cookie: x=1",
  "\u202eevil\u202c",
  "\ufeff",
  "\ud800",
  "مرحبا بالعالم",
  "שלום",
  "👨‍👩‍👧‍👦🥔",
  "𠮷野家",
  "马铃薯",
  "",
  " ",
  "\t\n ",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%00",
  "%2e%2e%2f",
  "//evil.example",
  "https://evil.example/",
  "/\\evil.example",
);
const numberText = fc.constantFrom(
  " 7 ",
  ...(
    "0 -0 -1 1 -999999 1e99 1e308 -1e308 1e-7 9007199254740993 99999999999999999999999 1.5 " +
    "0.001 12.345 1,000 1_000 0x1F 0b1 Infinity -Infinity NaN １２３ ٣ +1 07 1e3 2147483648 -2147483649"
  ).split(" "),
);
const dateText = fc.constantFrom(
  ..."2026-06-15 2026-02-30 0000-00-00 9999-12-31 2026-13-01 2026/06/15 2020-06 2026 1970-01-01".split(
    " ",
  ),
);
const longText = fc.constantFrom(...Object.values(LONG));
/** Division codes: real ones of the wrong kind, and well-formed ones that name nothing. */
const codeText = fc.constantFrom(..."350102 350121 621126 621102 000000 999999 350199".split(" "));
/** Ids that are not ids. */
const oddId = fc.constantFrom("-1", "0", "1e99", "abc", "1.5", " 1", "0x1", "9".repeat(40), "");

function valueFor(route: RouteUnderTest, pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileText },
    { weight: 3, arbitrary: numberText },
    { weight: 1, arbitrary: dateText },
    { weight: 1, arbitrary: codeText },
    { weight: 1, arbitrary: longText },
    { weight: 3, arbitrary: fc.constantFrom(...pools.ids) },
    { weight: 1, arbitrary: oddId },
    { weight: 2, arbitrary: fc.constantFrom(...route.literals, "x") },
    { weight: 1, arbitrary: fc.constantFrom(...pools.literals) },
    { weight: 1, arbitrary: fc.constantFrom(...pools.emails) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: fc.bigInt().map(String) },
  );
}

interface Pools {
  ids: string[];
  literals: string[];
  names: string[];
  emails: string[];
}

function nameFor(route: RouteUnderTest, pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...route.names, "intent") },
    { weight: 1, arbitrary: fc.constantFrom(...pools.names) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "__proto__",
        "constructor",
        "a[b]",
        "x".repeat(5000),
        "名",
        "target-999999",
        "target-350102",
      ),
    },
  );
}

interface FileSpec {
  field: string;
  name: string;
  type: string;
  content: FileKind;
}
type Body =
  | { kind: "form"; fields: [string, string][] }
  | { kind: "multipart"; fields: [string, string][]; files: FileSpec[] }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; contentType: string | null; text: string };

interface Call {
  who: Who;
  language: "zh-CN" | "en";
  method: string;
  ip: string;
  params: Record<string, string>;
  query: [string, string][];
  body: Body | null;
}

const fileName = fc.constantFrom(
  "evidence.pdf",
  "photo.png",
  "../../etc/passwd",
  "",
  "名称.pdf",
  "a\u0000.png",
  `${"x".repeat(1000)}.jpg`,
  "CON",
  "x.png.exe",
);
const fileType = fc.constantFrom(
  "application/pdf",
  "image/png",
  "image/svg+xml",
  "text/csv",
  "application/octet-stream",
  "",
  "text/html",
);

function oddFile(field: fc.Arbitrary<string>): fc.Arbitrary<FileSpec> {
  return fc.record({
    field,
    name: fileName,
    type: fileType,
    // The 10 MB file is costly to send: rare.
    content: fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom(...FILE_KINDS.filter((k) => k !== "oversize")) },
      { weight: 1, arbitrary: fc.constant<FileKind>("oversize") },
    ),
  });
}

/**
 * A valid form of the route with up to three of its fields spoiled (given a
 * fuzzed value, dropped, or sent twice), so that most requests pass every
 * check but one, and some pass them all.
 */
function mutated(route: RouteUnderTest, pools: Pools, base: BaseForm): fc.Arbitrary<Body> {
  const value = valueFor(route, pools);
  const names = Object.keys(base.fields);
  const spoil = fc.oneof(
    { weight: 3, arbitrary: value.map((v) => (name: string): [string, string][] => [[name, v]]) },
    { weight: 1, arbitrary: fc.constant((): [string, string][] => []) },
    // The same name twice: the first one usually wins.
    {
      weight: 1,
      arbitrary: value.map((v) => (name: string): [string, string][] => [
        [name, v],
        [name, base.fields[name]!],
      ]),
    },
  );
  const fields = (
    names.length > 0
      ? fc.dictionary(fc.constantFrom(...names), spoil, { maxKeys: 3 })
      : fc.constant({})
  ).map((spoilt: Record<string, (name: string) => [string, string][]>) =>
    names.flatMap((name): [string, string][] =>
      spoilt[name] ? spoilt[name](name) : [[name, base.fields[name]!]],
    ),
  );
  const extra = fc.array(fc.tuple(nameFor(route, pools), value), { maxLength: 2 });
  const files = fc.tuple(
    ...Object.entries(base.files ?? {}).map(([field, good]) =>
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constant<FileSpec[]>([
            { field, name: `upload.${good}`, type: "application/octet-stream", content: good },
          ]),
        },
        { weight: 2, arbitrary: oddFile(fc.constant(field)).map((f) => [f]) },
        { weight: 1, arbitrary: fc.constant<FileSpec[]>([]) },
      ),
    ),
  );
  return fc
    .tuple(fields, extra, files, fc.boolean())
    .map(([kept, more, sent, multipartAnyway]): Body => {
      const all = [...kept, ...more];
      const uploads = sent.flat();
      return uploads.length > 0 || (base.files && multipartAnyway)
        ? { kind: "multipart", fields: all, files: uploads }
        : { kind: "form", fields: all };
    });
}

const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ intent: "approve", id: 1, __proto__: { admin: true } }),
  fc.constant({ email: "office@example.com", password: "demo-password" }),
);
const rawBody = fc.record({
  contentType: fc.constantFrom(
    null,
    "text/plain",
    "application/json",
    "application/xml",
    "multipart/form-data",
    "multipart/form-data; boundary=----fuzz",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "; ;=",
  ),
  text: fc.oneof(
    hostileText,
    fc.constantFrom(
      '------fuzz\r\nContent-Disposition: form-data; name="intent"\r\n\r\napprove',
      "------fuzz--",
      "%zz&&==&a=%E0%A4%A&intent=%",
      '{"intent":',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      LONG.latin,
    ),
    fc.string({ unit: "binary", maxLength: 200 }),
  ),
});

function bodyFor(route: RouteUnderTest, pools: Pools, bases: BaseForm[]): fc.Arbitrary<Body> {
  const value = valueFor(route, pools);
  const pairs = fc.array(fc.tuple(nameFor(route, pools), value), { maxLength: 8 });
  const choices: { weight: number; arbitrary: fc.Arbitrary<Body> }[] = [
    { weight: 3, arbitrary: pairs.map((fields): Body => ({ kind: "form", fields })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pairs, fc.array(oddFile(nameFor(route, pools)), { minLength: 1, maxLength: 3 }))
        .map(([fields, files]): Body => ({ kind: "multipart", fields, files })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(jsonValue, fc.dictionary(nameFor(route, pools), value, { maxKeys: 6 }))
        .map((v): Body => ({ kind: "json", value: v })),
    },
    { weight: 1, arbitrary: rawBody.map((raw): Body => ({ kind: "raw", ...raw })) },
  ];
  for (const base of bases) choices.push({ weight: 6, arbitrary: mutated(route, pools, base) });
  return fc.oneof(...choices);
}

/** Everyone, but mostly the people the route's area is for, so that calls get past its door. */
function whoFor(route: RouteUnderTest): fc.Arbitrary<Who> {
  const everyone = fc.constantFrom<Who>(...PEOPLE, "anonymous");
  const area = route.url.split("/")[1];
  const regulars: Who[] =
    area === "seller"
      ? ["coop", "potato"]
      : area === "buyer"
        ? ["unit", "approver", "union"]
        : area === "office"
          ? ["office", "verifier"]
          : [];
  if (regulars.length === 0) return everyone;
  return fc.oneof(
    { weight: 2, arbitrary: everyone },
    { weight: 3, arbitrary: fc.constantFrom(...regulars) },
  );
}
const language = fc.constantFrom<Call["language"]>("zh-CN", "zh-CN", "en");
const ip = fc.constantFrom("203.0.113.7", "198.51.100.23", "::1", "unknown", "");

function paramsFor(route: RouteUnderTest, pools: Pools, own: string[]) {
  const value = fc.oneof(
    { weight: own.length > 0 ? 5 : 0, arbitrary: fc.constantFrom(...own, "1") },
    { weight: 2, arbitrary: fc.constantFrom(...pools.ids) },
    { weight: 2, arbitrary: oddId },
    { weight: 1, arbitrary: hostileText },
  );
  return fc
    .tuple(...route.params.map(() => value))
    .map((values) => Object.fromEntries(route.params.map((name, i) => [name, values[i]!])));
}

function queryFor(route: RouteUnderTest, pools: Pools, bases: BaseForm[]) {
  const random = fc.array(fc.tuple(nameFor(route, pools), valueFor(route, pools)), {
    maxLength: 4,
  });
  const fromBases = bases.flatMap((b) => (b.query ? [Object.entries(b.query)] : []));
  return fromBases.length > 0 ? fc.oneof(random, fc.constantFrom(...fromBases)) : random;
}

function actionCall(route: RouteUnderTest, pools: Pools, w: World): fc.Arbitrary<Call> {
  const bases = baseForms(w)[route.id] ?? [];
  return fc
    .record({
      who: whoFor(route),
      language,
      method: fc.constantFrom("POST", "POST", "POST", "POST", "PUT", "PATCH", "DELETE"),
      ip,
      params: paramsFor(route, pools, ownIdsFor(route, w)),
      query: queryFor(route, pools, bases),
      body: bodyFor(route, pools, bases),
    })
    .map(printable);
}

function loaderCall(route: RouteUnderTest, pools: Pools, w: World): fc.Arbitrary<Call> {
  return fc
    .record({
      who: whoFor(route),
      language,
      method: fc.constant("GET"),
      ip,
      params: paramsFor(route, pools, ownIdsFor(route, w)),
      query: queryFor(route, pools, []),
      body: fc.constant(null),
    })
    .map(printable);
}

/** fast-check prints a failing call: keep 100k-character values to a glance. */
function printable(call: Call): Call {
  return Object.assign(call, {
    [fc.toStringMethod]: () =>
      JSON.stringify(call, (_key, value: unknown) =>
        typeof value === "string" && value.length > 80
          ? `${value.slice(0, 40)}…(${value.length} chars)`
          : value,
      ),
  });
}

// ---- Making the request and reading the answer -----------------------------------

/** A lone surrogate cannot be put in a URL; a browser would send U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\ufffd",
  );
}

function requestFor(route: RouteUnderTest, call: Call, w: World): Request {
  let path = route.url;
  for (const name of route.params)
    path = path.replace(
      name === "*" ? "*" : `:${name}`,
      encodeURIComponent(wellFormed(call.params[name]!)),
    );
  const url = new URL(`http://localhost${path}`);
  for (const [name, value] of call.query) url.searchParams.append(name, value);
  const headers = new Headers({ "Accept-Language": call.language, Origin: "http://localhost" });
  if (call.who !== "anonymous") headers.set("Cookie", w.cookies[call.who]!);
  const body = call.body;
  if (!body) return new Request(url, { method: call.method, headers });
  let payload: BodyInit;
  if (body.kind === "form") {
    payload = new URLSearchParams(body.fields);
  } else if (body.kind === "multipart") {
    const form = new FormData();
    for (const [name, value] of body.fields) form.append(name, value);
    for (const file of body.files)
      form.append(file.field, new Blob([w.files[file.content]], { type: file.type }), file.name);
    payload = form;
  } else if (body.kind === "json") {
    headers.set("Content-Type", "application/json");
    payload = JSON.stringify(body.value);
  } else {
    // Bytes, so that fetch adds no Content-Type of its own.
    payload = new TextEncoder().encode(body.text);
    if (body.contentType) headers.set("Content-Type", body.contentType);
  }
  return new Request(url, { method: call.method, headers, body: payload });
}

interface Outcome {
  status: number;
  thrown: boolean;
  response: Response | null;
}

async function settle(run: () => unknown): Promise<Outcome> {
  try {
    const result = await run();
    return result instanceof Response
      ? { status: result.status, thrown: false, response: result }
      : { status: 200, thrown: false, response: null };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, thrown: true, response: thrown };
    const error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    return { status: 500, thrown: true, response: new Response(`threw: ${error}`) };
  }
}

// ---- What a translated message is ----------------------------------------------------

/** Every key of the Chinese locale, plural forms under their base key too. */
const KNOWN_KEYS = new Set<string>();
(function collect(node: unknown, prefix: string) {
  if (typeof node === "string") {
    KNOWN_KEYS.add(prefix);
    KNOWN_KEYS.add(prefix.replace(/_(zero|one|two|few|many|other)$/, ""));
  } else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node))
      collect(value, prefix ? `${prefix}.${key}` : key);
})(zhCN, "");

/** Replies that are for machines, in English by design. */
const ENGLISH_ONLY = new Set(["webhooks.stripe"]);
/**
 * Replies whose messages at these paths are i18n keys that the page translates
 * (`useMessage`): the bulk edit's every message, the import's problems per row.
 */
const KEYED_MESSAGES: Record<string, RegExp> = {
  "seller.products.bulk": /./,
  "seller.products.bulk.check": /./,
  "office.records.import": /^reply\.problems\[\]\.message$/,
  "office.records.import.check": /^reply\.problems\[\]\.message$/,
};
const MESSAGE_FIELDS = new Set(["message", "alert", "notice", "error"]);
const KEY_SHAPE = /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)+$/;
const HAN = /[\u3400-\u9fff]/;

function isKnownKey(message: string): boolean {
  return KNOWN_KEYS.has(messageParts(message).key);
}

/**
 * Text a person can read: not an i18n key (or "key|{json}"), no
 * "{{placeholder}}" left over, and Chinese in a Chinese request.
 */
function textProblem(text: string, language: Call["language"]): string | null {
  if (KEY_SHAPE.test(messageParts(text).key)) return `raw i18n key ${JSON.stringify(text)}`;
  if (/\{\{|\$t\(/.test(text)) return `untranslated placeholder in ${JSON.stringify(text)}`;
  if (language === "zh-CN" && !HAN.test(text))
    return `not Chinese in a zh-CN request: ${JSON.stringify(text.slice(0, 200))}`;
  return null;
}

async function replyProblems(route: RouteUnderTest, call: Call, outcome: Outcome) {
  const problems: string[] = [];
  const response = outcome.response;
  if (!response) return problems;
  const text = await response.clone().text();
  if (ENGLISH_ONLY.has(route.id)) return problems;
  const isJson = (response.headers.get("Content-Type") ?? "").includes("json");
  if (!isJson) {
    // An empty thrown 4xx shows the error page, which is translated by status.
    if (text === "") {
      if (!outcome.thrown)
        problems.push("a returned 4xx with an empty body: the page says nothing");
      return problems;
    }
    const problem = textProblem(text, call.language);
    if (problem) problems.push(problem);
    return problems;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [`not JSON: ${text.slice(0, 200)}`];
  }
  let messages = 0;
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
    if (!node || typeof node !== "object" || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}.${key}`;
      if (key === "values") continue; // what the person typed, echoed back
      if (key === "fieldErrors" && value && typeof value === "object") {
        for (const [field, list] of Object.entries(value)) {
          if (!Array.isArray(list) || list.some((m) => typeof m !== "string"))
            problems.push(`${at}.${field} is not a list of messages`);
          else
            for (const message of list as string[]) {
              messages++;
              if (!isKnownKey(message))
                problems.push(`${at}.${field}: ${JSON.stringify(message)} is not a known i18n key`);
            }
        }
      } else if (MESSAGE_FIELDS.has(key) && typeof value === "string") {
        messages++;
        if (KEYED_MESSAGES[route.id]?.test(at.replace(/\[\d+\]/g, "[]"))) {
          if (!isKnownKey(value))
            problems.push(`${at}: ${JSON.stringify(value)} is not a known key`);
        } else {
          const problem = textProblem(value, call.language);
          if (problem) problems.push(`${at}: ${problem}`);
        }
      } else walk(value, at);
    }
  };
  walk(data, "reply");
  if (messages === 0) problems.push(`a 4xx that tells the person nothing: ${text.slice(0, 200)}`);
  return problems;
}

// ---- The database and the uploads, before and after ---------------------------------

/** Not compared (see the header): a refused sign-in logs its attempt; sessions move on reads. */
const NOT_COMPARED = new Set(["login_attempts", "sessions"]);
/** What an audited read (an export) or an audited refusal (a failed sign-in) writes. */
const AUDIT_TABLES = new Set(["audit_log", "sqlite_sequence"]);
/** Refusals that are audited by design: "login.failed" and "login.blocked". */
const AUDITED_REFUSALS = new Set(["_auth.login"]);
const TABLES = (
  sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%'",
    )
    .all() as { name: string }[]
).map((t) => t.name);

function tableDigests(): Map<string, string> {
  const digests = new Map<string, string>();
  for (const table of TABLES) {
    const rows = sqlite.prepare(`select * from "${table}"`).raw().all();
    digests.set(
      table,
      JSON.stringify(rows, (_key, value: unknown) =>
        Buffer.isBuffer(value) ? value.toString("hex") : value,
      ),
    );
  }
  return digests;
}

const dataVersion = () => sqlite.pragma("data_version", { simple: true }) as number;

function uploadedFiles(): string[] {
  const dir = process.env.UPLOAD_DIR!;
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((path) => /\.\w+$/.test(path))
    .sort();
}

let snapshot: Database.Database;
let pristine: Map<string, string>;
let pristineFiles: string[];
let lastVersion = 0;

/** Sessions seen just now, so that no read needs to move their last-seen time. */
function freshenSessions() {
  db.update(sessions).set({ lastSeenAt: new Date() }).run();
  lastVersion = dataVersion();
}

/** Puts the database and the uploads back as they were when the world was built. */
async function restore() {
  await snapshot.backup(DATABASE_PATH);
  for (const path of uploadedFiles())
    if (!pristineFiles.includes(path)) rmSync(join(process.env.UPLOAD_DIR!, path));
  freshenSessions();
}

// ---- One call, all its checks ---------------------------------------------------------

const statuses = new Map<string, Map<number, number>>();

async function exercise(
  route: RouteUnderTest,
  kind: "action" | "loader",
  call: Call,
): Promise<Outcome> {
  const handler = route[kind]!;
  const logged = vi.mocked(console.error).mock.calls.length;
  const request = requestFor(route, call, world);
  const outcome = await settle(() =>
    handler({ request, params: call.params, context: { clientIp: call.ip } }),
  );
  const key = `${kind} ${route.url}`;
  const counts = statuses.get(key) ?? new Map<number, number>();
  counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  statuses.set(key, counts);

  const problems: string[] = [];
  const errors = vi.mocked(console.error).mock.calls.slice(logged);
  if (errors.length > 0) {
    problems.push(`console.error: ${errors.map((args) => String(args[0])).join(" | ")}`);
    vi.mocked(console.error).mockClear();
  }
  const { status } = outcome;
  if (status >= 500 || status < 200) {
    const body = outcome.response ? await outcome.response.clone().text() : "";
    problems.push(`status ${status}: ${body.slice(0, 1500)}`);
  } else if (status >= 300 && status < 400) {
    const location = outcome.response?.headers.get("Location") ?? "";
    if (!/^\/(?![/\\])/.test(location) && !location.startsWith("https://checkout.stripe.com/"))
      problems.push(`redirect off this site: ${JSON.stringify(location)}`);
  } else if (status >= 400) {
    problems.push(...(await replyProblems(route, call, outcome)));
  }
  if (route.id === "webhooks.stripe" && kind === "action" && ![400, 405, 413].includes(status))
    problems.push(`an unsigned webhook answered ${status}, not 400`);

  const mustNotWrite = status >= 400 || kind === "loader";
  if (dataVersion() !== lastVersion) {
    const now = tableDigests();
    const changed = TABLES.filter((t) => now.get(t) !== pristine.get(t));
    // An export (a read) and a refused sign-in are audited by design, and write nothing more.
    const allowed =
      (kind === "loader" && status < 300) || (kind === "action" && AUDITED_REFUSALS.has(route.id))
        ? AUDIT_TABLES
        : new Set<string>();
    const compared = changed.filter((t) => !NOT_COMPARED.has(t) && !allowed.has(t));
    if (mustNotWrite && compared.length > 0)
      problems.push(`answered ${status} but changed ${compared.join(", ")}`);
    if (changed.length > 0) await restore();
    else lastVersion = dataVersion();
  }
  const left = uploadedFiles().filter((f) => !pristineFiles.includes(f));
  if (left.length > 0) {
    if (mustNotWrite && left.length > 0)
      problems.push(`answered ${status} but left files: ${left.join(", ")}`);
    await restore();
  }
  if (problems.length > 0) throw new Error(`${kind} ${route.id}: ${problems.join("\n")}`);
  return outcome;
}

// ---- The runs -------------------------------------------------------------------------

let routes: RouteUnderTest[] = [];
let pools: Pools;

beforeAll(async () => {
  stripe.listen({ onUnhandledRequest: "error" });
  routes = await discoverRoutes();
  world = await buildWorld(routes);
  pools = {
    ids: world.ids,
    literals: [...new Set(routes.flatMap((r) => r.literals))].sort(),
    names: [...new Set(routes.flatMap((r) => r.names))].sort(),
    emails: [
      ...PEOPLE.map((p) => `${p}@example.com`),
      "OFFICE@EXAMPLE.COM ",
      "a@b",
      "@",
      `${"x".repeat(300)}@example.com`,
      "joiner@example.com",
    ],
  };
  const file = join(scratch, "snapshot.db");
  await sqlite.backup(file);
  snapshot = new Database(file, { readonly: true });
  pristine = tableDigests();
  pristineFiles = uploadedFiles();
  freshenSessions();
}, 120_000);

afterAll(() => {
  stripe.close();
  snapshot?.close();
  sqlite.close();
  if (process.env.FUZZ_REPORT) {
    const lines = [...statuses].map(
      ([route, counts]) =>
        `${route.padEnd(48)} ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(" ")}`,
    );
    process.stdout.write(`fuzz statuses (seed ${SEED}):\n${lines.join("\n")}\n`);
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe("route discovery", () => {
  it("finds every route module with an action, and maps file names to URLs", () => {
    const declared = readdirSync(ROUTES).filter((file) =>
      /export (async )?function action\b|export const action\b|export \{[^}]*\baction\b/.test(
        readFileSync(join(ROUTES, file), "utf8"),
      ),
    );
    expect(
      routes
        .filter((r) => r.action)
        .map((r) => r.id)
        .sort(),
    ).toEqual(declared.map((file) => file.replace(/\.tsx?$/, "")).sort());
    expect(urlOfRoute("seller.products.$id.stock")).toEqual({
      url: "/seller/products/:id/stock",
      params: ["id"],
    });
    expect(urlOfRoute("_auth.login").url).toBe("/login");
    expect(urlOfRoute("progress[.json]").url).toBe("/progress.json");
    expect(urlOfRoute("_store.$")).toEqual({ url: "/*", params: ["*"] });
    expect(routes.find((r) => r.id === "buyer.cart")!.names).toEqual(
      expect.arrayContaining(["productId", "qty", "idempotencyKey"]),
    );
  });
});

describe("the valid forms the fuzz starts from", () => {
  it("get past each route's door for someone, so that the fuzz reaches the models", async () => {
    const stuck: string[] = [];
    for (const [id, bases] of Object.entries(baseForms(world))) {
      const route = routes.find((r) => r.id === id);
      if (!route?.action) {
        stuck.push(`${id}: no such route with an action`);
        continue;
      }
      for (const base of bases) {
        const seen = new Set<number>();
        for (const who of PEOPLE) {
          const own = ownIdsFor(route, world)[0] ?? "1";
          const request = requestFor(
            route,
            {
              who,
              language: "zh-CN",
              method: "POST",
              ip: "203.0.113.9",
              params: Object.fromEntries(route.params.map((name) => [name, own])),
              query: Object.entries(base.query ?? {}),
              body: base.files
                ? {
                    kind: "multipart",
                    fields: Object.entries(base.fields),
                    files: Object.entries(base.files).map(([field, content]) => ({
                      field,
                      name: `upload.${content}`,
                      type: "",
                      content,
                    })),
                  }
                : { kind: "form", fields: Object.entries(base.fields) },
            },
            world,
          );
          const outcome = await settle(() =>
            route.action!({
              request,
              params: Object.fromEntries(route.params.map((n) => [n, own])),
              context: {},
            }),
          );
          seen.add(outcome.status);
          if (dataVersion() !== lastVersion || uploadedFiles().length !== pristineFiles.length)
            await restore();
          if (![302, 403, 404].includes(outcome.status)) break;
        }
        if ([...seen].every((status) => [302, 403, 404].includes(status)))
          stuck.push(`${id} ${JSON.stringify(base.fields).slice(0, 60)}: ${[...seen].join(", ")}`);
      }
    }
    expect(stuck).toEqual([]);
  }, 120_000);
});

/** One request by hand, through the same checks as the fuzzed ones. */
function byHand(id: string, call: Partial<Call> & Pick<Call, "who" | "body">): Promise<Outcome> {
  const route = routes.find((r) => r.id === id)!;
  return exercise(route, call.body ? "action" : "loader", {
    language: "zh-CN",
    method: call.body ? "POST" : "GET",
    ip: "203.0.113.8",
    params: {},
    query: [],
    ...call,
  });
}

describe("what the fuzz found, by hand", () => {
  it("a JSON body to a form action is a translated 400, not a 500", async () => {
    const outcome = await byHand("_auth.login", {
      who: "anonymous",
      body: { kind: "json", value: { email: "coop@example.com", password: "demo-password" } },
    });
    expect(outcome.status).toBe(400);
    expect(await outcome.response!.text()).toBe("提交的内容无效，请检查后重试。");
  });

  it("a multipart part without a field name is a 400, not a 500", async () => {
    const outcome = await byHand("buyer.records", {
      who: "unit",
      body: {
        kind: "multipart",
        fields: [],
        files: [{ field: "", name: "a.pdf", type: "", content: "pdf" }],
      },
    });
    expect(outcome.status).toBe(400);
  });

  it("a photo upload with a text field over 1 KB is a 413, not a 500", async () => {
    const outcome = await byHand("seller.products.$id.photos.upload", {
      who: "coop",
      params: { id: String(world.coopProduct) },
      body: { kind: "multipart", fields: [["note", LONG.latin]], files: [] },
    });
    expect(outcome.status).toBe(413);
  });

  it("an outside sale naming no seller, jurisdiction or county is refused before anything is stored", async () => {
    const outcome = await byHand("office.records._index", {
      who: "office",
      body: {
        kind: "multipart",
        fields: Object.entries({
          ...baseForms(world)["buyer.records"]![0]!.fields,
          buyerType: "budget_unit",
          jurisdictionCode: "999999",
          kind: "purchase",
          sellerOrgId: String(world.org.unit),
          countyCode: "350102",
        }),
        files: [{ field: "evidence", name: "a.pdf", type: "", content: "pdf" }],
      },
    });
    expect(outcome.status).toBe(400);
    expect((await outcome.response!.json()).fieldErrors).toEqual({
      sellerOrgId: ["forms.choose"],
      jurisdictionCode: ["forms.choose"],
      countyCode: ["forms.choose"],
    });
  });

  it("a pairing or target naming no jurisdiction or county is a 400, not a 500", async () => {
    for (const fields of [
      { intent: "save-pairing", jurisdictionCode: "350121", countyCode: "350102" },
      { intent: "save-pairing", jurisdictionCode: "999999", countyCode: "" },
      { ...baseForms(world)["office.targets"]![1]!.fields, "target-999999": "1000" },
    ]) {
      const outcome = await byHand("office.targets", {
        who: "office",
        body: { kind: "form", fields: Object.entries(fields) },
      });
      expect(outcome.status, JSON.stringify(fields)).toBe(400);
    }
  });

  it("an import naming Object.prototype's members as buyer type, kind or channel is refused at the check", async () => {
    const csv = new TextDecoder()
      .decode(world.files.importCsv)
      .replace(",预算单位,", ",constructor,")
      .replace(",采购,线下,", ",toString,valueOf,");
    const route = routes.find((r) => r.id === "office.records.import.check")!;
    const form = new FormData();
    form.append("file", new Blob([csv]), "import.csv");
    const request = new Request("http://localhost/office/records/import/check", {
      method: "POST",
      headers: { Cookie: world.cookies.office! },
      body: form,
    });
    const reply = (await route.action!({ request, params: {}, context: {} })) as Response;
    expect(reply.status).toBe(400);
    const { problems } = (await reply.json()) as { problems: { message: string }[] };
    expect(problems.map((p) => p.message)).toEqual([
      "import.buyerType",
      "import.kind",
      "import.channel",
    ]);
    await restore();
  });

  it("a file kind named like Object.prototype's members is a 404, not a 500", async () => {
    for (const kind of ["__proto__", "constructor", "toString"]) {
      const outcome = await byHand("orders.$id.files.$kind", {
        who: "unit",
        params: { id: String(world.orders.unitBank), kind },
        body: null,
      });
      expect(outcome.status).toBe(404);
    }
  });
});

/** Each route file by name, listed when the tests are collected. */
const ROUTE_IDS = readdirSync(ROUTES)
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => file.replace(/\.tsx?$/, ""));

function fuzz(kind: "action" | "loader", numRuns: number) {
  return async (id: string) => {
    const route = routes.find((r) => r.id === id);
    if (!route?.[kind]) return;
    const calls = (kind === "action" ? actionCall : loaderCall)(route, pools, world);
    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        await exercise(route, kind, call);
      }),
      { numRuns, seed: SEED, interruptAfterTimeLimit: 50_000 },
    );
  };
}

describe("every action, with bad input", () => {
  it.each(ROUTE_IDS)("%s", fuzz("action", RUNS), 60_000);
});

describe("every loader, with bad parameters", () => {
  it.each(ROUTE_IDS)("%s", fuzz("loader", Math.ceil(RUNS / 2)), 60_000);
});
