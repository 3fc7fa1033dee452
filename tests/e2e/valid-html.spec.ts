import { expect, test } from "@playwright/test";
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
      const report = await validator.validateString(await response.text());
      const problems = report.results.flatMap((result) =>
        result.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
      );
      expect(problems, `${language} ${path}`).toEqual([]);
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
    "/account",
    "/account/members",
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const report = await validator.validateString(await response.text());
    const problems = report.results.flatMap((result) =>
      result.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`),
    );
    expect(problems, path).toEqual([]);
  }
});
