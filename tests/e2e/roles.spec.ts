import { expect, test } from "@playwright/test";
import { signIn, signOut, signUpFreshBuyer } from "./auth";
import { expectAccessible, expectPageBasics } from "./helpers";

const roles = [
  {
    email: "office@example.com",
    area: "/office",
    heading: "协调办公室",
    org: "福州·定西扶贫协作前方指挥部（演示）",
  },
  {
    email: "unit@example.com",
    area: "/buyer",
    heading: "采购工作台",
    org: "福州市鼓楼区机关事务服务中心（演示）",
  },
  {
    email: "approver@example.com",
    area: "/buyer",
    heading: "采购工作台",
    org: "福州市鼓楼区机关事务服务中心（演示）",
  },
  {
    email: "union@example.com",
    area: "/buyer",
    heading: "采购工作台",
    org: "福州市台江区教育局工会（演示）",
  },
  { email: "coop@example.com", area: "/seller", heading: "销售工作台", org: "岷县" },
];
const areas = ["/buyer", "/seller", "/office"];

for (const role of roles) {
  test(`${role.email} signs in to its own area and no other`, async ({ page }) => {
    await signIn(page, role.email);
    await expect(page).toHaveURL(new RegExp(`${role.area}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(role.heading);
    await expect(page.locator(".lead").first()).toContainText(role.org);
    await expectPageBasics(page, new RegExp(role.heading));
    await expectAccessible(page);
    for (const other of areas.filter((a) => a !== role.area)) {
      const response = await page.goto(other);
      expect(response?.status(), `${role.email} → ${other}`).toBe(403);
      await expect(page.getByText("您没有权限进行此操作")).toBeVisible();
    }
    await page.goto("/");
    await signOut(page);
    const after = await page.goto(role.area);
    expect(after?.status()).toBe(200);
    await expect(page).toHaveURL(
      new RegExp(`/login\\?redirectTo=${encodeURIComponent(role.area)}`),
    );
  });
}

test("anonymous visitors are sent to sign in, and come back where they were going", async ({
  page,
}) => {
  for (const area of areas) {
    await page.goto(area);
    await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=${encodeURIComponent(area)}`));
  }
  await page.goto("/office/audit");
  await page.getByLabel("电子邮箱").fill("office@example.com");
  await page.getByLabel("密码", { exact: true }).fill("demo-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/office\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
  await expect(page.getByRole("table")).toContainText("login.succeeded");
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill("unit@example.com");
  await page.getByLabel("密码", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("邮箱或密码不正确。");
  await expect(page.getByLabel("电子邮箱")).toHaveValue("unit@example.com");
  await expect(page.getByLabel("密码", { exact: true })).toHaveValue("");
});

test("after 10 failed sign-ins an account answers 429, even with the right password", async ({
  request,
}) => {
  await signUpFreshBuyer(request, "locked@example.com", "the right password");
  const attempt = (password: string) =>
    request.post("/login", {
      form: { email: "locked@example.com", password },
      headers: { "Accept-Language": "en" },
      maxRedirects: 0,
    });
  for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}-password`)).status()).toBe(400);
  const blocked = await attempt("the right password");
  expect(blocked.status()).toBe(429);
  expect(await blocked.text()).toContain("Too many sign-in attempts");
});

test("the office disables an account: its open session ends and it cannot sign in", async ({
  browser,
  request,
}) => {
  await signUpFreshBuyer(request, "leaver@example.com", "leaver password");
  const leaver = await browser.newPage();
  await signIn(leaver, "leaver@example.com", "leaver password");
  await expect(leaver).toHaveURL(/\/account/);

  const office = await browser.newPage();
  await signIn(office, "office@example.com");
  await office.goto("/office/users?q=leaver");
  await office.getByRole("button", { name: "停用 leaver@example.com" }).click();
  await expect(office.getByRole("status")).toHaveText("账户已停用，其会话已全部结束。");
  await expect(office.getByRole("table")).toContainText("已停用");

  // The leaver's next request is anonymous, and signing in is refused.
  await leaver.goto("/account");
  await expect(leaver).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await leaver.getByLabel("电子邮箱").fill("leaver@example.com");
  await leaver.getByLabel("密码", { exact: true }).fill("leaver password");
  await leaver.getByRole("button", { name: "登录", exact: true }).click();
  await expect(leaver.getByRole("alert")).toHaveText("该账户已被停用，请联系协调办公室。");

  // Re-enabled, the account works again; "sign out everywhere" ends its sessions.
  await office.getByRole("button", { name: "启用 leaver@example.com" }).click();
  await signIn(leaver, "leaver@example.com", "leaver password");
  await office.goto("/office/users?q=leaver");
  await office.getByRole("button", { name: "强制退出 leaver@example.com" }).click();
  await expect(office.getByRole("status")).toHaveText("已结束 1 个会话。");
  await leaver.goto("/account");
  await expect(leaver).toHaveURL(/\/login/);
});
