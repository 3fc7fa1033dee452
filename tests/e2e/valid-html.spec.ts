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
  "/no-such-page",
];

test("storefront pages are valid HTML in both languages", async ({ request }) => {
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
