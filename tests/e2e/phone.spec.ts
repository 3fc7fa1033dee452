import { expect, test, type Page } from "@playwright/test";

async function expectNoSideways(page: Page, label: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, label).toBeLessThanOrEqual(0);
}

test("on a 360-px phone every storefront page fits the screen", async ({ page }) => {
  for (const path of [
    "/",
    "/products",
    `/products?q=${encodeURIComponent("当归")}`,
    "/counties",
    "/counties/621126",
    "/about",
    "/progress",
    "/login",
    "/signup",
  ]) {
    await page.goto(path);
    await expectNoSideways(page, path);
  }
  // Every product page: long names, long certification authorities, wide tier tables.
  await page.goto("/products");
  const links = await page
    .locator(".product-card a")
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  expect(links.length).toBeGreaterThanOrEqual(40);
  for (const href of links) {
    await page.goto(href);
    await expect(page.getByRole("table")).toBeVisible();
    await expectNoSideways(page, href);
  }
});

test.describe("in English", () => {
  test.use({ locale: "en-US" });

  test("product pages fit a phone too", async ({ page }) => {
    await page.goto("/products?sort=price_desc");
    const links = await page
      .locator(".product-card a")
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
    for (const href of links.slice(0, 15)) {
      await page.goto(href);
      await expectNoSideways(page, href);
    }
  });
});
