/**
 * CSV as spreadsheets read it: UTF-8 with a byte-order mark (so Excel shows
 * Chinese), CRLF line ends, quotes where needed. Text that a spreadsheet
 * would run as a formula (= + - @ at the start) is prefixed with ' so an
 * exported name can never execute.
 */
export const CSV_BOM = "\uFEFF";

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Fen as yuan with two decimals, exactly: 123456 → "1234.56", -5 → "-0.05". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
