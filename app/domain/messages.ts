/** Splits a form message "key|{json}" into its i18n key and values (see forms.ts). */
export function messageParts(message: string): { key: string; values: Record<string, unknown> } {
  const bar = message.indexOf("|");
  if (bar < 0) return { key: message, values: {} };
  try {
    return { key: message.slice(0, bar), values: JSON.parse(message.slice(bar + 1)) };
  } catch {
    return { key: message.slice(0, bar), values: {} };
  }
}
