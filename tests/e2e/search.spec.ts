import { expect, test } from "@playwright/test";
import { expectAccessible, expectPageBasics } from "./helpers";

test("searching 当归 from the header finds the angelica products", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "搜索扶贫产品" }).fill("当归");
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/products\?q=%E5%BD%93%E5%BD%92/);
  await page.waitForLoadState("load");
  await expectPageBasics(page, /“当归”的搜索结果/);
  const names = await page.locator(".product-name").allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(4);
  // The best matches carry 当归 in their names.
  expect(names[0]).toContain("当归");
  expect(names.filter((name) => name.includes("当归")).length).toBeGreaterThanOrEqual(4);
  await expectAccessible(page);
});

test("search works for 马铃薯 and for English words, and says when nothing matches", async ({
  page,
}) => {
  await page.goto(`/products?q=${encodeURIComponent("马铃薯")}`);
  expect(await page.locator(".product-card").count()).toBeGreaterThanOrEqual(3);
  await page.goto("/products?q=astragalus");
  expect(await page.locator(".product-card").count()).toBeGreaterThan(0);
  await page.goto(`/products?q=${encodeURIComponent("榴莲")}`);
  await expect(page.getByText("没有符合条件的产品")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search, filters and the language switch still work", async ({ page }) => {
    await page.goto("/products");
    await page.getByLabel("关键词").fill("党参");
    await page.getByLabel("品类").selectOption({ label: "中药材" });
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(page).toHaveURL(/q=.*category=herbs/);
    await page.waitForLoadState("load");
    const names = await page.locator(".product-name").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveURL(/category=herbs/);
  });
});
