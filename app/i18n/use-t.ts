import { useMemo } from "react";
import { useTranslation } from "react-i18next";

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const MAX_ENTRIES = 20_000;
const caches = new Map<string, Map<string, string>>();

/**
 * The translate function for components. Translations never change while the
 * server runs, so each (language, key, values) result is remembered: a catalog
 * page repeats the same phrases for 48 cards, and i18next's own lookup is
 * slow enough per call to dominate the page's render time.
 */
export function useT(): Translate {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    let cache = caches.get(language);
    if (!cache) {
      cache = new Map();
      caches.set(language, cache);
    }
    const memo = cache;
    return (key, options) => {
      const id = options ? `${key}\u0000${JSON.stringify(options)}` : key;
      let text = memo.get(id);
      if (text === undefined) {
        text = String(t(key, options));
        if (memo.size >= MAX_ENTRIES) memo.clear();
        memo.set(id, text);
      }
      return text;
    };
  }, [t, language]);
}
