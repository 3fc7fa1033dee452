import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "~/server/csrf";
import { securityHeaders } from "~/server/headers";

const base = { host: "shop.example.cn", origin: undefined, secFetchSite: undefined };

describe("cross-site writes", () => {
  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isCrossSiteWrite({ ...base, method, secFetchSite: "cross-site" })).toBe(false);
    }
  });

  it("refuses writes the browser marks cross-site", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(true);
  });

  it("refuses writes from a foreign or opaque origin", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "https://evil.example" })).toBe(
      true,
    );
    expect(
      isCrossSiteWrite({
        ...base,
        method: "DELETE",
        origin: "https://shop.example.cn.evil.example",
      }),
    ).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "null" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "not a url" })).toBe(true);
  });

  it("accepts same-origin writes and old browsers that send neither header", () => {
    expect(
      isCrossSiteWrite({
        ...base,
        method: "POST",
        origin: "https://shop.example.cn",
        secFetchSite: "same-origin",
      }),
    ).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST" })).toBe(false);
  });
});

describe("security headers", () => {
  it("sets a nonce-based CSP that forbids framing", () => {
    const headers = securityHeaders({ nonce: "abc123", production: false });
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
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
});
