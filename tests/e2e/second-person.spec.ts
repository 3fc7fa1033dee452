/**
 * A unit's approval amount changes only when a second person confirms it:
 * the approver asks (without JavaScript), nothing changes, the office
 * confirms, and then it applies. The pages with a pending request are valid
 * HTML and accessible. The demo unit's amount is put back at the end, with
 * the same two steps.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { HtmlValidate } from "html-validate";
import { signIn } from "./auth";
import { expectAccessible } from "./helpers";

const validator = new HtmlValidate({
  extends: ["html-validate:standard", "html-validate:document"],
  rules: { "doctype-style": "off", "require-sri": ["error", { target: "crossorigin" }] },
});

async function expectValid(page: Page) {
  const report = await validator.validateString(await page.content());
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message}`),
  );
  expect(problems).toEqual([]);
}

async function as(browser: Browser, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, email);
  return { page, context, close: () => context.close() };
}

/**
 * The journey runs without JavaScript; axe runs inside the page, so the
 * same page is checked in a second context that shares the session.
 */
async function checkPage(browser: Browser, signedIn: BrowserContext, path: string) {
  const context = await browser.newContext({ storageState: await signedIn.storageState() });
  const page = await context.newPage();
  await page.goto(path);
  await expectValid(page);
  await expectAccessible(page);
  await context.close();
}

async function ask(page: Page, yuan: string) {
  await page.goto("/buyer");
  await page.getByLabel("审批金额（元）").fill(yuan);
  await page.getByRole("button", { name: "申请变更" }).click();
  await expect(page.getByRole("status")).toContainText("变更申请已提交");
}

async function officeConfirms(browser: Browser, check = false) {
  const office = await as(browser, "office@example.com");
  await office.page.goto("/office/organisations");
  await expect(office.page.getByRole("heading", { name: /待确认的审批金额变更/ })).toBeVisible();
  if (check) await checkPage(browser, office.context, "/office/organisations");
  await office.page
    .getByRole("button", { name: /^确认 .* 的变更$/ })
    .first()
    .click();
  await expect(office.page.getByRole("status")).toContainText("审批金额变更已确认");
  await office.close();
}

test("the approval amount changes only once a second person confirms it", async ({ browser }) => {
  const approver = await as(browser, "approver@example.com");
  await approver.page.goto("/buyer");
  const before = (await approver.page.getByLabel("审批金额（元）").inputValue()) || "";
  const amountLine = approver.page.locator("#threshold-heading + p");
  const shownBefore = await amountLine.innerText();

  await ask(approver.page, "88888");
  // Asked, not changed: the page says who asked and waits for someone else.
  await expect(amountLine).toHaveText(shownBefore);
  await expect(approver.page.getByText("这是您提出的申请")).toBeVisible();
  await expect(approver.page.getByRole("button", { name: "确认变更" })).toHaveCount(0);
  await checkPage(browser, approver.context, "/buyer");

  await officeConfirms(browser, true);
  await approver.page.goto("/buyer");
  await expect(amountLine).toContainText("88,888.00");

  // Put the demo unit back as it was, by the same two steps.
  await ask(approver.page, before);
  await officeConfirms(browser);
  await approver.page.goto("/buyer");
  await expect(amountLine).toHaveText(shownBefore);
  await approver.close();
});
