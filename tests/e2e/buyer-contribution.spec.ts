import { expect, test } from "@playwright/test";
import { signIn } from "./auth";
import { expectAccessible } from "./helpers";

test("a budget unit sees its contribution and district, and its approver declares the canteen budget behind its pledge", async ({
  page,
}) => {
  await signIn(page, "approver@example.com");
  await expect(page).toHaveURL(/\/buyer$/);
  const panel = page.getByRole("region", { name: /年本单位贡献/ });
  await expect(panel).toContainText("本单位已计入（含所属工会）");
  await expect(panel).toContainText("鼓楼区完成 / 目标");
  await expect(panel).toContainText("3000万元");
  // The demo declared 300万元 at the 10% reserved share: a 30万元 pledge.
  await expect(panel).toContainText("预留份额承诺（10%）");
  await expect(panel).toContainText("30万元");
  await expectAccessible(page);

  await panel.getByLabel(/食堂食材采购预算/).fill("5000000");
  await panel.getByRole("button", { name: "保存预算" }).click();
  await expect(page.getByRole("region", { name: /年本单位贡献/ })).toContainText("50万元");

  // The purchaser sees the figures but cannot change the budget.
  await page.getByRole("button", { name: "退出" }).click();
  await signIn(page, "unit@example.com");
  await expect(page.getByRole("region", { name: /年本单位贡献/ })).toContainText("50万元");
  await expect(page.getByRole("button", { name: "保存预算" })).toHaveCount(0);
  const refused = await page.request.post("/buyer", {
    form: { intent: "canteen-budget", canteenBudget: "1" },
  });
  expect(refused.status()).toBe(403);
});
