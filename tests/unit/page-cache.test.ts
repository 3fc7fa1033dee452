import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import {
  acceptsGzip,
  cachedPage,
  cacheKey,
  isCacheableRequest,
  isShareable,
  matchesETag,
  PageCache,
  pagePathOf,
} from "~/server/page-cache";
import { shanghaiDate } from "~/domain/dates";

const anonymous = new Set<string>();

describe("which requests the page cache may answer", () => {
  it("anonymous GET and HEAD of the public pages, with any query", () => {
    for (const url of [
      "/",
      "/products",
      "/products?county=621102&q=%E5%BD%93%E5%BD%92&page=2",
      "/products/12",
      "/counties/621126",
      "/progress",
      "/progress?year=2025",
      "/progress.json",
      "/products.data?_routes=routes%2F_store.products._index",
      "/_root.data",
    ]) {
      expect(isCacheableRequest({ method: "GET", url, cookieNames: anonymous }), url).toBe(true);
    }
    expect(isCacheableRequest({ method: "HEAD", url: "/", cookieNames: anonymous })).toBe(true);
  });

  it("never a signed-in request, another method or another page", () => {
    const page = { method: "GET", url: "/products" };
    expect(isCacheableRequest({ ...page, cookieNames: new Set(["lng"]) })).toBe(true);
    expect(isCacheableRequest({ ...page, cookieNames: new Set(["session"]) })).toBe(false);
    expect(isCacheableRequest({ ...page, cookieNames: new Set(["lng", "__Host-session"]) })).toBe(
      false,
    );
    expect(isCacheableRequest({ ...page, cookieNames: new Set(["anything"]) })).toBe(false);
    expect(isCacheableRequest({ method: "POST", url: "/products", cookieNames: anonymous })).toBe(
      false,
    );
    for (const url of ["/buyer", "/buyer/cart", "/office", "/login", "/about", "/products/1/x"]) {
      expect(isCacheableRequest({ method: "GET", url, cookieNames: anonymous }), url).toBe(false);
    }
    expect(pagePathOf("/products.data")).toBe("/products");
  });

  it("keys by data version, Shanghai date, language and the whole URL", () => {
    const base = { url: "/products?q=1", language: "zh-CN", dataVersion: 7, today: "2026-12-04" };
    const key = cacheKey(base);
    expect(cacheKey({ ...base })).toBe(key);
    expect(cacheKey({ ...base, dataVersion: 8 })).not.toBe(key);
    expect(cacheKey({ ...base, language: "en" })).not.toBe(key);
    expect(cacheKey({ ...base, url: "/products?q=2" })).not.toBe(key);
    expect(cacheKey({ ...base, today: "2026-12-05" })).not.toBe(key);
  });

  it("the date in the key turns at midnight in Shanghai (16:00 UTC), when certifications expire", () => {
    expect(shanghaiDate(new Date("2026-12-04T15:59:59.999Z"))).toBe("2026-12-04");
    expect(shanghaiDate(new Date("2026-12-04T16:00:00.000Z"))).toBe("2026-12-05");
  });
});

describe("what is stored", () => {
  const html = Buffer.from("<!DOCTYPE html><p>定西</p>");
  const source = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "script-src 'self' 'sha256-x'",
    "Cache-Control": "public, max-age=60",
    Vary: "Cookie",
  });

  it("only plain 200s without cookies or private caching are shared", () => {
    expect(isShareable(200, new Headers())).toBe(true);
    expect(isShareable(404, new Headers())).toBe(false);
    expect(isShareable(200, new Headers({ "Set-Cookie": "lng=en" }))).toBe(false);
    expect(isShareable(200, new Headers({ "Cache-Control": "private, no-store" }))).toBe(false);
    expect(isShareable(200, new Headers({ "Cache-Control": "no-store" }))).toBe(false);
  });

  it("keeps the page's headers, revalidates every time, and gzips once", () => {
    const page = cachedPage(200, source, html);
    const headers = new Map(page.headers.map(([name, value]) => [name.toLowerCase(), value]));
    expect(headers.get("cache-control")).toBe("no-cache");
    expect(headers.get("content-security-policy")).toBe("script-src 'self' 'sha256-x'");
    expect(headers.get("etag")).toBe(page.etag);
    expect(headers.get("vary")).toBe("Cookie, Accept-Language, Accept-Encoding");
    expect(gunzipSync(page.gzip).equals(html)).toBe(true);
    expect(cachedPage(200, source, Buffer.from("other")).etag).not.toBe(page.etag);
    expect(cachedPage(200, source, html).etag).toBe(page.etag);
  });

  it("matches If-None-Match and Accept-Encoding as HTTP says", () => {
    expect(matchesETag('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesETag("*", '"b"')).toBe(true);
    expect(matchesETag('"a"', '"b"')).toBe(false);
    expect(matchesETag(undefined, '"b"')).toBe(false);
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1, gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("PageCache", () => {
  const page = (text: string) => cachedPage(200, new Headers(), Buffer.from(text));

  it("renders once for concurrent misses of one key", async () => {
    const cache = new PageCache(1024 * 1024);
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return page("x");
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => cache.getOrRender("k", render)),
    );
    expect(renders).toBe(1);
    expect(results.filter((r) => r.rendered)).toHaveLength(1);
    expect(new Set(results.map((r) => r.page?.etag)).size).toBe(1);
    expect((await cache.getOrRender("k", render)).rendered).toBe(false);
    expect(renders).toBe(1);
  });

  it("does not store what may not be shared, and renders again next time", async () => {
    const cache = new PageCache(1024 * 1024);
    let renders = 0;
    const render = async () => {
      renders += 1;
      return null;
    };
    expect((await cache.getOrRender("k", render)).page).toBeNull();
    await cache.getOrRender("k", render);
    expect(renders).toBe(2);
  });

  it("a failed render is not stored and the next request tries again", async () => {
    const cache = new PageCache(1024 * 1024);
    await expect(cache.getOrRender("k", () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect((await cache.getOrRender("k", async () => page("y"))).rendered).toBe(true);
  });

  it("keeps within its byte budget, least recently used out first", () => {
    const one = page("a".repeat(400));
    const size = one.body.length + one.gzip.length + 1;
    const cache = new PageCache(size * 2);
    cache.set("a", one);
    cache.set("b", page("b".repeat(400)));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("c", page("c".repeat(400)));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(size * 2);
  });
});
