import type { i18n } from "i18next";
import { formatFen } from "~/domain/money";

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Replaces i18next's "number" formatter with one cached per language. The
 * built-in one (i18next 23) keys its cache on every interpolation value, so it
 * builds a new Intl.NumberFormat for nearly every call, which made a catalog
 * page of 48 cards spend most of its time constructing formatters. Adds
 * "fen" for amounts in messages written before the page exists (notifications).
 */
export function registerFormatters(instance: i18n): void {
  instance.services.formatter?.add("number", (value: unknown, lng: string | undefined) => {
    const language = lng ?? "zh-CN";
    let format = numberFormats.get(language);
    if (!format) {
      format = new Intl.NumberFormat(language);
      numberFormats.set(language, format);
    }
    return typeof value === "number" ? format.format(value) : String(value);
  });
  // "{{total, fen}}": an amount in fen, shown exactly as <Money> shows it (¥1,234.56).
  instance.services.formatter?.add("fen", (value: unknown) =>
    typeof value === "number" && Number.isSafeInteger(value) ? formatFen(value) : String(value),
  );
}
