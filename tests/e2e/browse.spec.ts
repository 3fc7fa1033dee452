import { expect, test } from "@playwright/test";
import { expectAccessible, expectPageBasics, watchForErrors } from "./helpers";

test("a visitor browses from the home page to a county and a product", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await expectPageBasics(page, /福州·定西消费扶贫馆/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("买定西好物，助力脱贫增收");

  // The progress strip reads the ledger (empty in the demo so far) against the 2亿元 target.
  const progress = page.getByRole("region", { name: /年消费扶贫进度/ });
  await expect(progress).toContainText(/[万亿]元/);
  await expect(progress).toContainText("2亿元");
  await expect(progress).toContainText("32,000");

  // Featured products with real images, and the seven counties.
  const featured = page.getByRole("region", { name: "推荐产品" }).getByRole("listitem");
  expect(await featured.count()).toBeGreaterThanOrEqual(6);
  const firstImage = featured.first().locator("img");
  await expect(firstImage).toHaveJSProperty("complete", true);
  expect(await firstImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(400);
  const counties = page.getByRole("region", { name: "定西七县（区）" }).getByRole("link");
  await expect(counties).toHaveCount(7);
  await expect(page.getByRole("note")).toContainText("演示数据");
  await expectAccessible(page);

  // 岷县 is paired with 鼓楼区.
  await counties.filter({ hasText: "岷县" }).click();
  await expect(page).toHaveURL(/\/counties\/621126$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("岷县");
  await expect(page.getByText("结对帮扶：福州市鼓楼区")).toBeVisible();
  const products = page.locator(".product-card");
  expect(await products.count()).toBeGreaterThan(0);
  for (const origin of await page.locator(".product-origin").allTextContents()) {
    expect(origin).toContain("岷县");
  }
  await expectAccessible(page);

  // 通渭 has no confirmed partner.
  await page.goto("/counties/621121");
  await expect(page.getByText("福州结对县（市）区尚待协调办公室确认。")).toBeVisible();
  expect(errors).toEqual([]);
});

test("the catalog filters by county and keeps the filter in the address", async ({ page }) => {
  await page.goto("/products");
  await expectPageBasics(page, /扶贫产品 · 福州·定西消费扶贫馆/);
  const all = Number((await page.getByRole("status").textContent())?.match(/\d+/)?.[0]);
  expect(all).toBeGreaterThanOrEqual(40);

  await page.getByLabel("产地").selectOption({ label: "陇西县" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/county=621122/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("陇西县扶贫产品");
  const some = Number((await page.getByRole("status").textContent())?.match(/\d+/)?.[0]);
  expect(some).toBeGreaterThan(0);
  expect(some).toBeLessThan(all);
  const origins = await page.locator(".product-origin").allTextContents();
  expect(origins).toHaveLength(some);
  for (const origin of origins) expect(origin).toContain("陇西县");

  // Sorting by price keeps the county filter.
  await page.getByLabel("排序").selectOption("price_asc");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/county=621122.*sort=price_asc/);
  // The address changes as the navigation starts; the list follows when its data arrives.
  const prices = async () =>
    (await page.locator(".product-price .money").allTextContents()).map((text) =>
      Number(text.replace(/[¥,]/g, "")),
    );
  await expect
    .poll(async () => {
      const shown = await prices();
      return shown.length === some && shown.every((price, i) => i === 0 || shown[i - 1]! <= price);
    })
    .toBe(true);
  await expectAccessible(page);

  // A bad price is explained, not an error page.
  await page.goto("/products?min=abc");
  await expect(page.getByRole("alert")).toContainText("最低价格式不正确");
});

test("the public progress page discloses the year's figures and the ledger's head hash", async ({
  page,
  request,
}) => {
  const open = await (await request.get("/progress.json?year=2020")).json();
  await page.goto("/progress?year=2020");
  await expectPageBasics(page, /2020年消费扶贫进度公示/);
  await expect(page.getByText(open.ledger.headHash)).toBeVisible();
  await expect(page.getByRole("img", { name: "各县（市）区完成情况（虚线为目标）" })).toBeVisible();
  await expectAccessible(page);
  expect((await request.get("/progress.json?year=20x0")).status()).toBe(400);
});

test("an unknown page or product is a proper 404 page", async ({ page }) => {
  const response = await page.goto("/products/987654");
  expect(response?.status()).toBe(404);
  await expectPageBasics(page, /页面不存在/);
  await expect(page.getByRole("link", { name: "浏览扶贫产品" }).first()).toBeVisible();
  const other = await page.goto("/no/such/page");
  expect(other?.status()).toBe(404);
  await expectAccessible(page);
});
