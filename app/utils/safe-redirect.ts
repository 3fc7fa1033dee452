/**
 * A redirect target from user input, kept on this site: only a path starting
 * with a single "/" (no "//", no "/\\", no scheme) is accepted; anything else
 * becomes `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  return to;
}
