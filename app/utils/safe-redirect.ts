/**
 * A redirect target from user input, kept on this site: only a path starting
 * with a single "/" (no "//", no "/\\", no scheme, no control character) is
 * accepted; anything else becomes `fallback`. Characters outside ASCII (a
 * Chinese path or query, `/订单`) come back percent-encoded, as a Location
 * header must carry them; the rest, escapes already there included, is kept
 * as it was.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    to.startsWith("//") ||
    to.startsWith("/\\")
  ) {
    return fallback;
  }
  let path = "";
  for (const c of to) {
    const code = c.codePointAt(0)!;
    if (code < 32 || code === 127 || c === "\\") return fallback;
    if (code < 128) {
      path += c;
      continue;
    }
    // A lone surrogate cannot be encoded (encodeURIComponent throws): not a path.
    if (code >= 0xd800 && code <= 0xdfff) return fallback;
    path += encodeURIComponent(c);
  }
  return path;
}
