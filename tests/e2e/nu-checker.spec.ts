import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, signOut } from "./auth";

/**
 * The W3C Nu HTML checker (npm's vnu-jar, run offline on Java) on a page of
 * each area in both languages. Pages are checked as the exact bytes the
 * server sent, not the browser's re-serialised DOM, so broken bytes (U+0000)
 * and markup the parser would silently repair are both caught. The checker
 * runs once per test: its JVM takes about a second to start.
 */

const VNU_JAR = resolve("node_modules/vnu-jar/build/dist/vnu.jar");
const LANGUAGES = ["zh-CN", "en"] as const;

interface NuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

/** Pages saved to a temporary folder, each file named after its language and path. */
class PageBatch {
  private readonly labels = new Map<string, string>();
  private constructor(private readonly dir: string) {}

  static async create(): Promise<PageBatch> {
    return new PageBatch(await mkdtemp(join(tmpdir(), "fdx-nu-")));
  }

  /** Fetches `path` in every language and keeps the response's raw bytes. */
  async add(request: APIRequestContext, path: string): Promise<void> {
    for (const language of LANGUAGES) {
      const response = await request.get(path, {
        headers: { "Accept-Language": language },
        maxRedirects: 0,
      });
      expect(response.status(), `${language} ${path}`).toBe(200);
      expect(response.headers()["content-type"], `${language} ${path}`).toMatch(/^text\/html/);
      const file = join(this.dir, `${String(this.labels.size).padStart(2, "0")}-${language}.html`);
      await writeFile(file, await response.body());
      this.labels.set(file, `${language} ${path}`);
    }
  }

  /** Runs the checker once on every saved page; each error as "<language> <path>:<line>:<column> <message>". */
  async errors(): Promise<string[]> {
    const files = [...this.labels.keys()];
    const messages = await runVnu(files);
    return messages.map((m) => {
      const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : "";
      const where = `${this.labels.get(file) ?? file}:${m.lastLine ?? "?"}:${m.firstColumn ?? "?"}`;
      const extract = m.extract ? ` «${m.extract.replace(/\s+/g, " ").trim().slice(0, 120)}»` : "";
      return `${where} ${m.type}: ${m.message}${extract}`;
    });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** The checker's errors for the given files (it exits 1 when it found some, which is not a failure here). */
function runVnu(files: string[]): Promise<NuMessage[]> {
  return new Promise((done, fail) => {
    execFile(
      "java",
      ["-jar", VNU_JAR, "--errors-only", "--format", "json", "--stdout", ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && "code" in error ? error.code : 0;
        if (code === "ENOENT")
          return fail(
            new Error(
              "java not found: the Nu checker needs Java (apt-get install -y --no-install-recommends default-jre-headless)",
            ),
          );
        if (code !== 0 && code !== 1)
          return fail(new Error(`vnu failed (${String(code)}): ${stderr || stdout}`));
        try {
          done((JSON.parse(stdout) as { messages: NuMessage[] }).messages);
        } catch {
          fail(new Error(`vnu printed no JSON report: ${stderr || stdout}`));
        }
      },
    );
  });
}

/** The first link on `from` whose path matches `pattern` (one capture group: the path). */
async function firstLink(request: APIRequestContext, from: string, pattern: RegExp) {
  const html = await (await request.get(from)).text();
  const path = pattern.exec(html)?.[1];
  expect(path, `a link matching ${pattern} on ${from}`).toBeTruthy();
  return path!;
}

test("public pages pass the W3C Nu HTML checker in both languages", async ({ request }) => {
  const batch = await PageBatch.create();
  try {
    const product = await firstLink(request, "/products", /href="(\/products\/\d+)"/);
    for (const path of [
      "/",
      "/products",
      product,
      "/progress",
      "/counties",
      "/counties/621121",
      "/about",
      "/login",
      "/signup",
      "/complaints/new",
    ]) {
      await batch.add(request, path);
    }
    expect(await batch.errors()).toEqual([]);
  } finally {
    await batch.remove();
  }
});

/**
 * A purchaser puts one product (通渭苦荞茶, whose cooperative no other journey
 * signs in for) in the cart at its minimum quantity and places the order, so
 * the cart and the order page both have content.
 */
async function placeSmallOrder(page: Page, batch: PageBatch): Promise<string> {
  await page.goto(`/products?county=621121&q=${encodeURIComponent("苦荞茶")}`);
  await page.locator(".product-card a").first().click();
  await page.getByLabel(/采购数量/).fill("20");
  await page.getByRole("button", { name: "加入购物车" }).click();
  await expect(page).toHaveURL(/\/buyer\/cart/);
  await batch.add(page.request, "/buyer/cart");
  await page.getByRole("button", { name: /提交订单/ }).click();
  await expect(page).toHaveURL(/\/buyer\/orders\?placed=/);
  return firstLink(page.request, page.url(), /href="(\/buyer\/orders\/\d+)"/);
}

test("signed-in pages of each area and an order page pass the W3C Nu HTML checker in both languages", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const batch = await PageBatch.create();
  try {
    await signIn(page, "unit@example.com");
    const order = await placeSmallOrder(page, batch);
    for (const path of ["/buyer", "/buyer/orders", order]) await batch.add(page.request, path);
    await signOut(page);

    await signIn(page, "coop@example.com");
    for (const path of ["/seller", "/seller/products", "/seller/products/new"])
      await batch.add(page.request, path);
    await signOut(page);

    await signIn(page, "office@example.com");
    const officeOrder = order.replace("/buyer/", "/office/");
    for (const path of ["/office", "/office/orders", officeOrder, "/account"])
      await batch.add(page.request, path);
    await signOut(page);

    expect(await batch.errors()).toEqual([]);
  } finally {
    await batch.remove();
  }
});
