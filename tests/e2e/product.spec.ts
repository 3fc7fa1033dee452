import { expect, test } from "@playwright/test";
import { expectAccessible, expectPageBasics, watchForErrors } from "./helpers";

test("a product page shows price tiers, origin, producer and certification", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto(`/products?q=${encodeURIComponent("岷县当归")}`);
  await page.locator(".product-card a").first().click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  const name = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  expect(name).toContain("当归");
  await expectPageBasics(page, new RegExp(`当归.* · 福州·定西消费扶贫馆`));

  // The picture is a real image.
  const cover = page.locator(".product-gallery img").first();
  await expect(cover).toBeVisible();
  // Wait for the image to finish loading: visible comes before decoded on a busy machine.
  await expect
    .poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(800);

  // Tiered prices: quantities rise, unit prices do not.
  const rows = page.getByRole("table", { name: "阶梯价格（按采购数量）" }).locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  const prices = (await rows.locator("td:nth-child(2)").allTextContents()).map((t) =>
    Number(t.replace(/[¥,]/g, "")),
  );
  expect(prices).toEqual([...prices].sort((a, b) => b - a));

  await expect(page.getByText("最低起订量")).toBeVisible();
  await expect(page.getByRole("link", { name: "岷县", exact: true })).toBeVisible();
  await expect(page.getByText("结对：福州市鼓楼区")).toBeVisible();
  const certification = page.getByRole("region", { name: "扶贫产品认定" });
  await expect(certification).toContainText("认定机构");
  await expect(certification).toContainText("有效期至");
  await expect(page.getByRole("region", { name: "生产经营主体" })).toContainText("申报带贫人数");
  await expectAccessible(page);

  // Related products lead on to other pages, without reloading the document:
  // the page hydrated (under the hash-based Content-Security-Policy).
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
  const related = page.getByRole("region", { name: "相关产品" }).locator(".product-card a");
  expect(await related.count()).toBeGreaterThan(0);
  await related.first().click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(name);
  expect(await page.evaluate(() => "notReloaded" in window)).toBe(true);
  expect(errors).toEqual([]);
});
