import { defaultLanguage, isLanguage, type Language } from "./config";

/** Maps a BCP 47 tag to a language we serve: any Chinese tag to zh-CN, any English one to en. */
function supported(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().split("-")[0];
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** The best language in an Accept-Language header by quality, or null when none is served. */
export function languageFromAcceptHeader(header: string | null): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = qParam ? Number(qParam.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const language = supported(entry.tag);
    if (language) return language;
  }
  return null;
}

/** An explicit choice (the cookie) wins; then the browser's preferences; then Chinese. */
export function chooseLanguage(cookieValue: unknown, acceptLanguage: string | null): Language {
  if (isLanguage(cookieValue)) return cookieValue;
  return languageFromAcceptHeader(acceptLanguage) ?? defaultLanguage;
}
