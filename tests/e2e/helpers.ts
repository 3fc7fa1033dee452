import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails on any WCAG A/AA violation axe can find on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

/**
 * Every page has one <main> and a real title. Waits for the document to have
 * loaded first: after a plain form's navigation the title can be parsed
 * before the rest of the page has arrived.
 */
export async function expectPageBasics(page: Page, title: RegExp | string) {
  await page.waitForLoadState("load");
  await expect(page.locator("main")).toHaveCount(1);
  await expect(page).toHaveTitle(title);
}

/** Collects console errors and failed requests, so a journey fails on them. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
