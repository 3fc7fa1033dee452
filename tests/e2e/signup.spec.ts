import { expect, test, type Page } from "@playwright/test";
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import { mailedLink, signIn, signOut } from "./auth";
import { expectAccessible } from "./helpers";

const body = "93621126MA7E2E001"; // a cooperative in 岷县
const goodCode = body + creditCodeCheckCharacter(body);
const wrongCheck = body + (creditCodeCheckCharacter(body) === "1" ? "2" : "1");

async function fillPerson(page: Page, email: string) {
  await page.getByLabel("姓名").fill("马合作");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("手机号码").fill("13800001111");
  await page.getByLabel("新密码").fill("a long enough password");
}

/** Sign-up answers "check your mail"; the mailed link finishes it and signs the person in. */
async function confirmByMail(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "请查收邮件" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
  await expectAccessible(page);
  await page.goto(await mailedLink(page.request, email, "/confirm-signup"));
  await expectAccessible(page);
  await page.getByRole("button", { name: "确认邮箱并完成注册" }).click();
}

async function fillCooperative(page: Page, name: string, code: string) {
  const group = page.getByRole("group", { name: "登记新单位" });
  await group.getByLabel("销售方（定西的合作社、企业、家庭农场）").check();
  await group.getByLabel("单位类型").selectOption("cooperative");
  await group.getByLabel("单位名称").fill(name);
  await group.getByLabel("统一社会信用代码", { exact: true }).fill(code);
  await group.getByLabel("所在县（区）（销售方）").selectOption("621126");
  await group.getByLabel("联系人").fill("马合作");
  await group.getByLabel("联系电话").fill("0932-7000000");
  await group.getByLabel("地址").fill("岷县梅川镇示例村");
  await group.getByLabel("开户银行").fill("甘肃岷县农村商业银行");
  await group.getByLabel("账户名称").fill(name);
  await group.getByLabel("银行账号").fill("62170000123456789");
  await group.getByLabel("带贫机制").selectOption("business");
  await group.getByLabel("申报带贫人数").fill("120");
}

test("a new cooperative registers, the office approves it, and it signs in to its area", async ({
  page,
}) => {
  await page.goto("/signup");
  await expectAccessible(page);
  await fillPerson(page, "newcoop@example.com");
  await fillCooperative(page, "岷县示范当归合作社", wrongCheck);
  await page.getByRole("button", { name: "提交登记申请" }).click();

  // A wrong check character is named, with the expected one; the rest is kept.
  const codeField = page
    .getByRole("group", { name: "登记新单位" })
    .getByLabel("统一社会信用代码", { exact: true });
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(`校验码不正确：最后一位应为“${goodCode.at(-1)}”`)).toBeVisible();
  await expect(page.getByLabel("单位名称")).toHaveValue("岷县示范当归合作社");

  await codeField.fill(goodCode);
  await page.getByLabel("新密码").fill("a long enough password");
  await page.getByRole("button", { name: "提交登记申请" }).click();
  await confirmByMail(page, "newcoop@example.com");
  await expect(page).toHaveURL(/\/account\?applied=1$/);
  await expect(page.getByRole("status")).toContainText("登记申请已提交");
  await expect(page.getByRole("table")).toContainText("单位待审核");
  // Not approved yet: no seller area.
  expect((await page.goto("/seller"))?.status()).toBe(403);
  await page.goto("/");
  await signOut(page);

  // The office approves it.
  await signIn(page, "office@example.com");
  await page.goto("/office/organisations");
  await expect(page.getByRole("heading", { name: "岷县示范当归合作社" })).toBeVisible();
  await page.getByRole("button", { name: "通过“岷县示范当归合作社”" }).click();
  await expect(page.getByRole("status")).toHaveText("已通过该单位的登记。");
  await expect(page.getByRole("heading", { name: "岷县示范当归合作社" })).toHaveCount(0);
  await page.goto("/office/audit?action=organisation.");
  await expect(page.getByRole("table")).toContainText("organisation.approved");
  await signOut(page);

  // The cooperative signs in to its own area.
  await signIn(page, "newcoop@example.com", "a long enough password");
  await expect(page).toHaveURL(/\/seller$/);
  await expect(page.locator(".lead").first()).toContainText("岷县示范当归合作社");
  await expect(page.getByText(goodCode)).toBeVisible();
});

