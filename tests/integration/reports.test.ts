import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { csvCell, csvLine, fenToYuanText } from "~/domain/csv";
import { appendEntry } from "~/models/ledger.server";
import {
  LEDGER_HEADERS,
  ledgerCsvStream,
  ledgerWorkbook,
  monthlyReport,
  monthlyWorkbook,
} from "~/models/reports.server";
import { freshDatabase } from "../setup/database";

const { db, sqlite } = freshDatabase({ ledger: true });
afterAll(() => sqlite.close());

const yearSum = (year: number) =>
  sqlite
    .prepare("select count(*) as n, sum(amount_fen) as fen from ledger_entries where year = ?")
    .get(year) as {
    n: number;
    fen: number;
  };

/** A small CSV reader for what csvLine writes (quoted fields, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe("CSV cells", () => {
  it("quote what needs quoting and defuse formulas", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-12)).toBe("-12");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });
  it("write fen as exact yuan", () => {
    expect(fenToYuanText(123456)).toBe("1234.56");
    expect(fenToYuanText(-5)).toBe("-0.05");
    expect(fenToYuanText(20_000_000_000)).toBe("200000000.00");
  });
});

const entry = (sourceRef: string) => ({
  countedAt: new Date("2020-05-02T02:00:00Z"),
  amountFen: 100,
  sourceKind: "outside_record" as const,
  sourceRef,
  buyer: {
    orgId: null,
    name: "x",
    type: "individual" as const,
    jurisdictionCode: "350102",
    parentOrgId: null,
  },
  countyCode: "621126",
  seller: { orgId: null, name: "某合作社" },
  kind: "helped_sale" as const,
  channel: "offline" as const,
  certified: true,
  invoiceNumber: null,
  evidenceRef: null,
  // Two different people stand behind a counted entry (ids need no user row).
  recordedBy: 1,
  verifiedBy: 2,
});

describe("ledger exports", () => {
  it("CSV: Chinese headers, a BOM, every entry of the year, amounts that add up", async () => {
    appendEntry(db, {
      countedAt: new Date("2020-05-01T02:00:00Z"),
      amountFen: 9_999,
      sourceKind: "outside_record",
      sourceRef: "csv-test",
      buyer: {
        orgId: null,
        name: "=cmd|' /C calc'!A0",
        type: "individual",
        jurisdictionCode: "350102",
        parentOrgId: null,
      },
      countyCode: "621126",
      seller: { orgId: null, name: "某合作社" },
      kind: "helped_sale",
      channel: "offline",
      certified: true,
      invoiceNumber: null,
      evidenceRef: null,
      // Two different people stand behind a counted entry (ids need no user row).
      recordedBy: 1,
      verifiedBy: 2,
    });
    const bytes = new Uint8Array(await new Response(ledgerCsvStream(sqlite, 2020)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(LEDGER_HEADERS);
    const { n, fen } = yearSum(2020);
    expect(rows.length - 1).toBe(n);
    const total = rows.slice(1).reduce((sum, r) => sum + Math.round(Number(r[3]) * 100), 0);
    expect(total).toBe(fen);
    const hostile = rows.find((r) => r[6] === "csv-test")!;
    expect(hostile[7]).toBe("'=cmd|' /C calc'!A0");
  });

  it("a download in progress does not hold the database: other requests still run", async () => {
    const reader = ledgerCsvStream(sqlite, null).getReader();
    await reader.read(); // a slow client has taken one chunk
    expect(() => sqlite.prepare("select count(*) from products").get()).not.toThrow();
    expect(() => appendEntry(db, { ...entry("busy-test") })).not.toThrow();
    await reader.cancel();
  });

  it("Excel: opens and reads back the same entries and total", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await ledgerWorkbook(sqlite, 2020));
    const sheet = workbook.getWorksheet("计入台账")!;
    expect(sheet.getRow(1).getCell(4).value).toBe("金额（元）");
    const { n, fen } = yearSum(2020);
    expect(sheet.rowCount - 1).toBe(n);
    let total = 0;
    sheet.eachRow((row, i) => {
      if (i > 1) total += Math.round(Number(row.getCell(4).value) * 100);
    });
    expect(total).toBe(fen);
  });

  it("the monthly report's figures equal the ledger's for that month and the year to date", async () => {
    const report = monthlyReport(sqlite, 2020, 6);
    const monthFen = sqlite
      .prepare(
        "select coalesce(sum(amount_fen), 0) from ledger_entries where year = 2020 and strftime('%Y-%m', counted_at / 1000, 'unixepoch', '+8 hours') = '2020-06' and jurisdiction_code = '350102'",
      )
      .pluck()
      .get();
    expect(report.jurisdictions.find((j) => j.code === "350102")?.monthFen).toBe(monthFen);
    const toDate = sqlite
      .prepare("select sum(amount_fen) from ledger_entries where year = 2020 and counted_at < ?")
      .pluck()
      .get(Date.parse("2020-07-01T00:00:00+08:00")) as number;
    expect(report.counties.reduce((s, c) => s + c.yearFen, 0)).toBe(toDate);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await monthlyWorkbook(report));
    const sheet = workbook.getWorksheet("各县（市）区")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("2020-06 消费扶贫月统月报（各县（市）区）");
    const gulou = sheet
      .getRows(3, sheet.rowCount)!
      .find((row) => row.getCell(1).value === "350102")!;
    expect(Math.round(Number(gulou.getCell(4).value) * 100)).toBe(monthFen);
  });
});
