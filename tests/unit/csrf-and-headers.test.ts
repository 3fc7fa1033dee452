import express from "express";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCrossSiteWrite, siteOrigins } from "~/server/csrf";
import {
  cookieNames,
  noStoreWhenSignedIn,
  securityHeaders,
  STRICT_CSP,
  withSecurityHeaders,
} from "~/server/headers";

const site = siteOrigins("https://shop.example.cn");
const base = { origin: undefined, secFetchSite: undefined };
const post = (origin: string | undefined, accepted = site) =>
  isCrossSiteWrite({ ...base, method: "POST", origin }, accepted);

describe("cross-site writes", () => {
  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isCrossSiteWrite({ ...base, method, secFetchSite: "cross-site" }, site)).toBe(false);
    }
  });

  it("refuses writes the browser marks cross-site", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "cross-site" }, site)).toBe(
      true,
    );
  });

  it("refuses writes from a foreign or opaque origin", () => {
    expect(post("https://evil.example")).toBe(true);
    expect(
      isCrossSiteWrite(
        { ...base, method: "DELETE", origin: "https://shop.example.cn.evil.example" },
        site,
      ),
    ).toBe(true);
    expect(post("null")).toBe(true);
    expect(post("not a url")).toBe(true);
  });

  it("compares the whole origin: the scheme and the port count, not only the host", () => {
    expect(post("http://shop.example.cn")).toBe(true);
    expect(post("https://shop.example.cn:8443")).toBe(true);
    expect(post("https://www.shop.example.cn")).toBe(true);
    expect(post("https://shop.example.cn")).toBe(false);
    expect(post("https://shop.example.cn:443")).toBe(false);
    expect(post("HTTPS://SHOP.EXAMPLE.CN")).toBe(false);
    // A loopback name is not this site when the site is public.
    expect(post("https://localhost")).toBe(true);
  });

  it("accepts same-origin writes and old browsers that send neither header", () => {
    expect(
      isCrossSiteWrite(
        { method: "POST", origin: "https://shop.example.cn", secFetchSite: "same-origin" },
        site,
      ),
    ).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST" }, site)).toBe(false);
  });

  it("on a loopback site, accepts every loopback name on the same scheme and port", () => {
    const local = siteOrigins("http://localhost:3000");
    expect([...local].sort()).toEqual([
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
      "http://localhost:3000",
    ]);
    for (const origin of local) expect(post(origin, local)).toBe(false);
    expect(post("http://127.0.0.1:3001", local)).toBe(true);
    expect(post("https://127.0.0.1:3000", local)).toBe(true);
    expect(post("http://192.168.1.5:3000", local)).toBe(true);
    expect(post("http://localhost.evil.example:3000", local)).toBe(true);
    // The same from the other side: the e2e server's PUBLIC_ORIGIN is http://127.0.0.1:3210.
    expect(post("http://localhost:3210", siteOrigins("http://127.0.0.1:3210"))).toBe(false);
    expect(siteOrigins("https://[::1]")).toEqual(
      new Set(["https://[::1]", "https://localhost", "https://127.0.0.1"]),
    );
  });
});

describe("security headers", () => {
  it("sets a CSP allowing the page's inline scripts by hash, that forbids framing", () => {
    const headers = securityHeaders({
      scriptHashes: ["'sha256-a'", "'sha256-b'"],
      production: false,
    });
    expect(headers["Content-Security-Policy"]).toContain(
      "script-src 'self' 'sha256-a' 'sha256-b';",
    );
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });
  it("adds HSTS in production", () => {
    expect(securityHeaders({ production: true })["Strict-Transport-Security"]).toMatch(
      /max-age=\d+/,
    );
  });
  it("reads the names of the cookies a request carries", () => {
    expect(cookieNames("lng=en; __Host-session=abc ;session=; x")).toEqual(
      new Set(["lng", "__Host-session"]),
    );
    expect(cookieNames(undefined)).toEqual(new Set());
  });
});

/**
 * The two Express middlewares on a small app answering the ways the real
 * server does: res.send, res.json, a redirect, a file, writeHead with its own
 * headers, and a page that set its own CSP and caching.
 */
describe("headers on every response", () => {
  let port = 0;
  let close: () => void = () => {};
  beforeAll(async () => {
    const app = express();
    app.use(withSecurityHeaders({ production: true }));
    app.use(noStoreWhenSignedIn());
    app.get("/text", (_req, res) => {
      res.status(413).type("text/plain").send("too large");
    });
    app.get("/json", (_req, res) => {
      res.set("Cache-Control", "public, max-age=600").json({ ok: true });
    });
    app.get("/redirect", (_req, res) => res.redirect(303, "/json"));
    app.get("/file", (_req, res) => res.sendFile(new URL(import.meta.url).pathname));
    app.get("/raw", (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/pdf", "Cache-Control": "max-age=60" });
      res.end("%PDF-");
    });
    app.get("/page", (_req, res) => {
      res.set({
        "Content-Security-Policy": "default-src 'self'; script-src 'nonce-x'",
        "Cache-Control": "public, max-age=300",
      });
      res.type("html").send("<!doctype html><title>x</title>");
    });
    app.post("/sign-in", (_req, res) => {
      res.cookie("__Host-session", "new-id", { secure: true, httpOnly: true });
      res.set("Cache-Control", "public, max-age=60").redirect(303, "/page");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((done) => server.once("listening", done));
    port = (server.address() as AddressInfo).port;
    close = () => server.close();
  });
  afterAll(() => close());

  function get(path: string, headers: Record<string, string> = {}, method = "GET") {
    return new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("gives JSON, files, plain-text errors and redirects the headers and a strict CSP", async () => {
    for (const path of ["/text", "/json", "/redirect", "/file", "/raw"]) {
      const { headers } = await get(path);
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["content-security-policy"], path).toBe(STRICT_CSP);
      expect(headers["strict-transport-security"], path).toMatch(/max-age=\d+/);
    }
  });

  it("keeps a page's own CSP, and its caching when nobody is signed in", async () => {
    const { headers } = await get("/page");
    expect(headers["content-security-policy"]).toBe("default-src 'self'; script-src 'nonce-x'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cache-control"]).toBe("public, max-age=300");
    expect((await get("/json", { Cookie: "lng=en" })).headers["cache-control"]).toBe(
      "public, max-age=600",
    );
  });

  it("makes every response to a signed-in request no-store, whatever the route set", async () => {
    for (const cookie of ["__Host-session=abc", "lng=en; session=abc"]) {
      for (const path of ["/page", "/json", "/raw", "/redirect", "/text"]) {
        const { headers } = await get(path, { Cookie: cookie });
        expect(headers["cache-control"], `${path} ${cookie}`).toBe("private, no-store");
        expect(headers["etag"], path).toBeUndefined();
      }
    }
  });

  it("makes the response that starts a session no-store too", async () => {
    const { status, headers } = await get("/sign-in", {}, "POST");
    expect(status).toBe(303);
    expect(headers["set-cookie"]?.[0]).toMatch(/^__Host-session=new-id/);
    expect(headers["cache-control"]).toBe("private, no-store");
  });
});
