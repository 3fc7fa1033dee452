import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { signIn, signOut } from "./auth";
import { expectAccessible, expectPageBasics } from "./helpers";

const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const executable = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]); // a Windows PE

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

/** A phone-camera-sized JPEG, made here rather than stored in the repository. */
async function cameraPhoto(): Promise<Buffer> {
  return sharp({
    create: { width: 1600, height: 1200, channels: 3, background: { r: 120, g: 70, b: 40 } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

test("a cooperative lists a product from a phone, the office certifies it, and buyers find it", async ({
  page,
}) => {
  const name = `岷县当归手机上架${Date.now() % 100000}`;
  await signIn(page, "coop@example.com");
  await page.goto("/seller");
  await expectNoSideways(page);
  await page.getByRole("link", { name: "新建产品" }).first().click();
  await expectPageBasics(page, /新建产品/);

  // A tier whose price rises is refused on its own field, and nothing is created.
  const form = page.getByRole("form", { name: "新建产品" });
  await form.getByLabel("产品名称（中文）").fill(name);
  await form.getByLabel("品类").selectOption("herbs");
  await form.getByLabel("计量单位").selectOption("giftbox");
  await form.getByLabel("单价（元）", { exact: true }).fill("68");
  await form.getByLabel("最低起订量").fill("10");
  await form.getByLabel("第 1 级：起始数量").fill("100");
  await form.getByLabel("第 1 级：单价（元）").fill("70");
  await form.getByLabel("现有库存").fill("500");
  await form.getByLabel("地理标志与品牌标签").fill("岷县当归、地理标志");
  await form.getByRole("button", { name: "保存草稿，下一步上传照片" }).click();
  await expect(page.getByText("数量越多单价不能越高")).toBeVisible();
  await expect(page.getByLabel("第 1 级：单价（元）")).toHaveAttribute("aria-invalid", "true");
  await expectNoSideways(page);

  await page.getByLabel("第 1 级：单价（元）").fill("60");
  await page.getByRole("button", { name: "保存草稿，下一步上传照片" }).click();
  await expect(page).toHaveURL(/\/seller\/products\/\d+\/photos/);
  const productPath = new URL(page.url()).pathname.replace(/\/photos$/, "");
  await expectAccessible(page);
  await expectNoSideways(page);

  // A renamed executable is refused by content; a camera photo is taken.
  const photoInput = page.getByLabel("照片", { exact: true });
  await photoInput.setInputFiles({
    name: "IMG_0001.jpg",
    mimeType: "image/jpeg",
    buffer: executable,
  });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByText("不是 JPEG、PNG 或 WebP 照片")).toBeVisible();
  await page
    .getByLabel("照片", { exact: true })
    .setInputFiles({ name: "IMG_0002.jpg", mimeType: "image/jpeg", buffer: await cameraPhoto() });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByRole("img", { name: `${name} 的第 1 张照片` })).toBeVisible();

  // Submitting without a certification is refused with the reason.
  await page.goto(productPath);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("alert")).toContainText("请先上传扶贫产品认定");

  await page
    .getByRole("navigation", { name: /的页面/ })
    .getByRole("link", { name: "扶贫产品认定" })
    .click();
  await expectPageBasics(page, /扶贫产品认定/);
  await page.getByLabel("认定机构").fill("岷县扶贫开发领导小组办公室");
  await page.getByLabel("认定层级").selectOption("county");
  await page.getByLabel("批次 / 编号").fill(`MX-E2E-${Date.now() % 100000}`);
  const today = new Date().toISOString().slice(0, 10);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await page.getByLabel("认定日期").fill(today);
  await page.getByLabel("有效期至").fill(nextYear);
  await page.getByLabel("商品价值量（元）").fill("500000");
  await page.getByLabel("带动贫困人口").fill("36");
  await page
    .getByLabel("认定文件")
    .setInputFiles({ name: "认定.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "上传认定" }).click();
  await expect(page.getByRole("status")).toContainText("认定已上传");
  await expectAccessible(page);
  await expectNoSideways(page);

  await page.goto(productPath);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("status")).toContainText("已提交审核");
  await expect(page.getByText("待审核").first()).toBeVisible();
  await expectNoSideways(page);
  await signOut(page);

  // The office approves it; it is then in the catalog and in search.
  await signIn(page, "office@example.com");
  await page.goto("/office/certifications");
  await expectPageBasics(page, /扶贫产品认定审核/);
  const item = page.getByRole("region", { name: new RegExp(name) });
  await item.getByRole("button", { name: /通过认定/ }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expect(page.getByRole("region", { name: new RegExp(name) })).toHaveCount(0);
  await signOut(page);

  await page.goto(`/products?q=${encodeURIComponent(name)}`);
  await expect(page.locator(".product-card").filter({ hasText: name })).toHaveCount(1);
  await page.locator(".product-card a").filter({ hasText: name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expectNoSideways(page);
});

test("seller pages fit a phone and pass the accessibility checks", async ({ page }) => {
  await signIn(page, "coop@example.com");
  for (const path of [
    "/seller",
    "/seller/products",
    "/seller/products/new",
    "/seller/products/bulk",
  ]) {
    await page.goto(path);
    await expectPageBasics(page, /./);
    await expectNoSideways(page);
    await expectAccessible(page);
  }
  await page.goto("/seller/products");
  const first = page.locator(".seller-products a").first();
  await first.click();
  for (const tab of ["状态与记录", "产品信息", "照片", "扶贫产品认定", "库存"]) {
    await page
      .getByRole("navigation", { name: /的页面/ })
      .getByRole("link", { name: tab, exact: true })
      .click();
    await expectPageBasics(page, /./);
    await expectNoSideways(page);
    await expectAccessible(page);
  }
});
