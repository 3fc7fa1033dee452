import { expect, test } from "@playwright/test";
import { expectAccessible, expectPageBasics } from "./helpers";

test("switching to English is remembered across pages and can be undone", async ({ page }) => {
  await page.goto("/products?county=621126");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English" }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/products\?county=621126$/);
  await expectPageBasics(page, /Products from Min County/);
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.locator(".product-origin").first()).toContainText("Min County");
  await expect(page.getByRole("note")).toContainText("Demo data");
  await expectAccessible(page);

  // The choice is kept for the next page, whatever the browser prefers.
  await page.getByRole("link", { name: "Dingxi counties", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dingxi counties");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Buy from Dingxi, help lift it out of poverty",
  );
  await expect(page.getByText("¥200 million")).toBeVisible();

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("买定西好物，助力脱贫增收");
});

test.describe("a browser that prefers English", () => {
  test.use({ locale: "en-GB" });

  test("gets English without choosing", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: "Products", exact: true })).toBeVisible();
  });
});
