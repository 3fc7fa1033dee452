/**
 * Reading a CSV of outside sales: every row is checked and every problem
 * named with its line, before anything is saved. Headers are the Chinese
 * column names of the template (English aliases accepted).
 */
import Papa from "papaparse";
import { parseYuanToFen } from "./money";

export const IMPORT_COLUMNS = [
  ["采购方", "buyerName"],
  ["采购主体类型", "buyerType"],
  ["县（市）区代码", "jurisdictionCode"],
  ["销售方统一社会信用代码", "sellerCreditCode"],
  ["产地县代码", "countyCode"],
  ["产品", "productDescription"],
  ["金额（元）", "amount"],
  ["销售日期", "saleDate"],
  ["类别", "kind"],
  ["渠道", "channel"],
  ["认定产品", "certified"],
  ["发票号", "invoiceNumber"],
  ["合同号", "contractRef"],
] as const;

type Field = (typeof IMPORT_COLUMNS)[number][1];

export const IMPORT_TEMPLATE = `\uFEFF${IMPORT_COLUMNS.map(([zh]) => zh).join(",")}\r\n福州市某中学食堂,预算单位,350102,93621126MA7XXXXXXX,621126,岷县当归,12000.00,2026-01-15,采购,线下,是,FP00000001,\r\n`;

const BUYER_TYPES: Record<string, string> = {
  预算单位: "budget_unit",
  工会: "trade_union",
  企业: "enterprise",
  销售渠道: "channel",
  个人: "individual",
};
const KINDS: Record<string, string> = { 采购: "purchase", 帮助销售: "helped_sale" };
const CHANNELS: Record<string, string> = { 线上: "online", 线下: "offline" };
const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
};

/** A table's own entry: "constructor" or "toString" typed in a cell is no buyer type. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export interface ImportLookups {
  sellerByCreditCode: ReadonlyMap<string, { id: number; name: string }>;
  jurisdictionCodes: ReadonlySet<string>;
  countyCodes: ReadonlySet<string>;
  today: string;
}

/** The largest CSV of outside sales the office can import at once. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportRow {
  line: number;
  buyerName: string;
  buyerType: "budget_unit" | "trade_union" | "enterprise" | "channel" | "individual";
  jurisdictionCode: string;
  sellerOrgId: number;
  sellerName: string;
  countyCode: string;
  productDescription: string;
  amountFen: number;
  saleDate: string;
  kind: "purchase" | "helped_sale";
  channel: "online" | "offline";
  certified: boolean;
  invoiceNumber: string;
  contractRef: string;
}

export interface ImportProblem {
  line: number;
  column: string;
  message: string;
}

const MAX_ROWS = 200_000;

/** Parses and checks every row; rows are returned only when there is no problem at all. */
export function checkImport(
  text: string,
  lookups: ImportLookups,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => {
      const trimmed = header.trim();
      return IMPORT_COLUMNS.find(([zh, en]) => zh === trimmed || en === trimmed)?.[1] ?? trimmed;
    },
  });
  const problems: ImportProblem[] = [];
  const header = (parsed.meta.fields ?? []) as string[];
  const missing = IMPORT_COLUMNS.filter(
    ([, field]) => field !== "contractRef" && !header.includes(field),
  );
  if (missing.length > 0) {
    return {
      rows: [],
      problems: missing.map(([zh]) => ({ line: 1, column: zh, message: "import.missingColumn" })),
    };
  }
  if (parsed.data.length === 0)
    return { rows: [], problems: [{ line: 1, column: "", message: "import.empty" }] };
  if (parsed.data.length > MAX_ROWS) {
    return {
      rows: [],
      problems: [
        { line: 1, column: "", message: `import.tooMany|${JSON.stringify({ max: MAX_ROWS })}` },
      ],
    };
  }
  const columnName = (field: Field) => IMPORT_COLUMNS.find(([, f]) => f === field)![0];
  const rows: ImportRow[] = [];
  const seenInvoices = new Set<string>();
  parsed.data.forEach((raw, index) => {
    const line = index + 2; // the header is line 1
    const value = (field: Field) => (raw[field] ?? "").trim();
    const problem = (field: Field, message: string) =>
      problems.push({ line, column: columnName(field), message });
    const before = problems.length;

    const buyerName = value("buyerName");
    if (!buyerName || buyerName.length > 100) problem("buyerName", "import.required");
    const buyerType =
      own(BUYER_TYPES, value("buyerType")) ??
      (Object.values(BUYER_TYPES).includes(value("buyerType")) ? value("buyerType") : null);
    if (!buyerType) problem("buyerType", "import.buyerType");
    const jurisdictionCode = value("jurisdictionCode");
    if (!lookups.jurisdictionCodes.has(jurisdictionCode))
      problem("jurisdictionCode", "import.jurisdiction");
    const seller = lookups.sellerByCreditCode.get(value("sellerCreditCode").toUpperCase());
    if (!seller) problem("sellerCreditCode", "import.seller");
    const countyCode = value("countyCode");
    if (!lookups.countyCodes.has(countyCode)) problem("countyCode", "import.county");
    const productDescription = value("productDescription");
    if (!productDescription || productDescription.length > 200)
      problem("productDescription", "import.required");
    const amountFen = parseYuanToFen(value("amount"));
    if (amountFen === null || amountFen <= 0) problem("amount", "import.amount");
    const saleDate = value("saleDate");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(saleDate) || Number.isNaN(Date.parse(saleDate)))
      problem("saleDate", "import.date");
    else if (saleDate > lookups.today) problem("saleDate", "import.futureDate");
    const kind =
      own(KINDS, value("kind")) ??
      (Object.values(KINDS).includes(value("kind")) ? value("kind") : null);
    if (!kind) problem("kind", "import.kind");
    const channel =
      own(CHANNELS, value("channel")) ??
      (Object.values(CHANNELS).includes(value("channel")) ? value("channel") : null);
    if (!channel) problem("channel", "import.channel");
    const certified = own(YES_NO, value("certified").toLowerCase());
    if (certified === undefined) problem("certified", "import.yesNo");
    const invoiceNumber = value("invoiceNumber");
    if (!invoiceNumber || invoiceNumber.length > 40) problem("invoiceNumber", "import.required");
    else if (seller) {
      const key = `${seller.id}|${invoiceNumber}`;
      if (seenInvoices.has(key)) problem("invoiceNumber", "import.duplicateInFile");
      seenInvoices.add(key);
    }
    if (problems.length === before) {
      rows.push({
        line,
        buyerName,
        buyerType: buyerType as ImportRow["buyerType"],
        jurisdictionCode,
        sellerOrgId: seller!.id,
        sellerName: seller!.name,
        countyCode,
        productDescription,
        amountFen: amountFen!,
        saleDate,
        kind: kind as ImportRow["kind"],
        channel: channel as ImportRow["channel"],
        certified: certified!,
        invoiceNumber,
        contractRef: value("contractRef").slice(0, 100),
      });
    }
  });
  for (const error of parsed.errors.slice(0, 100)) {
    problems.push({ line: (error.row ?? 0) + 2, column: "", message: "import.malformed" });
  }
  return { rows: problems.length > 0 ? [] : rows, problems };
}
