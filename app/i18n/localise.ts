import type { Language } from "./config";

/** The text of a bilingual record in the page's language; Chinese when no English exists. */
export function localise(language: Language, zh: string, en: string | null | undefined): string {
  return language === "en" && en ? en : zh;
}

export function localName(language: Language, named: { nameZh: string; nameEn: string }): string {
  return localise(language, named.nameZh, named.nameEn);
}

/** The name of the organisation a person acts for, in the page's language. */
export function actingName(
  language: Language,
  acting: { orgNameZh: string; orgNameEn: string },
): string {
  return localise(language, acting.orgNameZh, acting.orgNameEn);
}
