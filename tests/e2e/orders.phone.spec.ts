import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./auth";
import { expectAccessible, expectPageBasics } from "./helpers";

async function expectFits(page: Page) {
  await page.waitForLoadState("load");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

test("ordering pages fit a phone and pass the accessibility checks for buyer, seller and office", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "approver@example.com"); // signup.spec changes union@'s password
  await page.goto(`/products?county=621126&q=${encodeURIComponent("当归")}`);
  await page.locator(".product-card a").first().click();
  await expectFits(page);
  await page.getByRole("button", { name: "加入购物车" }).click();
  await expect(page).toHaveURL(/\/buyer\/cart/);
  await expectPageBasics(page, /购物车/);
  await expectFits(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: /提交订单/ }).click();
  await expect(page.getByRole("status")).toContainText("已提交");
  await expectFits(page);
  await expectAccessible(page);
  await page.locator(".order-list a").first().click();
  await expectPageBasics(page, /订单 FD/);
  await expectFits(page);
  await expectAccessible(page);
  const orderPath = new URL(page.url()).pathname;
  const orderId = orderPath.split("/").pop();
  await page.goto(`/orders/${orderId}/purchase-order`);
  await expectPageBasics(page, /采购单/);
  await expectFits(page);
  await expectAccessible(page);
  await page.goto("/account/notifications");
  await expectFits(page);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, "coop@example.com");
  await page.goto("/seller/orders");
  await expectFits(page);
  await expectAccessible(page);
  await page.goto(`/seller/orders/${orderId}`);
  await expectPageBasics(page, /订单 FD/);
  await expectFits(page);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, "office@example.com");
  for (const path of ["/office/orders", `/office/orders/${orderId}`, "/office/certifications"]) {
    await page.goto(path);
    await expectFits(page);
    await expectAccessible(page);
  }
});