test("a rejected registration shows the office's reason to the applicant", async ({ page }) => {
  const code = "93621121MA7E2E00";
  const fullBody = `${code}2`;
  await page.goto("/signup");
  await fillPerson(page, "rejected@example.com");
  await fillCooperative(page, "通渭测试合作社", fullBody + creditCodeCheckCharacter(fullBody));
  await page
    .getByRole("group", { name: "登记新单位" })
    .getByLabel("所在县（区）（销售方）")
    .selectOption("621121");
  await page.getByRole("button", { name: "提交登记申请" }).click();
  await confirmByMail(page, "rejected@example.com");
  await expect(page).toHaveURL(/\/account\?applied=1$/);
  await page.goto("/");
  await signOut(page);

  await signIn(page, "office@example.com");
  await page.goto("/office/organisations");
  const panel = page.getByRole("region", { name: "通渭测试合作社" });
  await panel.getByRole("button", { name: "驳回“通渭测试合作社”" }).click();
  await expect(panel.getByText("驳回时须填写理由。")).toBeVisible();
  await panel.getByLabel("驳回理由").fill("营业执照扫描件不清晰，请重新提交。");
  await panel.getByRole("button", { name: "驳回“通渭测试合作社”" }).click();
  await expect(page.getByRole("status")).toHaveText("已驳回该单位的登记。");
  await signOut(page);

  await signIn(page, "rejected@example.com", "a long enough password");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("table")).toContainText("单位登记被驳回");
  await expect(page.getByRole("table")).toContainText("营业执照扫描件不清晰，请重新提交。");
});

test("a person joins an existing unit and its approver lets them in", async ({ page }) => {
  await page.goto("/signup");
  await fillPerson(page, "joiner@example.com");
  const join = page.getByRole("group", { name: "加入已有单位" });
  // The Gulou demo unit's credit code, from the office's view of it.
  await join
    .getByLabel("统一社会信用代码")
    .fill("12350102MB0D00002" + creditCodeCheckCharacter("12350102MB0D00002"));
  await join.getByLabel("角色").selectOption("purchaser");
  await page.getByRole("button", { name: "申请加入" }).click();
  await confirmByMail(page, "joiner@example.com");
  await expect(page).toHaveURL(/\/account\?joined=1$/);
  await expect(page.getByRole("table")).toContainText("待单位审核");
  expect((await page.goto("/buyer"))?.status()).toBe(403);
  await page.goto("/");
  await signOut(page);

  // A purchaser may not approve members; the approver may.
  await signIn(page, "unit@example.com");
  expect((await page.goto("/account/members"))?.status()).toBe(403);
  await page.goto("/");
  await signOut(page);
  await signIn(page, "approver@example.com");
  await page.goto("/account/members");
  await page.getByRole("button", { name: "通过 马合作" }).click();
  await expect(page.getByRole("status")).toHaveText("已通过该成员。");
  await signOut(page);

  await signIn(page, "joiner@example.com", "a long enough password");
  await expect(page).toHaveURL(/\/buyer$/);
  await expect(page.locator(".lead").first()).toContainText("福州市鼓楼区机关事务服务中心（演示）");
});

test("a forgotten password is reset through the mailed one-time link", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("电子邮箱").fill("union@example.com");
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByRole("status")).toContainText("如果该邮箱已注册");

  await page.goto("/dev/mailbox?to=union@example.com");
  const mail = (await page.locator(".mail-body").first().textContent()) ?? "";
  const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByLabel("新密码", { exact: true }).fill("a brand new password");
  await page.getByLabel("再次输入新密码").fill("a brand new password");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("status")).toContainText("新密码已保存");

  // The link works once.
  await page.goto(link!);
  await expect(page.getByRole("alert")).toContainText("重置链接无效、已使用或已过期");
  await signIn(page, "union@example.com", "a brand new password");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing up with a registered e-mail answers the same and mails the owner instead", async ({
    page,
  }) => {
    await page.goto("/signup");
    await fillPerson(page, "union@example.com");
    await page
      .getByRole("group", { name: "加入已有单位" })
      .getByLabel("统一社会信用代码")
      .fill("12350102MB0D00002" + creditCodeCheckCharacter("12350102MB0D00002"));
    await page
      .getByRole("group", { name: "加入已有单位" })
      .getByLabel("角色")
      .selectOption("purchaser");
    await page.getByRole("button", { name: "申请加入" }).click();
    // The same page a new address gets: nothing says the address is registered.
    await expect(page.getByRole("heading", { name: "请查收邮件" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("union@example.com");
    await expect(page.getByText("该邮箱已注册")).toHaveCount(0);

    await page.goto("/dev/mailbox?to=union@example.com");
    const mail = page.locator(".mail").first();
    await expect(mail.getByRole("heading")).toHaveText(
      "福州·定西消费扶贫馆：有人尝试用您的邮箱注册",
    );
    await expect(mail.locator(".mail-body")).toContainText("/login");
    await expect(mail.locator(".mail-body")).toContainText("/forgot-password");
    await expect(mail.locator(".mail-body")).not.toContainText("confirm-signup");
  });

  test("a used or unknown confirmation link says so, with the way back", async ({ page }) => {
    await page.goto("/confirm-signup?token=" + "x".repeat(43));
    await expect(page.getByRole("alert")).toHaveText("确认链接无效、已使用或已过期，请重新注册。");
    await expect(
      page.getByRole("main").getByRole("link", { name: "注册", exact: true }),
    ).toBeVisible();
  });
});
