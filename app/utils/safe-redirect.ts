/**
 * A redirect target from user input, kept on this site: only a path starting
 * with a single "/" (no "//", no "/\\", no scheme) is accepted; anything else
 * becomes `fallback`.
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
  if ([...to].some((c) => c.charCodeAt(0) < 32 || c === "\\")) return fallback;
  return to;
}
