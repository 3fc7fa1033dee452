/**
 * Times are stored in UTC and shown in Asia/Shanghai (UTC+8, no daylight
 * saving). Calendar dates such as a certificate's validity are Shanghai dates
 * stored as "YYYY-MM-DD" text, which sorts and compares as the date does.
 */

export const SHANGHAI = "Asia/Shanghai";

const isoDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: SHANGHAI,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in Shanghai at `at`, as "YYYY-MM-DD". */
export function shanghaiDate(at: Date = new Date()): string {
  return isoDate.format(at);
}

/** The campaign year an instant belongs to: its calendar year in Shanghai. */
export function shanghaiYear(at: Date = new Date()): number {
  return Number(shanghaiDate(at).slice(0, 4));
}

/** Adds whole months to a "YYYY-MM-DD" date, clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
  ).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** Days from `from` to `to` ("YYYY-MM-DD"), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A "YYYY-MM-DD" date for people: "2026年11月28日" or "28 Nov 2026". */
export function formatDate(date: string, language: "zh-CN" | "en"): string {
  const at = new Date(`${date}T00:00:00Z`);
  return new Intl.DateTimeFormat(language === "zh-CN" ? "zh-CN" : "en-GB", {
    timeZone: "UTC",
    year: "numeric",
    month: language === "zh-CN" ? "long" : "short",
    day: "numeric",
  }).format(at);
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** An instant for people, in Shanghai time: "2026年11月28日 16:05" or "28 Nov 2026, 16:05". */
export function formatDateTime(at: Date, language: "zh-CN" | "en"): string {
  let format = dateTimes.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", {
      timeZone: SHANGHAI,
      dateStyle: "medium",
      timeStyle: "short",
    });
    dateTimes.set(language, format);
  }
  return format.format(at);
}
