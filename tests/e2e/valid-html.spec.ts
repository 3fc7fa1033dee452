import { expect, test, type Page } from "@playwright/test";
import { HtmlValidate } from "html-validate";

const validator = new HtmlValidate({
  extends: ["html-validate:standard", "html-validate:document"],
  rules: {
    // React renders <!DOCTYPE html> in upper case; both are valid HTML.
    "doctype-style": "off",
    // Subresource integrity matters for other origins; every asset here is our own.
    "require-sri": ["error", { target: "crossorigin" }],
  },
});

/**
 * Every page but an error page has one real meta description (search
 * engines show it; Lighthouse's SEO audit fails without it), in the page's
 * own language: no Chinese on an English page.
 */
function expectDescription(html: string, label: string, language = "zh-CN") {
  const descriptions = [...html.matchAll(/<meta name="description" content="([^"]*)"/g)].map(
    (match) => match[1]!.trim(),
  );
  expect(descriptions, `${label}: one meta description`).toHaveLength(1);
  expect(descriptions[0]!.length, `${label}: a meta description with text`).toBeGreaterThan(10);
  if (language === "en")
    expect(descriptions[0], `${label}: an English meta description`).not.toMatch(/[\u4e00-\u9fff]/);
}

const pages = [
  "/",
  "/products",
  `/products?q=${encodeURIComponent("当归")}&county=621126`,
  "/products?min=abc",
  "/counties",
  "/counties/621121",
  "/about",
  "/progress",
  "/progress?year=2020",
  "/no-such-page",
  "/login",
  "/signup",
  "/forgot-password",
  "/reset-password?token=not-a-real-token-at-all",
];

test("public pages are valid HTML in both languages", async ({ request }) => {
  const productLink = (await (await request.get("/products")).text()).match(
    /href="(\/products\/\d+)"/,
  );
  const paths = [...pages, productLink?.[1] ?? "/products/1"];
  for (const language of ["zh-CN", "en"]) {
    for (const path of paths) {
      const response = await request.get(path, { headers: { "Accept-Language": language } });
      const html = await response.text();
      const report = await validator.validateString(html);
      const problems = report.results.flatMap((result) =>
        result.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
      );
      expect(problems, `${language} ${path}`).toEqual([]);
      if (response.ok()) expectDescription(html, `${language} ${path}`, language);
    }
  }
});

test("signed-in pages are valid HTML", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill("office@example.com");
  await page.getByLabel("密码", { exact: true }).fill("demo-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/office$/);
  for (const path of [
    "/office",
    "/office/users",
    "/office/audit",
    "/office/certifications",
    "/office/orders",
    "/account",
    "/account/members",
    "/account/notifications",
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    const report = await validator.validateString(html);
    const problems = report.results.flatMap((result) =>
      result.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
    );
    expect(problems, path).toEqual([]);
    expectDescription(html, path);
  }
});

/** Signs in through the form and checks the given pages (and the first link matching `more`). */
async function checkSignedIn(
  page: Page,
  email: string,
  paths: string[],
  more: { from: string; link: RegExp }[],
) {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("demo-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
  const all = [...paths];
  for (const { from, link } of more) {
    const html = await (await page.request.get(from)).text();
    const found = html.match(link);
    if (found) all.push(found[1]!);
  }
  for (const path of all) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    const report = await validator.validateString(html);
    const problems = report.results.flatMap((result) =>
      result.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
    );
    expect(problems, path).toEqual([]);
    expectDescription(html, path);
  }
}

test("seller pages are valid HTML", async ({ page }) => {
  const productPages = (id: string) =>
    ["", "/edit", "/photos", "/certification", "/stock"].map(
      (tab) => `/seller/products/${id}${tab}`,
    );
  await page.goto("/login");
  await checkSignedIn(
    page,
    "coop@example.com",
    [
      "/seller",
      "/seller/products",
      "/seller/products/new",
      "/seller/products/bulk",
      "/seller/orders",
    ],
    [],
  );
  const html = await (await page.request.get("/seller/products")).text();
  const id = html.match(/href="\/seller\/products\/(\d+)"/)?.[1] ?? "1";
  for (const path of productPages(id)) {
    const html = await (await page.request.get(path)).text();
    expectDescription(html, path);
    const report = await validator.validateString(html);
    expect(
      report.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
      ),
      path,
    ).toEqual([]);
  }
});

test("buyer pages are valid HTML", async ({ page }) => {
  await checkSignedIn(
    page,
    "approver@example.com",
    ["/buyer", "/buyer/cart", "/buyer/orders", "/buyer/records"],
    [],
  );
});
