import { expect, test } from "@playwright/test";
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import { signIn, signOut, signUpFreshBuyer } from "./auth";

test("a person in two organisations picks the one they act for from the header", async ({
  browser,
  request,
}) => {
  await signUpFreshBuyer(request, "two@example.com", "two orgs password");

  // The office approves the new unit.
  const office = await browser.newPage();
  await signIn(office, "office@example.com");
  await office.goto("/office/organisations");
  const approve = office.getByRole("button", { name: /^通过“测试单位/ }).last();
  const unitName = ((await approve.textContent()) ?? "").replace(/^通过“|”$/g, "");
  await approve.click();
  await expect(office.getByRole("status")).toHaveText("已通过该单位的登记。");

  // The person also asks to join the Gulou unit, whose approver lets them in.
  const page = await browser.newPage();
  await signIn(page, "two@example.com", "two orgs password");
  await expect(page.locator(".lead").first()).toContainText(unitName);
  await page.goto("/account");
  const join = page.getByRole("group", { name: "加入已有单位" });
  await join
    .getByLabel("统一社会信用代码")
    .fill("12350102MB0D00002" + creditCodeCheckCharacter("12350102MB0D00002"));
  await join.getByLabel("角色").selectOption("purchaser");
  await page.getByRole("button", { name: "申请加入" }).click();
  await expect(page.getByRole("status")).toContainText("加入申请已提交");

  const approver = await browser.newPage();
  await signIn(approver, "approver@example.com");
  await approver.goto("/account/members");
  await approver.getByRole("button", { name: "通过 测试用户" }).click();
  await expect(approver.getByRole("status")).toHaveText("已通过该成员。");
  await signOut(approver);

  // Now the header offers both; switching changes the acting organisation.
  await page.goto("/buyer");
  const switcher = page.getByLabel("代表单位");
  await expect(switcher.locator("option")).toHaveCount(2);
  await switcher.selectOption({ label: "福州市鼓楼区机关事务服务中心（演示）" });
  await page.getByRole("button", { name: "切换" }).click();
  await expect(page).toHaveURL(/\/buyer$/);
  await expect(page.locator(".lead").first()).toContainText("福州市鼓楼区机关事务服务中心（演示）");
  await expect(page.getByRole("banner")).toContainText("福州市鼓楼区机关事务服务中心（演示）");
  // The choice is kept in the session.
  await page.goto("/");
  await page.goto("/buyer");
  await expect(page.locator(".lead").first()).toContainText("福州市鼓楼区机关事务服务中心（演示）");
});
