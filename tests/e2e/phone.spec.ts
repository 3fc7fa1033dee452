import { expect, test } from "@playwright/test";

test("on a 360-px phone every page fits the screen", async ({ page }) => {
  for (const path of [
    "/",
    "/products",
    `/products?q=${encodeURIComponent("当归")}`,
    "/counties",
    "/counties/621126",
  ]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto("/products");
  await page.locator(".product-card a").first().click();
  await expect(page.getByRole("table")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
