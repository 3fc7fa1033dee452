/**
 * Exports for the office: the full ledger (CSV and Excel, Chinese headers,
 * amounts in yuan with two decimals) and the monthly report (月统月报) per
 * jurisdiction and county as an Excel workbook.
 */
import type Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { csvLine, CSV_BOM, fenToYuanText } from "~/domain/csv";
import { statement } from "./statements.server";

export const LEDGER_HEADERS = [
  "序号",
  "计入时间（北京时间）",
  "年度",
  "金额（元）",
  "冲销序号",
  "来源",
  "来源编号",
  "采购方",
  "采购主体类型",
  "计入县（市）区代码",
  "产地县（区）代码",
  "销售方",
  "类别",
  "渠道",
  "认定产品",
  "结对",
  "发票号",
  "凭证",
  "哈希",
  "前一条哈希",
];

interface LedgerRow {
  seq: number;
  countedAt: number;
  year: number;
  amountFen: number;
  reversesSeq: number | null;
  sourceKind: string;
  sourceRef: string;
  buyerName: string;
  buyerType: string;
  jurisdictionCode: string;
  countyCode: string;
  sellerName: string;
  kind: string;
  channel: string;
  certified: number;
  paired: number;
  invoiceNumber: string | null;
  evidenceRef: string | null;
  hash: string;
  prevHash: string;
}

const shanghai = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  dateStyle: "short",
  timeStyle: "medium",
});

function rowValues(row: LedgerRow): (string | number)[] {
  return [
    row.seq,
    shanghai.format(new Date(row.countedAt)),
    row.year,
    fenToYuanText(row.amountFen),
    row.reversesSeq ?? "",
    row.sourceKind,
    row.sourceRef,
    row.buyerName,
    row.buyerType,
    row.jurisdictionCode,
    row.countyCode,
    row.sellerName,
    row.kind === "purchase" ? "采购" : "帮助销售",
    row.channel === "online" ? "线上" : "线下",
    row.certified ? "是" : "否",
    row.paired ? "是" : "否",
    row.invoiceNumber ?? "",
    row.evidenceRef ?? "",
    row.hash,
    row.prevHash,
  ];
}

const ROWS_SQL = `select seq, counted_at as countedAt, year, amount_fen as amountFen,
    reverses_seq as reversesSeq, source_kind as sourceKind, source_ref as sourceRef,
    buyer_name as buyerName, buyer_type as buyerType, jurisdiction_code as jurisdictionCode,
    county_code as countyCode, seller_name as sellerName, kind, channel, certified, paired,
    invoice_number as invoiceNumber, evidence_ref as evidenceRef, hash, prev_hash as prevHash
  from ledger_entries where seq > @after and (@year is null or year = @year)
  order by seq limit @limit`;

/**
 * Ledger rows in sequence order, a page at a time. Each page is its own short
 * query: a cursor held open across a slow download would keep the one
 * connection busy and fail every other request meanwhile.
 */
function ledgerPage(
  sqlite: Database.Database,
  year: number | null,
  after: number,
  limit: number,
): LedgerRow[] {
  return statement(sqlite, ROWS_SQL).all({ year, after, limit }) as LedgerRow[];
}

function* ledgerRows(sqlite: Database.Database, year: number | null): Generator<LedgerRow> {
  let after = 0;
  for (;;) {
    const page = ledgerPage(sqlite, year, after, 5000);
    yield* page;
    if (page.length < 5000) return;
    after = page[page.length - 1]!.seq;
  }
}

/** The ledger as CSV, streamed a thousand rows at a time (a million rows never sit in memory). */
export function ledgerCsvStream(
  sqlite: Database.Database,
  year: number | null,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream({
    pull(controller) {
      let chunk = started ? "" : CSV_BOM + csvLine(LEDGER_HEADERS);
      started = true;
      const page = ledgerPage(sqlite, year, after, 1000);
      for (const row of page) chunk += csvLine(rowValues(row));
      controller.enqueue(encoder.encode(chunk));
      if (page.length < 1000) controller.close();
      else after = page[page.length - 1]!.seq;
    },
  });
}

export async function ledgerWorkbook(
  sqlite: Database.Database,
  year: number | null,
): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "福州·定西消费扶贫馆";
  const sheet = workbook.addWorksheet("计入台账");
  sheet.addRow(LEDGER_HEADERS).font = { bold: true };
  for (const row of ledgerRows(sqlite, year)) {
    const values = rowValues(row);
    values[3] = row.amountFen / 100; // a number cell, shown with two decimals
    sheet.addRow(values);
  }
  sheet.getColumn(4).numFmt = "0.00";
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer())).buffer;
}

