/**
 * Backups and restore of the one SQLite file that holds the public record.
 *
 * A backup goes through SQLite's online backup API, never a file copy (a copy
 * of a live database can be torn between pages written at different times),
 * becomes one self-contained file (no -wal beside it), and gets its name only
 * after it passed the checks: `PRAGMA integrity_check` and the ledger's hash
 * chain and yearly totals. A restore refuses while any process has the
 * database open, checks the copy the same way before anything is replaced,
 * and keeps the file it replaces.
 */
import Database from "better-sqlite3";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { verifyLedger } from "./ledger.server";

/** Copy every page in one step: one read transaction, one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;

export interface CopyCheck {
  /** What is wrong, in words for the operator; empty when the copy is sound. */
  problems: string[];
  entries: number;
  headHash: string;
  totalFen: number;
}

/**
 * Makes a database file self-contained (rollback journal instead of WAL) and
 * checks it: the file's integrity, then the ledger's chain and totals.
 */
export function checkDatabaseCopy(file: string): CopyCheck {
  const empty = { entries: 0, headHash: "", totalFen: 0 };
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    sqlite.pragma("journal_mode = DELETE");
    const integrity = sqlite.pragma("integrity_check", { simple: false }) as {
      integrity_check: string;
    }[];
    const messages = integrity.map((row) => row.integrity_check);
    if (messages.join() !== "ok") {
      return { ...empty, problems: messages.map((m) => `integrity_check: ${m}`) };
    }
    const ledger = verifyLedger(sqlite);
    const problems = [
      ...(ledger.problem
        ? [
            `ledger entry ${ledger.problem.seq} is not what was counted (${ledger.problem.problem} does not match)`,
          ]
        : []),
      ...ledger.summaryMismatches.map(
        (m) =>
          `ledger summary for ${m.year} ${m.dimension === "total" ? "total" : `${m.dimension} ${m.key}`} says ${m.summaryFen} fen, the entries add up to ${m.ledgerFen} fen`,
      ),
    ];
    return {
      problems,
      entries: ledger.entries,
      headHash: ledger.headHash,
      totalFen: ledger.totalFen,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...empty, problems: [`not a readable database of this application: ${message}`] };
  } finally {
    sqlite?.close();
  }
}

/** 2026-11-28T19:05:12.345Z → 20261128T190512Z */
export function timeStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

function prefixOf(databasePath: string): string {
  return basename(databasePath, extname(databasePath)) || "db";
}

/** app.db at 2026-11-28 19:05:12 UTC → app-20261128T190512Z.db (…Z-2.db if taken). */
export function backupFileName(dir: string, databasePath: string, at: Date): string {
  const stem = `${prefixOf(databasePath)}-${timeStamp(at)}`;
  for (let n = 1; ; n += 1) {
    const file = join(dir, n === 1 ? `${stem}.db` : `${stem}-${n}.db`);
    if (![file, `${file}.partial`, `${file}.failed`].some((f) => existsSync(f))) return file;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface BackupReport {
  file: string;
  bytes: number;
  ms: number;
  entries: number;
  headHash: string;
  totalFen: number;
}

/** A copy that failed its checks; it is kept beside the backups as `….db.failed`. */
export class BackupCheckFailed extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`the backup copy failed its checks: ${problems.join("; ")}`);
    this.name = "BackupCheckFailed";
  }
}

/**
 * Takes a consistent copy of a database that may be in use, into `dir`, named
 * by UTC time, and checks it. Safe beside a running server: WAL lets the
 * server keep writing while the copy reads its snapshot.
 */
