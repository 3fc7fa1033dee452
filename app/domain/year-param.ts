/** A campaign year from "?year=", or the current Shanghai year; null when malformed. */
export function parseYearParam(value: string | null, currentYear: number): number | null {
  if (value === null || value === "") return currentYear;
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2015 && year <= currentYear + 1 ? year : null;
}
