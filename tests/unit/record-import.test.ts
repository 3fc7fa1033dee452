import { describe, expect, it } from "vitest";
import { checkImport, IMPORT_COLUMNS, type ImportLookups } from "~/domain/record-import";

const lookups: ImportLookups = {
  sellerByCreditCode: new Map([["93621126MA7TEST001", { id: 5, name: "岷县某合作社" }]]),
  jurisdictionCodes: new Set(["350102", "350100"]),
  countyCodes: new Set(["621126"]),
  today: "2026-06-15",
};
const header = IMPORT_COLUMNS.map(([zh]) => zh).join(",");
const good =
  "福州某中学食堂,预算单位,350102,93621126MA7TEST001,621126,岷县当归,12000.50,2026-01-15,采购,线下,是,FP001,";

describe("CSV import check", () => {
  it("reads good rows, with a BOM and Chinese values", () => {
    const { rows, problems } = checkImport(`\uFEFF${header}\r\n${good}\r\n`, lookups);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        amountFen: 1_200_050,
        buyerType: "budget_unit",
        kind: "purchase",
        channel: "offline",
        certified: true,
        sellerOrgId: 5,
      }),
    ]);
  });

  it("names every problem with its line and column, and returns no rows", () => {
    const bad = "某单位,外星人,999999,WRONGCODE,123456,,-5,2026-13-40,送礼,飞鸽,也许,,";
    const late = good.replace("2026-01-15", "2027-01-01").replace("FP001", "FP002");
    const { rows, problems } = checkImport(`${header}\n${good}\n${bad}\n${late}\n`, lookups);
    expect(rows).toEqual([]);
    const line3 = problems.filter((p) => p.line === 3).map((p) => p.column);
    expect(line3).toEqual([
      "采购主体类型",
      "县（市）区代码",
      "销售方统一社会信用代码",
      "产地县代码",
      "产品",
      "金额（元）",
      "销售日期",
      "类别",
      "渠道",
      "认定产品",
      "发票号",
    ]);
    expect(problems.filter((p) => p.line === 4)).toEqual([
      { line: 4, column: "销售日期", message: "import.futureDate" },
    ]);
  });

  it("refuses the same invoice from the same seller twice in one file", () => {
    const { problems } = checkImport(`${header}\n${good}\n${good}\n`, lookups);
    expect(problems).toEqual([{ line: 3, column: "发票号", message: "import.duplicateInFile" }]);
  });

  it("names missing columns and empty files", () => {
    expect(
      checkImport("采购方,金额（元）\n某单位,1\n", lookups).problems.map((p) => p.column),
    ).toContain("发票号");
    expect(checkImport(`${header}\n`, lookups).problems).toEqual([
      { line: 1, column: "", message: "import.empty" },
    ]);
  });
});