export async function backupDatabase(options: {
  source: string;
  dir: string;
  now?: Date;
}): Promise<BackupReport> {
  const started = performance.now();
  mkdirSync(options.dir, { recursive: true });
  const file = backupFileName(options.dir, options.source, options.now ?? new Date());
  const partial = `${file}.partial`;
  const source = new Database(options.source, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // Copied in one step, the copy never restarts because a writer committed between steps.
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const check = checkDatabaseCopy(partial);
  if (check.problems.length > 0) {
    renameSync(partial, `${file}.failed`);
    throw new BackupCheckFailed(`${file}.failed`, check.problems);
  }
  fsyncPath(partial);
  renameSync(partial, file);
  fsyncPath(options.dir);
  return {
    file,
    bytes: statSync(file).size,
    ms: Math.round(performance.now() - started),
    entries: check.entries,
    headHash: check.headHash,
    totalFen: check.totalFen,
  };
}

/**
 * Keeps the newest `keep` backups of this database in `dir` and deletes the
 * rest (and copies left half-written more than an hour ago). Failed copies
 * (`.failed`) stay until a person looks at them. Returns what it deleted.
 */
export function pruneBackups(dir: string, databasePath: string, keep: number): string[] {
  const prefix = prefixOf(databasePath).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^${prefix}-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.db$`);
  const backups = readdirSync(dir)
    .flatMap((name) => {
      const match = pattern.exec(name);
      return match ? [{ name, key: `${match[1]}.${(match[2] ?? "1").padStart(4, "0")}` }] : [];
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const stale = backups.slice(0, Math.max(0, backups.length - keep)).map((b) => b.name);
  const hourAgo = Date.now() - 3_600_000;
  const abandoned = readdirSync(dir).filter(
    (name) =>
      name.startsWith(`${prefixOf(databasePath)}-`) &&
      name.endsWith(".db.partial") &&
      statSync(join(dir, name)).mtimeMs < hourAgo,
  );
  const removed = [...stale, ...abandoned].map((name) => join(dir, name));
  for (const file of removed) rmSync(file, { force: true });
  return removed;
}

/* ---- who has the database open ---- */

/** The server writes its process id beside the database while it runs. */
export function pidFileOf(databasePath: string): string {
  return `${databasePath}.pid`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process id in the pid file, if that process is alive. */
export function serverHoldingDatabase(databasePath: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFileOf(databasePath), "utf8").trim());
  } catch {
    return null;
  }
  return Number.isSafeInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/** Writes this process's pid file; returns another live server's pid it replaced, if any. */
export function writePidFile(databasePath: string, pid = process.pid): number | null {
  const other = serverHoldingDatabase(databasePath);
  mkdirSync(dirname(resolve(databasePath)), { recursive: true });
  writeFileSync(pidFileOf(databasePath), `${pid}\n`);
  return other !== null && other !== pid ? other : null;
}

/** Removes the pid file if it is still this process's. */
export function removePidFile(databasePath: string, pid = process.pid): void {
  try {
    if (Number(readFileSync(pidFileOf(databasePath), "utf8").trim()) === pid) {
      rmSync(pidFileOf(databasePath), { force: true });
    }
  } catch {
    // Already gone.
  }
}

/* ---- restore ---- */

export type RestoreRefusalReason =
  "server_running" | "in_use" | "candidate_missing" | "candidate_is_target" | "candidate_bad";

export class RestoreRefusal extends Error {
  constructor(
    readonly reason: RestoreRefusalReason,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "RestoreRefusal";
  }
}

/**
 * Opens the database with an exclusive lock, which SQLite grants only when no
 * other connection, in any process, has the file open; then runs `work`. A
 * damaged file (the reason to restore, sometimes) skips `work`: it is moved
 * aside as it is.
 */
function withDatabaseToItself(file: string, work: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 0");
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
    sqlite.exec("COMMIT");
    work(sqlite);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
      throw new RestoreRefusal(
        "in_use",
        `another process has ${file} open (SQLite refused an exclusive lock); stop it first`,
      );
    }
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw error;
  } finally {
    sqlite.close();
  }
}

function refuseIfInUse(target: string): void {
  const pid = serverHoldingDatabase(target);
  if (pid !== null) {
    throw new RestoreRefusal(
      "server_running",
      `a server (pid ${pid}) is using ${target}; stop it first (if no server runs, delete ${pidFileOf(target)})`,
    );
  }
  if (existsSync(target)) withDatabaseToItself(target, () => undefined);
}

export interface RestoreReport {
  target: string;
  candidate: string;
  /** Where the replaced database was kept, or null when there was none. */
  replaced: string | null;
  entries: number;
  headHash: string;
  totalFen: number;
}

/**
 * Puts a backup in place of the database at `target`. Refuses, changing
 * nothing, while a server runs on it or any process has it open, and when the
 * copy fails the integrity or ledger checks. The replaced file is folded
 * (its WAL checkpointed into it) and kept as `<target>.replaced-<UTC time>`.
 */
export async function restoreDatabase(options: {
  target: string;
  candidate: string;
  now?: Date;
}): Promise<RestoreReport> {
  const { target, candidate } = options;
  if (!existsSync(candidate) || !statSync(candidate).isFile()) {
    throw new RestoreRefusal("candidate_missing", `${candidate} does not exist`);
  }
  if (resolve(candidate) === resolve(target)) {
    throw new RestoreRefusal("candidate_is_target", `${candidate} is the database itself`);
  }
  refuseIfInUse(target);

  // Check a private copy, so what is put in place is exactly what was checked.
  const stamp = timeStamp(options.now ?? new Date());
  const staging = `${target}.restoring-${stamp}`;
  mkdirSync(dirname(resolve(target)), { recursive: true });
  try {
    const source = new Database(candidate, { readonly: true, fileMustExist: true });
    try {
      await source.backup(staging, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
  } catch (error) {
    rmSync(staging, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new RestoreRefusal("candidate_bad", `${candidate} cannot be read: ${message}`, [message]);
  }
  const check = checkDatabaseCopy(staging);
  if (check.problems.length > 0) {
    rmSync(staging, { force: true });
    throw new RestoreRefusal(
      "candidate_bad",
      `${candidate} failed its checks; nothing was changed`,
      check.problems,
    );
  }

  let replaced: string | null = null;
  try {
    if (existsSync(target)) {
      withDatabaseToItself(target, (sqlite) => {
        sqlite.pragma("wal_checkpoint(TRUNCATE)");
        sqlite.pragma("journal_mode = DELETE");
      });
      replaced = `${target}.replaced-${stamp}`;
      renameSync(target, replaced);
      for (const suffix of ["-wal", "-shm"]) {
        if (existsSync(`${target}${suffix}`))
          renameSync(`${target}${suffix}`, `${replaced}${suffix}`);
      }
    }
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  fsyncPath(staging);
  renameSync(staging, target);
  fsyncPath(dirname(resolve(target)));
  return {
    target,
    candidate,
    replaced,
    entries: check.entries,
    headHash: check.headHash,
    totalFen: check.totalFen,
  };
}
