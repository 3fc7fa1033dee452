import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, signOut } from "./auth";
import { expectAccessible, expectPageBasics } from "./helpers";

interface Progress {
  counted: { totalFen: number };
  jurisdictions: { code: string; countedFen: number }[];
  originCounties: { code: string; countedFen: number }[];
}

const year = Number(
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
    new Date(),
  ),
);

async function progress(request: APIRequestContext): Promise<Progress> {
  return (await request.get(`/progress.json?year=${year}`)).json() as Promise<Progress>;
}
const district = (p: Progress, code: string) =>
  p.jurisdictions.find((j) => j.code === code)!.countedFen;
const county = (p: Progress, code: string) =>
  p.originCounties.find((c) => c.code === code)?.countedFen ?? 0;

async function addToCart(page: Page, county: string, query: string, qty: string) {
  await page.goto(`/products?county=${county}&q=${encodeURIComponent(query)}`);
  await page.locator(".product-card a").first().click();
  await page.getByLabel(/采购数量/).fill(qty);
  await page.getByRole("button", { name: "加入购物车" }).click();
  await expect(page).toHaveURL(/\/buyer\/cart/);
}

/** The order links in one group of an orders page, e.g. "待审批（2）". */
async function ordersIn(page: Page, group: RegExp): Promise<string[]> {
  const section = page.getByRole("region", { name: group });
  return section
    .locator("a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

// The issue's own example, at the demo products' tier prices (db/seed/demo-data.ts):
// 2,000 kg of 安定 potatoes at ¥2.60 (from 500 kg) and 200 gift boxes of 岷县 当归·黄芪·党参
// at ¥278.00 (from 100 boxes): ¥60,800, above the unit's ¥50,000 approval threshold.
const POTATO_FEN = 2000 * 260;
const HERBS_FEN = 200 * 27800;

test("a purchaser orders from two cooperatives, the approver approves, it is paid by transfer with a slip, shipped, invoiced and accepted by another person, and the public figures move by exactly the total", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const before = await progress(request);

  await signIn(page, "unit@example.com");
  await addToCart(page, "621102", "青薯9号", "2000");
  await addToCart(page, "621126", "慰问品礼盒", "200");
  await expectPageBasics(page, /购物车/);
  await expectAccessible(page);
  await expect(page.getByText("合计超过本单位的审批额度")).toBeVisible();
  // The paired county (岷县 for 鼓楼) comes first.
  await expect(page.locator(".cart-line-name").first()).toContainText("慰问品礼盒");
  await page.getByRole("button", { name: "提交订单（2 个）" }).click();
  await expect(page.getByRole("status")).toContainText("已提交 2 个订单");
  await expect(page.getByRole("status")).toContainText("等待本单位审批人审批");
  const toApprove = await ordersIn(page, /待审批/);
  expect(toApprove).toHaveLength(2);
  await signOut(page);

  await signIn(page, "approver@example.com");
  for (const href of toApprove) {
    await page.goto(href);
    await page.getByRole("button", { name: "同意" }).click();
    await expect(page.getByRole("status")).toContainText("已同意");
  }
  await signOut(page);

  // Without the buyer's transfer slip the seller cannot confirm the money arrived.
  await signIn(page, "coop@example.com");
  await page.goto("/seller/orders");
  const [unproven] = await ordersIn(page, /待收款/);
  expect(unproven).toBeTruthy();
  await page.goto(unproven!);
  await expect(page.getByText("采购方上传转账凭证后，您才能确认收款")).toBeVisible();
  await expect(page.getByRole("button", { name: "确认已收到转账" })).toHaveCount(0);
  await signOut(page);

  // The purchaser sees where to transfer the money, with a reference per order,
  // and attaches the bank's slip to each order.
  await signIn(page, "unit@example.com");
  await page.goto(toApprove[0]!);
  await expect(page.getByRole("heading", { name: "对公转账付款" })).toBeVisible();
  await expectAccessible(page);
  for (const href of toApprove) {
    await page.goto(href);
    await page.getByLabel("转账凭证（可选）").setInputFiles({
      name: "转账回单.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(`%PDF-1.4\n% ${href}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`),
    });
    await page.getByRole("button", { name: "上传凭证" }).click();
    await expect(page.getByRole("status")).toContainText("转账凭证已上传");
  }
  await signOut(page);

  for (const seller of ["coop@example.com", "potato@example.com"]) {
    await signIn(page, seller);
    await page.goto("/seller/orders");
    const [href] = await ordersIn(page, /待收款/);
    expect(href).toBeTruthy();
    await page.goto(href!);
    await page.getByRole("button", { name: "确认已收到转账" }).click();
    await expect(page.getByRole("status")).toContainText("已确认收款");
    await page.getByRole("button", { name: "确认订单，准备发货" }).click();
    await expect(page.getByRole("status")).toContainText("已确认订单");
    await page.getByLabel("承运商").fill("顺丰速运");
    await page.getByLabel("运单号").fill(`SF${Date.now()}`);
    await page.getByRole("button", { name: "确认发货" }).click();
    await expect(page.getByRole("status")).toContainText("已登记发货");
    await page.getByLabel("发票号码").fill(`3501${Date.now()}`);
    await page.getByRole("button", { name: "登记发票" }).click();
    await expect(page.getByRole("status")).toContainText("发票已登记");
    await expectAccessible(page);
    await signOut(page);
  }
  // Nothing counts before the buyer accepts the goods.
  expect((await progress(request)).counted.totalFen).toBe(before.counted.totalFen);

  // Whoever placed the orders cannot accept them: the page says so instead of the form.
  await signIn(page, "unit@example.com");
  await page.goto("/buyer/orders");
  const toAccept = await ordersIn(page, /待验收/);
  expect(toAccept).toHaveLength(2);
  await page.goto(toAccept[0]!);
  await expect(page.getByText("这是您提交的订单：验收须由本单位另一位同事")).toBeVisible();
  await expect(page.getByRole("button", { name: "确认验收" })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  // Another person of the unit, the approver, accepts the goods.
  await signIn(page, "approver@example.com");
  await page.goto("/buyer/orders");
  expect((await ordersIn(page, /待验收/)).sort()).toEqual([...toAccept].sort());
  for (const href of toAccept) {
    await page.goto(href);
    await page.getByLabel("验收意见（可选）").fill("数量、质量无误");
    await page.getByRole("button", { name: "确认验收" }).click();
    await expect(page.getByRole("status")).toContainText("已验收");
  }
  await signOut(page);

  const after = await progress(request);
  expect(after.counted.totalFen - before.counted.totalFen).toBe(POTATO_FEN + HERBS_FEN);
  expect(district(after, "350102") - district(before, "350102")).toBe(POTATO_FEN + HERBS_FEN);
  expect(county(after, "621126") - county(before, "621126")).toBe(HERBS_FEN);
  expect(county(after, "621102") - county(before, "621102")).toBe(POTATO_FEN);
});
