import { expect, test } from "@playwright/test";

test("HTML responses carry the security headers with a fresh nonce each time", async ({
  request,
}) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["strict-transport-security"]).toMatch(/max-age/);
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  // The inline scripts carry the nonce of their own response.
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
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
