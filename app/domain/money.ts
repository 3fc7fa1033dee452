/**
 * Money is integer fen (分) everywhere: 1 元 = 100 分. These helpers format and
 * parse without floating point, so what is shown is exactly what is stored.
 */

export type Language = "zh-CN" | "en";

const FEN_PER_YUAN = 100;
const FEN_PER_WAN = 10_000 * FEN_PER_YUAN;
const FEN_PER_YI = 100_000_000 * FEN_PER_YUAN;
const FEN_PER_MILLION = 1_000_000 * FEN_PER_YUAN;

const grouping = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be whole fen, got ${fen}`);
}

/** Integer division rounded half away from zero, for non-negative operands. */
function divRound(numerator: number, denominator: number): number {
  return Math.floor((numerator * 2 + denominator) / (denominator * 2));
}

/** "¥1,234.56" (both languages): the exact amount with two decimals. */
export function formatFen(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  return `${sign}¥${grouping.format(yuan)}.${String(cents).padStart(2, "0")}`;
}

/** Scales `abs` by `unit` to at most two decimals, dropping trailing zeros: "1.5", "3000". */
function scaled(abs: number, unit: number): string {
  const hundredths = divRound(abs, unit / 100);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  const wholeText = grouping.format(whole);
  if (frac === 0) return wholeText;
  return `${wholeText}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/**
 * Large sums for dashboards: in Chinese "2亿元", "3000万元", "8,650元"; in
 * English "¥200 million", "¥30 million", "¥8,650". Rounded to two decimals of
 * the unit shown; use {@link formatFen} where the exact amount matters.
 */
export function formatFenLarge(fen: number, language: Language): string {
  assertFen(fen);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  if (language === "zh-CN") {
    if (abs >= FEN_PER_YI) return `${sign}${scaled(abs, FEN_PER_YI).replace(/,/g, "")}亿元`;
    if (abs >= FEN_PER_WAN) return `${sign}${scaled(abs, FEN_PER_WAN).replace(/,/g, "")}万元`;
    return `${sign}${grouping.format(divRound(abs, FEN_PER_YUAN))}元`;
  }
  if (abs >= FEN_PER_MILLION) return `${sign}¥${scaled(abs, FEN_PER_MILLION)} million`;
  return `${sign}¥${grouping.format(divRound(abs, FEN_PER_YUAN))}`;
}

/**
 * Parses a yuan amount typed by a person ("12", "12.5", "1,234.56") into fen.
 * Returns null for anything that is not a non-negative amount with at most two
 * decimals, or that is too large to be a safe integer.
 */
export function parseYuanToFen(input: string): number | null {
  const text = input.trim().replace(/[,，\s]/g, "");
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const yuan = Number(match[1]);
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  const fen = yuan * FEN_PER_YUAN + cents;
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Share of `part` in `whole` as whole percent (0–100+), rounded down; 0 when whole is 0. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.floor((part * 100) / whole);
}

/** Fen as a person would type it back into a form: "1234.5" → "1234.50", no grouping. */
export function fenToYuanInput(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / FEN_PER_YUAN)}.${String(abs % FEN_PER_YUAN).padStart(2, "0")}`;
}
