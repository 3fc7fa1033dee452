/**
 * Whether the database can take writes right now. A full disk, a read-only
 * mount or an I/O error makes every write fail; each write is one transaction,
 * so a failed one leaves nothing behind, and users see "temporarily
 * unavailable" (503) until the disk is writable again. Nothing is cached:
 * the next request simply tries again, so the server recovers by itself.
 */
import type Database from "better-sqlite3";

export type UnavailableReason = "full" | "read_only" | "io_error" | "cannot_open" | "busy";

/** How long a client should wait before trying again after a 503 (Retry-After). */
export const RETRY_AFTER_SECONDS = 30;

/**
 * SQLite's (extended) result codes as better-sqlite3 reports them, and the
 * errors Node gives for files we write ourselves (uploads).
 */
const REASONS: [RegExp, UnavailableReason][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)/, "full"],
  [/^(SQLITE_READONLY|EROFS)/, "read_only"],
  [/^(SQLITE_IOERR|EIO)/, "io_error"],
  [/^SQLITE_CANTOPEN/, "cannot_open"],
  [/^SQLITE_(BUSY|LOCKED)/, "busy"],
];

/**
 * Why an error means the storage is unavailable, or null for any other error.
 * drizzle wraps driver errors (the SqliteError is the `cause`), so the chain
 * of causes is followed.
 */
export function unavailableReason(error: unknown): UnavailableReason | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = "code" in current && typeof current.code === "string" ? current.code : "";
    const match = REASONS.find(([pattern]) => pattern.test(code));
    if (match) return match[1];
    current = current.cause;
  }
  return null;
}

export type WriteProbe = { ok: true } | { ok: false; reason: UnavailableReason | "error" };

/**
 * Tries two writes. First, in a transaction that is always rolled back, a
 * row that needs new pages (a few pages of payload): this fails when the
 * file cannot grow (`SQLITE_FULL`, as `PRAGMA max_page_count` simulates).
 * sqlite_sequence is an ordinary table SQLite allows writes to, so no table
 * of our own is needed, and the rollback leaves no trace. Second, a committed
 * write of the header's user_version to its own value: a rolled-back
 * transaction never reaches the disk in WAL mode, this one does, so a
 * read-only mount or an I/O error shows.
 */
export function probeWrites(sqlite: Database.Database): WriteProbe {
  try {
    const pageSize = sqlite.pragma("page_size", { simple: true }) as number;
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      sqlite
        .prepare("insert into sqlite_sequence (name, seq) values (?, 0)")
        .run(`health-probe:${"x".repeat(pageSize * 3)}`);
    } finally {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    }
    const version = sqlite.pragma("user_version", { simple: true }) as number;
    sqlite.pragma(`user_version = ${Number(version)}`);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: unavailableReason(error) ?? "error" };
  }
}
