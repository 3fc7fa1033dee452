import { expect, test } from "@playwright/test";
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import { IMPORT_COLUMNS } from "../../app/domain/record-import";
import { demoCooperatives } from "../../db/seed/demo-data";
import { signIn, signOut } from "./auth";

const header = IMPORT_COLUMNS.map(([zh]) => zh).join(",");
const coop = demoCooperatives.find((c) => c.key === "minxian-danggui")!;
const code = coop.creditCodeBody + creditCodeCheckCharacter(coop.creditCodeBody);
const row = (invoice: string, amount: string) =>
  `福州某中学食堂,预算单位,350102,${code},621126,岷县当归,${amount},2026-01-15,采购,线下,是,${invoice},`;

test("the office imports a CSV of outside sales: every row's problems first, then all rows, verified by a second person", async ({
  page,
  request,
}) => {
  const year = new Date().getUTCFullYear();
  await signIn(page, "office@example.com");
  await page.goto("/office/records/import");
  const template = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 CSV 模板" }).click();
  expect((await template).suggestedFilename()).toBe("outside-sales-template.csv");

  const bad = `${header}\n${row("IMP-001", "100.00")}\n${row("IMP-002", "abc").replace(code, "NOTACODE")}\n`;
  await page
    .getByLabel(/CSV 文件/)
    .setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByRole("alert")).toContainText("发现 2 处问题，文件未导入");
  const problems = page.getByRole("table").first();
  await expect(problems).toContainText("平台上没有已通过审核的这一销售方");
  await expect(problems).toContainText("金额须为正数");

  const good = `\uFEFF${header}\r\n${row("IMP-001", "100.00")}\r\n${row("IMP-002", "250.50")}\r\n`;
  await page
    .getByLabel(/CSV 文件/)
    .setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByText(/全部 2 行无误/)).toBeVisible();
  await page.getByRole("button", { name: "导入全部 2 条记录" }).click();
  await expect(page.getByText(/已导入 2 条记录/)).toBeVisible();
  await signOut(page);

  const before = await (await request.get(`/progress.json?year=${year}`)).json();
  await signIn(page, "verifier@example.com");
  await page.goto("/office/records/import");
  await page.getByRole("button", { name: "核实并计入这 2 条记录" }).click();
  await expect(page.getByText("已核实并计入 2 条记录。")).toBeVisible();
  const after = await (await request.get(`/progress.json?year=${year}`)).json();
  expect(after.counted.totalFen - before.counted.totalFen).toBe(35_050);
  expect(after.ledger.entries - before.ledger.entries).toBe(2);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same check works as a plain form", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("电子邮箱").fill("office@example.com");
    await page.getByLabel("密码", { exact: true }).fill("demo-password");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.goto("/office/records/import");
    const bad = `${header}\n${row("NOJS-1", "-1")}\n`;
    await page
      .getByLabel(/CSV 文件/)
      .setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.getByRole("button", { name: "检查文件" }).click();
    await expect(page.getByRole("alert")).toContainText("发现 1 处问题，文件未导入");
    await expect(page.getByRole("table").first()).toContainText("金额须为正数");
  });
});
