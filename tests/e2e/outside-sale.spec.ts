import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./auth";
import { expectAccessible } from "./helpers";

const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const executable = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]); // an ELF binary

async function fillRecord(page: Page, invoice: string) {
  const form = page.getByRole("form", { name: "录入平台外销售" });
  await form.getByLabel("采购方或销售渠道名称").fill("福定农特馆（测试专柜）");
  await form.getByLabel("采购主体类型").selectOption("channel");
  await form.getByLabel(/计入的县（市）区/).selectOption("350103");
  await form.getByLabel("销售方（定西的合作社等）").selectOption({ index: 1 });
  await form.getByLabel("产地县（区）").selectOption("621102");
  await form.getByLabel("产品或品类").fill("定西马铃薯");
  await form.getByLabel("金额（元）").fill("12345.67");
  await form.getByLabel("销售日期").fill("2026-01-15");
  await form.getByLabel("类别").selectOption("helped_sale");
  await form.getByLabel("发票号码").fill(invoice);
  return form;
}

test("an office person records an outside sale, a second verifies it, and the public figures move by exactly that amount", async ({
  page,
  request,
}) => {
  const year = new Date().getUTCFullYear();
  const before = await (await request.get(`/progress.json?year=${year}`)).json();

  await signIn(page, "office@example.com");
  await page.goto("/office/records");
  await expectAccessible(page);

  // Evidence is checked by content: a renamed executable is refused, and nothing is saved.
  let form = await fillRecord(page, "FP-E2E-0001");
  await form
    .getByLabel("凭证扫描件")
    .setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: executable });
  await form.getByRole("button", { name: "提交，等待核实" }).click();
  await expect(page.getByText("凭证只接受 PDF、JPEG 或 PNG 文件")).toBeVisible();
  await expect(page.getByRole("heading", { name: /福定农特馆（测试专柜）/ })).toHaveCount(0);

  form = await fillRecord(page, "FP-E2E-0001");
  await form
    .getByLabel("凭证扫描件")
    .setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: pdf });
  await form.getByRole("button", { name: "提交，等待核实" }).click();
  await expect(page.getByRole("status")).toContainText("等待另一位工作人员核实");
  const panel = page.getByRole("region", { name: /福定农特馆（测试专柜）/ });
  await expect(panel.getByText("这是您录入的记录，须由另一位工作人员核实。")).toBeVisible();
  await expect(panel.getByRole("button", { name: /核实并计入/ })).toHaveCount(0);
  // Still not counted.
  expect((await (await request.get(`/progress.json?year=${year}`)).json()).counted.totalFen).toBe(
    before.counted.totalFen,
  );
  await signOut(page);

  await signIn(page, "verifier@example.com");
  await page.goto("/office/records");
  const toVerify = page.getByRole("region", { name: /福定农特馆（测试专柜）/ });
  const download = page.waitForEvent("download");
  await toVerify.getByRole("link", { name: "下载凭证" }).click();
  expect((await download).suggestedFilename()).toMatch(/^record-\d+\.pdf$/);
  await toVerify.getByRole("button", { name: /核实并计入/ }).click();
  await expect(page.getByRole("status")).toContainText("已核实，计入台账第");

  const after = await (await request.get(`/progress.json?year=${year}`)).json();
  const delta = 1_234_567;
  expect(after.counted.totalFen - before.counted.totalFen).toBe(delta);
  expect(after.counted.helpedSaleFen - before.counted.helpedSaleFen).toBe(delta);
  const taijiang = (p: typeof after) =>
    p.jurisdictions.find((j: { code: string }) => j.code === "350103").countedFen;
  const anding = (p: typeof after) =>
    p.originCounties.find((c: { code: string }) => c.code === "621102").countedFen;
  expect(taijiang(after) - taijiang(before)).toBe(delta);
  expect(anding(after) - anding(before)).toBe(delta);
  expect(after.ledger.entries).toBe(before.ledger.entries + 1);
  expect(after.ledger.headHash).not.toBe(before.ledger.headHash);

  // The public page shows the same head hash; the dashboard links figures to their entries.
  await page.goto(`/progress?year=${year}`);
  await expect(page.getByText(after.ledger.headHash)).toBeVisible();
  await page.goto("/office");
  await page.getByRole("link", { name: "台江区" }).click();
  await expect(page).toHaveURL(/\/office\/ledger\?year=\d+&jurisdiction=350103/);
  await expect(page.getByRole("table")).toContainText("FP-E2E-0001");

  // The month's report and the ledger download from the dashboard.
  await page.goto("/office");
  const report = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载月统月报（Excel）" }).click();
  expect((await report).suggestedFilename()).toMatch(/^monthly-report-\d{4}-\d{2}\.xlsx$/);
  const csv = page.waitForEvent("download");
  await page.getByRole("link", { name: `${year}年台账（CSV）` }).click();
  expect((await csv).suggestedFilename()).toBe(`ledger-${year}.csv`);

  // The same invoice cannot count twice.
  await signOut(page);
  await signIn(page, "office@example.com");
  await page.goto("/office/records");
  form = await fillRecord(page, "FP-E2E-0001");
  await form
    .getByLabel("凭证扫描件")
    .setInputFiles({ name: "again.pdf", mimeType: "application/pdf", buffer: pdf });
  await form.getByRole("button", { name: "提交，等待核实" }).click();
  await signOut(page);
  await signIn(page, "verifier@example.com");
  await page.goto("/office/records");
  await page
    .getByRole("region", { name: /福定农特馆（测试专柜）/ })
    .getByRole("button", { name: /核实并计入/ })
    .click();
  await expect(page.getByRole("alert")).toHaveText("该销售方的这张发票已经计入过，不能重复计入。");
});
