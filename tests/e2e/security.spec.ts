import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";

test("HTML responses allow exactly their own inline scripts, by hash, and nothing else", async ({
  request,
}) => {
  const response = await request.get("/");
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("nonce-");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(response.headers()["strict-transport-security"]).toMatch(/max-age/);
  // Every inline script of the page, and only those, is allowed by its SHA-256.
  const html = await response.text();
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes, body]) => !/\bsrc=/.test(attributes ?? "") && body)
    .map(
      ([, , body]) =>
        `'sha256-${createHash("sha256")
          .update(body ?? "")
          .digest("base64")}'`,
    );
  expect(inline.length).toBeGreaterThan(0);
  const allowed = /script-src ([^;]+)/.exec(csp)?.[1]?.split(" ") ?? [];
  expect(allowed.filter((source) => source.startsWith("'sha256-")).sort()).toEqual(
    [...new Set(inline)].sort(),
  );
});

test("a form posted from another site is refused with a translated 403 and changes nothing", async ({
  request,
}) => {
  const form = { language: "en", returnTo: "/" };
  const foreign = await request.post("/language", {
    form,
    headers: { Origin: "https://evil.example", "Accept-Language": "zh-CN" },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toBe("请求来自其他网站，已被拒绝。请回到本站页面重新操作。");
  expect(foreign.headers()["set-cookie"]).toBeUndefined();

  const crossSite = await request.post("/language", {
    form,
    headers: { "Sec-Fetch-Site": "cross-site", "Accept-Language": "en" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("another site");

  const sameOrigin = await request.post("/language", {
    form,
    headers: { Origin: new URL(foreign.url()).origin, "Sec-Fetch-Site": "same-origin" },
    maxRedirects: 0,
  });
  expect(sameOrigin.status()).toBe(303);
  expect(sameOrigin.headers()["set-cookie"]).toMatch(/lng=/);
});
