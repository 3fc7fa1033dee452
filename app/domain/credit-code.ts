/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters
 * from a 31-character set (digits and capitals without I, O, Z, S, V); the last
 * is a check character computed from the first 17 with fixed weights, mod 31.
 */

const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblem =
  | { problem: "length"; length: number }
  | { problem: "character"; position: number; character: string }
  | { problem: "division"; division: string }
  | { problem: "check"; expected: string; actual: string };

/** The check character for a 17-character body; throws on characters outside the set. */
export function creditCodeCheckCharacter(body: string): string {
  if (body.length !== 17) throw new RangeError("a credit code body has 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(body[i] ?? "");
    if (value < 0) throw new RangeError(`character ${body[i]} is not allowed in a credit code`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CHARSET[(31 - (sum % 31)) % 31] ?? "0";
}

/** Normalises what a person typed: trims, removes spaces, upper-cases. */
export function normaliseCreditCode(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/**
 * Checks a code and names the first problem, so the form can say exactly what
 * is wrong (length, a forbidden character at a position, the division code, or
 * the check character). Returns null for a valid code.
 */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return { problem: "length", length: code.length };
  for (let i = 0; i < 18; i++) {
    const character = code[i] ?? "";
    if (!CHARSET.includes(character)) return { problem: "character", position: i + 1, character };
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) return { problem: "division", division };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  const actual = code[17] ?? "";
  if (expected !== actual) return { problem: "check", expected, actual };
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code) === null;
}
