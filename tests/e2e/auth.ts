import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
}

/**
 * The newest link to `path` (e.g. "/confirm-signup") in the mail to `email`,
 * read from the dev mailbox (the e2e server runs with DEV_MAILBOX=true).
 */
export async function mailedLink(
  request: APIRequestContext,
  email: string,
  path: string,
): Promise<string> {
  const mailbox = await request.get(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const link = new RegExp(`https?://[^\\s<"]+${path}\\?token=[\\w-]+`).exec(
    await mailbox.text(),
  )?.[0];
  expect(link, `a mail to ${email} with a link to ${path}`).toBeTruthy();
  return link!;
}

let codeCounter = 0;

/**
 * Registers a fresh person with a new buyer organisation through the real
 * sign-up form and the mailed confirmation link (no browser needed), for
 * tests that must not lock or disable the shared demo accounts.
 */
export async function signUpFreshBuyer(
  request: APIRequestContext,
  email: string,
  password: string,
) {
  const { creditCodeCheckCharacter } = await import("../../app/domain/credit-code");
  codeCounter += 1;
  const body = `12350104MB${String(Date.now() % 1e5).padStart(5, "0")}${String(codeCounter).padStart(2, "0")}`;
  const response = await request.post("/signup", {
    form: {
      intent: "new-organisation",
      name: "测试用户",
      email,
      phone: "13800002222",
      password,
      side: "buyer",
      type: "budget_unit",
      orgName: `测试单位${body}`,
      creditCode: body + creditCodeCheckCharacter(body),
      jurisdictionCode: "350104",
      contactName: "测试",
      contactPhone: "0591-8000000",
      address: "福州市仓山区测试路",
    },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBe(200);
  const token = new URL(await mailedLink(request, email, "/confirm-signup")).searchParams.get(
    "token",
  )!;
  const confirmed = await request.post("/confirm-signup", { form: { token }, maxRedirects: 0 });
  expect(confirmed.status(), await confirmed.text()).toBe(303);
  // Confirming signs the person in; leave the request context anonymous again.
  await request.post("/logout", { maxRedirects: 0 });
}
