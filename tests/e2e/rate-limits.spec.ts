import { expect, test } from "@playwright/test";

test.use({ javaScriptEnabled: false });

test("a sixth reset request for one e-mail within the hour is refused in the form", async ({
  page,
}) => {
  const ask = async () => {
    await page.goto("/forgot-password");
    await page.getByLabel("电子邮箱").fill("often-forgets@example.com");
    await page.getByRole("button", { name: "发送重置链接" }).click();
  };
  for (let i = 0; i < 5; i++) {
    await ask();
    await expect(page.getByRole("status")).toContainText("如果该邮箱已注册");
  }
  await ask();
  await expect(page.getByRole("alert")).toHaveText("重置请求过于频繁，请 1 小时后再试。");
  await expect(page.getByLabel("电子邮箱")).toHaveValue("often-forgets@example.com");
});
