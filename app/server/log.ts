/**
 * Structured logs: one JSON object per line, events to stdout and errors to
 * stderr, so a log shipper can parse them and a person can grep them. Callers
 * pass identifiers and figures only, never passwords, tokens, cookies, bodies
 * or personal details.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

function line(level: "info" | "warn" | "error", msg: string, fields: object): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
}

export function logEvent(msg: string, fields: LogFields = {}): void {
  process.stdout.write(`${line("info", msg, fields)}\n`);
}

export function logWarning(msg: string, fields: LogFields = {}): void {
  console.warn(line("warn", msg, fields));
}

/** An error with its stack (and its causes), for the request id given in `fields`. */
export function logError(msg: string, error: unknown, fields: LogFields = {}): void {
  console.error(line("error", msg, { ...fields, error: describeError(error) }));
}

export interface ErrorDescription {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: ErrorDescription;
}

/**
 * An error as a plain object. drizzle's query errors put the statement's
 * parameters (e-mail addresses, names, password hashes…) into their message
 * and stack; those are cut off, keeping the SQL and the driver's error.
 */
export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (!(error instanceof Error)) return { name: "NonError", message: String(error) };
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  const query = "query" in error && "params" in error ? String(error.query) : null;
  const message = query === null ? error.message : `Failed query: ${query}`;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((frame) => frame.startsWith("    at "))
    .join("\n");
  const description: ErrorDescription = {
    name: error.name,
    message,
    code,
    stack: `${error.name}: ${message}${frames ? `\n${frames}` : ""}`,
  };
  if (error.cause !== undefined && depth < 3) {
    description.cause = describeError(error.cause, depth + 1);
  }
  return description;
}
