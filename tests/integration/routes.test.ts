import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../setup/database";

// Seed the file the app itself opens (DATABASE_PATH, set per test file), then load the routes.
const seeded = freshDatabase({ file: process.env.DATABASE_PATH, ledger: true });
type Loader = (args: LoaderFunctionArgs) => unknown;
let routes: Record<string, { loader?: Loader; action?: (args: LoaderFunctionArgs) => unknown }>;

beforeAll(async () => {
  routes = {
    home: await import("~/routes/_store._index"),
    catalog: await import("~/routes/_store.products._index"),
    product: await import("~/routes/_store.products.$id"),
    county: await import("~/routes/_store.counties.$code"),
    healthz: await import("~/routes/healthz"),
    language: await import("~/routes/language"),
  };
});
afterAll(() => seeded.sqlite.close());

function args(
  url: string,
  params: Record<string, string> = {},
  init?: RequestInit,
): LoaderFunctionArgs {
  return { request: new Request(`http://localhost${url}`, init), params, context: {} };
}

async function thrownResponse(run: () => unknown): Promise<Response> {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected the loader to throw a Response");
}

describe("storefront loaders", () => {
  it("home: featured products, seven counties and this year's counted progress", async () => {
    const data = (await routes.home!.loader!(args("/"))) as {
      featured: unknown[];
      counties: { partners: string[] }[];
      progress: { countedFen: number; cityTargetFen: number };
    };
    expect(data.featured.length).toBeGreaterThan(0);
    expect(data.counties).toHaveLength(7);
    const year = new Date().getUTCFullYear();
    const counted = seeded.sqlite
      .prepare("select coalesce(sum(amount_fen), 0) from ledger_entries where year = ?")
      .pluck()
      .get(year) as number;
    expect(counted).toBeGreaterThan(0);
    expect(data.progress).toMatchObject({ countedFen: counted, cityTargetFen: 20_000_000_000 });
  });

  it("catalog: searches in Chinese and answers in the request's language", async () => {
    const zh = (await routes.catalog!.loader!(
      args(`/products?q=${encodeURIComponent("当归")}`),
    )) as {
      total: number;
      heading: string;
      products: { name: string }[];
    };
    expect(zh.total).toBeGreaterThan(0);
    expect(zh.heading).toBe("“当归”的搜索结果");
    const en = (await routes.catalog!.loader!(
      args(
        `/products?q=${encodeURIComponent("当归")}`,
        {},
        { headers: { "Accept-Language": "en" } },
      ),
    )) as typeof zh;
    expect(en.total).toBe(zh.total);
    expect(en.heading).toBe("Results for “当归”");
    expect(en.products[0]?.name).toMatch(/[A-Za-z]/);
  });

  it("catalog: explains a bad filter instead of failing", async () => {
    const data = (await routes.catalog!.loader!(args("/products?county=999999&min=abc"))) as {
      problems: string[];
      total: number;
    };
    expect(data.problems).toEqual([
      "最低价格式不正确（请填写金额，最多两位小数），已忽略。",
      "产地代码无效，已显示全部产地。",
    ]);
    expect(data.total).toBeGreaterThan(40);
  });

  it("product: unknown, malformed and hidden ids are 404", async () => {
    for (const id of ["999999", "abc", "1.5", "-1"]) {
      const response = await thrownResponse(() =>
        routes.product!.loader!(args(`/products/${id}`, { id })),
      );
      expect(response.status, id).toBe(404);
    }
    const pending = seeded.sqlite
      .prepare("select id from products where status = 'submitted'")
      .pluck()
      .get() as number;
    const response = await thrownResponse(() =>
      routes.product!.loader!(args(`/products/${pending}`, { id: String(pending) })),
    );
    expect(response.status).toBe(404);
  });

  it("county: a known code shows its products, an unknown one is 404", async () => {
    const data = (await routes.county!.loader!(args("/counties/621126", { code: "621126" }))) as {
      county: { name: string; partners: string[] };
      total: number;
    };
    expect(data.county).toMatchObject({ name: "岷县", partners: ["鼓楼区"] });
    expect(data.total).toBeGreaterThan(0);
    const response = await thrownResponse(() =>
      routes.county!.loader!(args("/counties/123456", { code: "123456" })),
    );
    expect(response.status).toBe(404);
  });
});

describe("language switch", () => {
  it("keeps the choice in a cookie and returns to the page", async () => {
    const body = new URLSearchParams({ language: "en", returnTo: "/products?q=x" });
    const response = (await routes.language!.action!(
      args("/language", {}, { method: "POST", body }),
    )) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/products?q=x");
    expect(response.headers.get("Set-Cookie")).toMatch(/^lng=/);
  });

  it("never redirects off the site", async () => {
    const body = new URLSearchParams({ language: "en", returnTo: "//evil.example/x" });
    const response = (await routes.language!.action!(
      args("/language", {}, { method: "POST", body }),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });

  it("refuses an unknown language with a translated 400", async () => {
    const body = new URLSearchParams({ language: "fr" });
    const response = (await routes.language!.action!(
      args("/language", {}, { method: "POST", body }),
    )) as Response;
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("不支持所选语言。");
  });
});

describe("/healthz", () => {
  it("answers 200 with the database reachable", async () => {
    const response = (await routes.healthz!.loader!(args("/healthz"))) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "reachable" });
  });

  it("answers 503 when the database does not answer", async () => {
    const { sqlite } = await import("~/db.server");
    sqlite.close();
    const response = (await routes.healthz!.loader!(args("/healthz"))) as Response;
    expect(response.status).toBe(503);
  });
});
