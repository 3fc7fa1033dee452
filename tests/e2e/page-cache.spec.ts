/**
 * The server's page cache is never stale: a change committed to what a
 * public page shows is on the very next request. The changes are committed
 * from a second connection to the server's database file (the way a script or
 * another process would), so nothing in the request path could have told
 * the cache: only data_version's triggers can.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import type Database from "better-sqlite3";
import { appendEntry } from "../../app/models/ledger.server";
import { openDatabase } from "../../db/client";

const DATABASE = "data/e2e.db";

interface Progress {
  counted: { totalFen: number };
}

let sqlite: Database.Database;
let db: ReturnType<typeof openDatabase>["db"];

test.beforeAll(() => {
  ({ sqlite, db } = openDatabase(DATABASE, { migrate: false }));
});
test.afterAll(() => sqlite.close());

/** A listed, certified product of the demo, whatever its id. */
function visibleProduct() {
  return sqlite
    .prepare(
      `select id, name_zh as name, price_fen as priceFen, stock from products
       where status = 'listed' and certified_until >= date('now', '+8 hours') order by id limit 1`,
    )
    .get() as { id: number; name: string; priceFen: number; stock: number };
}

async function anonymous(request: APIRequestContext, path: string) {
  const response = await request.get(path, { headers: { "Accept-Language": "zh-CN" } });
  expect(response.status(), path).toBe(200);
  return response;
}

test("public pages come from the cache and revalidate with ETag and 304", async ({ request }) => {
  const product = visibleProduct();
  const path = `/products/${product.id}`;
  await anonymous(request, path);
  const second = await anonymous(request, path);
  expect(second.headers()["x-page-cache"]).toBe("hit");
  expect(second.headers()["cache-control"]).toBe("no-cache");
  const etag = second.headers()["etag"];
  expect(etag).toMatch(/^"[\w-]+"$/);
  const revalidated = await request.get(path, {
    headers: { "Accept-Language": "zh-CN", "If-None-Match": etag! },
  });
  expect(revalidated.status()).toBe(304);
  expect(await revalidated.body()).toHaveLength(0);
  // The cached page and its policy still allow exactly its inline scripts.
  expect(second.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
  // Each language is its own page.
  const english = await request.get(path, { headers: { "Accept-Language": "en" } });
  expect(english.headers()["content-language"]).toBe("en");
  expect(english.headers()["etag"]).not.toBe(etag);
});

test("a signed-in visitor never gets a cached page", async ({ request, baseURL }) => {
  const login = await request.post("/login", {
    form: { email: "unit@example.com", password: "demo-password" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  const cookie = /(__Host-)?session=[^;]+/.exec(login.headers()["set-cookie"] ?? "")?.[0];
  expect(cookie).toBeTruthy();
  for (let i = 0; i < 2; i++) {
    const page = await request.get("/products", { headers: { Cookie: cookie! } });
    expect(page.headers()["x-page-cache"]).toBeUndefined();
    expect(page.headers()["cache-control"]).toBe("private, no-store");
    expect(page.headers()["etag"]).toBeUndefined();
  }
});

test("a price, stock, listing or certification change shows on the next request", async ({
  request,
}) => {
  const product = visibleProduct();
  const path = `/products/${product.id}`;
  const list = `/products?q=${encodeURIComponent(product.name)}`;
  const restore = sqlite
    .prepare(
      "select price_fen as priceFen, stock, status, certified_until as until from products where id = ?",
    )
    .get(product.id) as { priceFen: number; stock: number; status: string; until: string };
  try {
    await anonymous(request, path);
    expect((await anonymous(request, path)).headers()["x-page-cache"]).toBe("hit");
    await anonymous(request, list);

    // Price: 123,456.78 yuan.
    sqlite.prepare("update products set price_fen = 12345678 where id = ?").run(product.id);
    expect(await (await anonymous(request, path)).text()).toContain("123,456.78");
    expect(await (await anonymous(request, list)).text()).toContain("123,456.78");

    // Stock: 98,765.
    sqlite.prepare("update products set stock = 98765 where id = ?").run(product.id);
    expect(await (await anonymous(request, path)).text()).toContain("98,765");

    // Listing: taken off sale, the page is gone and the catalog no longer shows it.
    sqlite.prepare("update products set status = 'unlisted' where id = ?").run(product.id);
    expect((await request.get(path)).status()).toBe(404);
    expect(await (await anonymous(request, list)).text()).not.toContain("123,456.78");
    sqlite.prepare("update products set status = ? where id = ?").run(restore.status, product.id);
    expect((await anonymous(request, path)).status()).toBe(200);

    // Certification: expired yesterday, the product is no longer shown.
    sqlite
      .prepare(
        "update products set certified_until = date('now', '+8 hours', '-1 day') where id = ?",
      )
      .run(product.id);
    expect((await request.get(path)).status()).toBe(404);
  } finally {
    sqlite
      .prepare(
        "update products set price_fen = ?, stock = ?, status = ?, certified_until = ? where id = ?",
      )
      .run(restore.priceFen, restore.stock, restore.status, restore.until, product.id);
  }
  expect((await anonymous(request, path)).status()).toBe(200);
});

test("a counted entry moves /progress and /progress.json on the next request", async ({
  request,
}) => {
  const before = (await (await anonymous(request, "/progress.json")).json()) as Progress;
  expect((await anonymous(request, "/progress.json")).headers()["x-page-cache"]).toBe("hit");
  const page = await (await anonymous(request, "/progress")).text();
  const people = sqlite
    .prepare("select id from users where email in ('office@example.com', 'verifier@example.com')")
    .pluck()
    .all() as number[];
  const seller = sqlite
    .prepare(
      "select id, name_zh as name, county_code as county from organisations where side = 'seller' limit 1",
    )
    .get() as { id: number; name: string; county: string };
  const amountFen = 1_234_567;
  db.transaction((tx) =>
    appendEntry(tx, {
      countedAt: new Date(),
      amountFen,
      sourceKind: "outside_record",
      sourceRef: `page-cache-${Date.now()}`,
      buyer: {
        orgId: null,
        name: "福州某超市",
        type: "channel",
        jurisdictionCode: "350102",
        parentOrgId: null,
      },
      countyCode: seller.county,
      seller: { orgId: seller.id, name: seller.name },
      kind: "helped_sale",
      channel: "offline",
      certified: true,
      invoiceNumber: null,
      evidenceRef: null,
      recordedBy: people[0]!,
      verifiedBy: people[1]!,
    }),
  );
  const after = (await (await anonymous(request, "/progress.json")).json()) as Progress;
  expect(after.counted.totalFen - before.counted.totalFen).toBe(amountFen);
  expect(await (await anonymous(request, "/progress")).text()).not.toBe(page);
});
