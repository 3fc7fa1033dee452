import { expect, test } from "@playwright/test";
import { signIn } from "./auth";
import { expectAccessible } from "./helpers";

test("the office opens next year from this year's targets, edits them and sets 通渭's partner, all audited", async ({
  page,
  request,
}) => {
  const next = new Date().getUTCFullYear() + 1;
  await signIn(page, "office@example.com");
  await page.goto(`/office/targets?year=${next}`);
  await expectAccessible(page);
  await page.getByRole("button", { name: `开启${next}年（复制上一年度目标）` }).click();
  await expect(page.getByLabel("全市目标（元）")).toHaveValue("200000000.00");
  await expect(page.getByLabel("鼓楼区目标（元）")).toHaveValue("30000000.00");

  await page.getByLabel("全市目标（元）").fill("250000000");
  await page.getByLabel("预算单位预留份额（%）").fill("abc");
  await page.getByRole("button", { name: "保存目标" }).click();
  await expect(page.getByText("请填写 0 至 100 之间的百分比")).toBeVisible();
  await page.getByLabel("预算单位预留份额（%）").fill("30");
  await page.getByRole("button", { name: "保存目标" }).click();
  await expect(page.getByRole("status")).toHaveText("目标已保存。");
  const open = await (await request.get(`/progress.json?year=${next}`)).json();
  expect(open.target.totalFen).toBe(250_000_000_00);

  // 通渭 gets a partner; the public page shows it.
  await page.getByLabel("闽侯县结对的县（区）").selectOption({ label: "通渭县" });
  await page.getByRole("button", { name: "保存闽侯县的结对" }).click();
  await expect(page.getByRole("status")).toHaveText("结对关系已保存。");
  await page.goto("/counties/621121");
  await expect(page.getByText("结对帮扶：福州市闽侯县")).toBeVisible();

  // Restore the table the other journeys expect (通渭 unpaired).
  await page.goto(`/office/targets?year=${next}`);
  await page.getByLabel("闽侯县结对的县（区）").selectOption({ label: "暂无结对" });
  await page.getByRole("button", { name: "保存闽侯县的结对" }).click();
  await expect(page.getByRole("status")).toHaveText("结对关系已保存。");

  await page.goto("/office/audit?action=pairing");
  await expect(page.getByRole("table")).toContainText('{"countyCode":"621121"}');
  await page.goto("/office/audit?action=targets");
  await expect(page.getByRole("table")).toContainText("targets.changed");
  await expect(page.getByRole("table")).toContainText("targets.year_opened");
});
