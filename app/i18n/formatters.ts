import type { i18n } from "i18next";

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Replaces i18next's "number" formatter with one cached per language. The
 * built-in one (i18next 23) keys its cache on every interpolation value, so it
 * builds a new Intl.NumberFormat for nearly every call, which made a catalog
 * page of 48 cards spend most of its time constructing formatters.
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
}
