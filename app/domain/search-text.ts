/**
 * Catalog search that finds Chinese substrings of any length (当归, 马铃薯, 参).
 * SQLite's trigram tokenizer cannot match fewer than three characters, so we
 * index each Han character as its own token and search with FTS5 phrase
 * queries: consecutive tokens in a phrase are exactly a substring. Latin words
 * stay whole words and match by prefix ("angel" finds "angelica").
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;

const MAX_QUERY_CHARS = 100;
const MAX_TERMS = 8;

/** Splits text into search tokens: one per Han character, one per other word. */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  const normalised = text.normalize("NFKC").toLowerCase();
  for (const match of normalised.matchAll(WORD)) {
    let latin = "";
    for (const character of match[0]) {
      if (HAN.test(character)) {
        if (latin) tokens.push(latin);
        latin = "";
        tokens.push(character);
      } else {
        latin += character;
      }
    }
    if (latin) tokens.push(latin);
  }
  return tokens;
}

/** The text stored in the full-text index for a field. */
export function indexText(...parts: (string | null | undefined)[]): string {
  return searchTokens(parts.filter(Boolean).join(" ")).join(" ");
}

/**
 * Builds an FTS5 MATCH expression from what a person typed: every
 * space-separated term must appear (AND); a term is a phrase of its tokens, and
 * a term ending in a Latin word matches that word as a prefix. Returns null
 * when nothing searchable is left. Tokens are letters and digits only, so the
 * expression cannot carry FTS5 syntax from the input.
 */
export function buildMatchQuery(query: string): string | null {
  const terms = query.slice(0, MAX_QUERY_CHARS).split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  const phrases: string[] = [];
  for (const term of terms) {
    const tokens = searchTokens(term);
    const last = tokens.at(-1);
    if (!last) continue;
    const prefix = HAN.test(last) ? "" : " *";
    phrases.push(`"${tokens.join(" ")}"${prefix}`);
  }
  return phrases.length > 0 ? phrases.join(" AND ") : null;
}
