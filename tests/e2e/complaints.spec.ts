import { expect, test } from "@playwright/test";
import { signIn } from "./auth";
import { expectAccessible } from "./helpers";

test("anyone files a complaint about a product; the office answers it", async ({ page }) => {
  await page.goto("/products");
  await page.locator(".product-card a").first().click();
  await page.getByRole("link", { name: "对该产品有疑问？投诉举报" }).click();
  await expect(page.getByLabel("投诉对象")).toHaveValue("product");
  await expectAccessible(page);
  await page.getByLabel("投诉内容").fill("太短");
  await page.getByRole("button", { name: "提交投诉" }).click();
  await expect(page.getByText("请至少写 10 个字")).toBeVisible();
  await page
    .getByLabel("投诉内容")
    .fill("收到的货物规格与页面标注的 25 公斤/袋不符，实际约 20 公斤。");
  await page.getByRole("button", { name: "提交投诉" }).click();
  const filed = (await page.getByRole("status").textContent()) ?? "";
  const id = /编号 (\d+)/.exec(filed)?.[1];
  expect(id).toBeTruthy();

  await signIn(page, "office@example.com");
  await page.goto("/office/complaints");
  const complaint = page.getByRole("region", { name: new RegExp(`第 ${id} 号投诉`) });
  await expect(complaint).toContainText("实际约 20 公斤");
  await complaint.getByLabel("处理状态").selectOption("resolved");
  await complaint.getByLabel("答复").fill("已联系销售方核实，按实际重量退差价。");
  await complaint.getByRole("button", { name: `保存第 ${id} 号投诉的处理` }).click();
  await expect(page.getByRole("status")).toHaveText("处理结果已保存。");
  await page.goto("/office/audit?action=complaint");
  await expect(page.getByRole("table")).toContainText("complaint.answered");
});
