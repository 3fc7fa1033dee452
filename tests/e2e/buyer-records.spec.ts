import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./auth";
import { expectAccessible } from "./helpers";

const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");

test("a trade union records an offline purchase; once the office verifies it, it counts in its district", async ({
  page,
  request,
}) => {
  const year = new Date().getUTCFullYear();
  await signIn(page, "union@example.com");
  await page.goto("/buyer/records");
  await expectAccessible(page);
  const form = page.getByRole("form", { name: "登记一笔线下采购" });
  await form.getByLabel("销售方（定西的合作社等）").selectOption({ index: 1 });
  await form.getByLabel("产地县（区）").selectOption("621102");
  await form.getByLabel("产品或品类").fill("中秋慰问品礼盒");
  await form.getByLabel("金额（元）").fill("6600");
  await form.getByLabel("销售日期").fill("2026-01-20");
  await form.getByLabel("发票号码").fill("FP-UNION-0001");
  await form
    .getByLabel("凭证扫描件")
    .setInputFiles({ name: "fapiao.pdf", mimeType: "application/pdf", buffer: pdf });
  await form.getByRole("button", { name: "提交，等待核实" }).click();
  await expect(page.getByRole("status")).toContainText("等待协调办公室核实");
  await expect(page.getByRole("listitem").filter({ hasText: "FP-UNION-0001" })).toContainText(
    "待协调办公室核实",
  );
  await signOut(page);

  const before = await (await request.get(`/progress.json?year=${year}`)).json();
  await signIn(page, "office@example.com");
  await page.goto("/office/records");
  await page
    .getByRole("region", { name: /福州市台江区教育局工会（演示）/ })
    .getByRole("button", { name: /核实并计入/ })
    .click();
  await expect(page.getByRole("status")).toContainText("已核实，计入台账第");
  const after = await (await request.get(`/progress.json?year=${year}`)).json();
  const taijiang = (p: typeof after) =>
    p.jurisdictions.find((j: { code: string }) => j.code === "350103").countedFen;
  const unions = (p: typeof after) =>
    p.buyerTypes.find((b: { type: string }) => b.type === "trade_union").countedFen;
  expect(taijiang(after) - taijiang(before)).toBe(660_000);
  expect(unions(after) - unions(before)).toBe(660_000);
  await signOut(page);

  await signIn(page, "union@example.com");
  await page.goto("/buyer/records");
  await expect(page.getByRole("listitem").filter({ hasText: "FP-UNION-0001" })).toContainText(
    "已核实",
  );
});