export interface MonthlyReport {
  year: number;
  month: string;
  jurisdictions: {
    code: string;
    name: string;
    targetFen: number;
    monthFen: number;
    yearFen: number;
  }[];
  counties: { code: string; name: string; monthFen: number; yearFen: number }[];
}

/** One month's figures and the year to the end of it, per jurisdiction and per county. */
export function monthlyReport(
  sqlite: Database.Database,
  year: number,
  month: number,
): MonthlyReport {
  const monthText = `${year}-${String(month).padStart(2, "0")}`;
  // Shanghai month boundaries as UTC milliseconds (UTC+8, no daylight saving).
  const start = Date.parse(`${monthText}-01T00:00:00+08:00`);
  const end =
    month === 12
      ? Date.parse(`${year + 1}-01-01T00:00:00+08:00`)
      : Date.parse(`${year}-${String(month + 1).padStart(2, "0")}-01T00:00:00+08:00`);
  const sums = (column: string) =>
    statement(
      sqlite,
      `select ${column} as code,
         coalesce(sum(case when counted_at >= @start then amount_fen end), 0) as monthFen,
         coalesce(sum(amount_fen), 0) as yearFen
       from ledger_entries where year = @year and counted_at < @end group by ${column}`,
    ).all({ year, start, end }) as { code: string; monthFen: number; yearFen: number }[];
  const byJurisdiction = new Map(sums("jurisdiction_code").map((r) => [r.code, r]));
  const byCounty = new Map(sums("county_code").map((r) => [r.code, r]));
  const places = statement(
    sqlite,
    `select j.code, j.name_zh as name, coalesce(t.target_fen, 0) as targetFen from jurisdictions j
     left join jurisdiction_targets t on t.jurisdiction_code = j.code and t.year = ? order by j.sort_order`,
  ).all(year) as { code: string; name: string; targetFen: number }[];
  const counties = statement(
    sqlite,
    "select code, name_zh as name from origin_counties order by sort_order",
  ).all() as {
    code: string;
    name: string;
  }[];
  return {
    year,
    month: monthText,
    jurisdictions: places.map((p) => ({
      ...p,
      monthFen: byJurisdiction.get(p.code)?.monthFen ?? 0,
      yearFen: byJurisdiction.get(p.code)?.yearFen ?? 0,
    })),
    counties: counties.map((c) => ({
      ...c,
      monthFen: byCounty.get(c.code)?.monthFen ?? 0,
      yearFen: byCounty.get(c.code)?.yearFen ?? 0,
    })),
  };
}

export async function monthlyWorkbook(report: MonthlyReport): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "福州·定西消费扶贫馆";
  const jurisdictions = workbook.addWorksheet("各县（市）区");
  jurisdictions.addRow([`${report.month} 消费扶贫月统月报（各县（市）区）`]).font = {
    bold: true,
    size: 14,
  };
  jurisdictions.addRow([
    "行政区划代码",
    "县（市）区",
    "年度目标（元）",
    "本月计入（元）",
    "本年累计（元）",
    "完成比例",
  ]).font = { bold: true };
  for (const j of report.jurisdictions) {
    jurisdictions.addRow([
      j.code,
      j.name,
      j.targetFen / 100,
      j.monthFen / 100,
      j.yearFen / 100,
      j.targetFen > 0 ? j.yearFen / j.targetFen : null,
    ]);
  }
  const total = report.jurisdictions.reduce(
    (sum, j) => ({ monthFen: sum.monthFen + j.monthFen, yearFen: sum.yearFen + j.yearFen }),
    { monthFen: 0, yearFen: 0 },
  );
  jurisdictions.addRow(["", "合计", null, total.monthFen / 100, total.yearFen / 100, null]).font = {
    bold: true,
  };
  for (const column of [3, 4, 5]) jurisdictions.getColumn(column).numFmt = "#,##0.00";
  jurisdictions.getColumn(6).numFmt = "0.0%";
  jurisdictions.columns.forEach((column) => (column.width = 16));

  const counties = workbook.addWorksheet("各产地县（区）");
  counties.addRow([`${report.month} 消费扶贫月统月报（定西各县区）`]).font = {
    bold: true,
    size: 14,
  };
  counties.addRow(["行政区划代码", "县（区）", "本月计入（元）", "本年累计（元）"]).font = {
    bold: true,
  };
  for (const c of report.counties)
    counties.addRow([c.code, c.name, c.monthFen / 100, c.yearFen / 100]);
  for (const column of [3, 4]) counties.getColumn(column).numFmt = "#,##0.00";
  counties.columns.forEach((column) => (column.width = 16));
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer())).buffer;
}
