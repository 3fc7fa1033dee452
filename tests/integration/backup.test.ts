import Database from "better-sqlite3";
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  backupDatabase,
  checkDatabaseCopy,
  pidFileOf,
  pruneBackups,
  restoreDatabase,
  RestoreRefusal,
  type BackupReport,
} from "~/models/backup.server";
import { verifyLedger } from "~/models/ledger.server";
import { startBackupSchedule } from "~/server/backups";
import { openDatabase } from "../../db/client";
import { freshDatabase } from "../setup/database";

const root = mkdtempSync(join(tmpdir(), "fdx-backup-"));
const liveFile = join(root, "live", "app.db");
mkdirSync(join(root, "live"));
const live = freshDatabase({ file: liveFile, ledger: true });
const backupDir = join(root, "backups");
afterAll(() => live.sqlite.close());

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const headHashAt = (sqlite: Database.Database, seq: number) =>
  sqlite.prepare("select hash from ledger_entries where seq = ?").pluck().get(seq) as string;

/** Another process appending to the ledger; resolves once it has started writing. */
function startWriter(file: string, ms: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/ledger-writer.ts", file, String(ms)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("started")) resolve();
    });
    child.once("exit", () => reject(new Error(`the writer stopped early: ${output}`)));
  });
  const finished = new Promise<number>((resolve) =>
    child.once("exit", () => resolve(Number(output.trim().split("\n").at(-1)))),
  );
  return { started, finished };
}

let backup: BackupReport;

describe("db:backup", () => {
  beforeAll(async () => {
    const before = verifyLedger(live.sqlite).entries;
    const writer = startWriter(liveFile, 2500);
    await writer.started;
    backup = await backupDatabase({ source: liveFile, dir: backupDir });
    const appended = await writer.finished;
    const after = verifyLedger(live.sqlite);
    // The copy was taken while the other process was writing: some entries before it, some after.
    expect(backup.entries).toBeGreaterThan(before);
    expect(after.entries).toBe(before + appended);
    expect(after.entries).toBeGreaterThan(backup.entries);
  }, 60_000);

  it("is one consistent, self-contained file named by UTC time", () => {
    expect(basename(backup.file)).toMatch(/^app-\d{8}T\d{6}Z\.db$/);
    expect(existsSync(`${backup.file}-wal`)).toBe(false);
    expect(backup.bytes).toBeGreaterThan(100_000);
    const copy = new Database(backup.file, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const report = verifyLedger(copy);
    copy.close();
    expect(report.problem).toBeNull();
    expect(report.summaryMismatches).toEqual([]);
    expect(report.entries).toBe(backup.entries);
    expect(report.headHash).toBe(backup.headHash);
  });

  it("has the live ledger's head hash as of its snapshot, a prefix of the live chain", () => {
    expect(headHashAt(live.sqlite, backup.entries)).toBe(backup.headHash);
    expect(verifyLedger(live.sqlite).problem).toBeNull();
  });

  it("prints where the copy is and its head hash (npm run db:backup)", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "app/scripts/db-backup.ts", join(root, "cli")],
      { env: { ...process.env, DATABASE_PATH: liveFile }, timeout: 60_000 },
    );
    expect(stdout).toMatch(/backup: +.*app-\d{8}T\d{6}Z\.db/);
    const head = verifyLedger(live.sqlite).headHash;
    expect(stdout).toContain(`head hash: ${head}`);
    expect(stdout).toContain("ok: integrity_check");
  }, 60_000);

  it("keeps the newest BACKUP_KEEP copies and leaves failed ones for a person", () => {
    const dir = join(root, "prune");
    mkdirSync(dir);
    const names = [
      "app-20261101T000000Z.db",
      "app-20261102T000000Z.db",
      "app-20261102T000000Z-2.db",
      "app-20261103T000000Z.db",
      "app-20261101T000000Z.db.failed",
      "other-20261101T000000Z.db",
      "app-20261104T000000Z.db.partial",
    ];
    for (const name of names) writeFileSync(join(dir, name), "");
    utimesSync(join(dir, "app-20261104T000000Z.db.partial"), new Date(0), new Date(0));
    const removed = pruneBackups(dir, "data/app.db", 2).map((f) => basename(f));
    expect(removed.sort()).toEqual(
      [
        "app-20261101T000000Z.db",
        "app-20261102T000000Z.db",
        "app-20261104T000000Z.db.partial",
      ].sort(),
    );
    expect(readdirSync(dir).sort()).toEqual(
      [
        "app-20261101T000000Z.db.failed",
        "app-20261102T000000Z-2.db",
        "app-20261103T000000Z.db",
        "other-20261101T000000Z.db",
      ].sort(),
    );
  });
});

describe("db:restore", () => {
  let targetDir: string;
  let target: string;
  let before: string;
  let listing: string[];
  /** The directory, without the -wal/-shm files any open connection keeps. */
  const files = () =>
    readdirSync(targetDir)
      .filter((name) => !/-(wal|shm)$/.test(name))
      .sort();

  /** A database where the server would have it, different from the backup. */
  beforeAll(() => {
    targetDir = join(root, "target");
    mkdirSync(targetDir);
    target = join(targetDir, "app.db");
    copyFileSync(backup.file, target);
    const database = openDatabase(target);
    database.sqlite
      .prepare(
        "insert into complaints (subject_type, subject_ref, body, contact_name, contact) values ('other', '', '恢复前的投诉', '', '')",
      )
      .run();
    database.sqlite.close();
    before = sha256(target);
    listing = files();
  });

  const refusal = async (candidate: string) => {
    const error = await restoreDatabase({ target, candidate }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefusal);
    // Nothing changed: the same bytes, no file moved aside, no copy left behind.
    expect(sha256(target)).toBe(before);
    expect(files()).toEqual(listing);
    return error as RestoreRefusal;
  };

  it("refuses while the pid file names a live server", async () => {
    writeFileSync(pidFileOf(target), `${process.pid}\n`);
    listing = files();
    const error = await refusal(backup.file);
    expect(error.reason).toBe("server_running");
    expect(error.message).toContain(String(process.pid));
  });

  it("refuses while any process has the database open", async () => {
    // A pid file left by a server that has exited is stale; the open connection is not.
    const exited = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => exited.once("exit", resolve));
    writeFileSync(pidFileOf(target), `${exited.pid}\n`);
    listing = files();
    const holder = new Database(target);
    holder.prepare("select count(*) from complaints").get();
    try {
      const error = await refusal(backup.file);
      expect(error.reason).toBe("in_use");
    } finally {
      holder.close();
    }
    before = sha256(target);
  });

  it("refuses a damaged copy", async () => {
    const damaged = join(root, "damaged.db");
    copyFileSync(backup.file, damaged);
    const bytes = readFileSync(damaged);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite the b-tree headers of a few pages with garbage.
    for (const page of [2, 3, 4, 5])
      bytes.fill(0xff, (page - 1) * pageSize, (page - 1) * pageSize + 16);
    writeFileSync(damaged, bytes);
    const error = await refusal(damaged);
    expect(error.reason).toBe("candidate_bad");
    expect(error.problems.join("\n")).toMatch(/integrity_check|malformed|not a readable/);
  });

  it("refuses a copy whose ledger was edited behind the app's back", async () => {
    const tampered = join(root, "tampered.db");
    copyFileSync(backup.file, tampered);
    const sqlite = new Database(tampered);
    const triggers = sqlite
      .prepare(
        "select name from sqlite_master where type = 'trigger' and tbl_name = 'ledger_entries'",
      )
      .pluck()
      .all() as string[];
    for (const name of triggers) sqlite.exec(`drop trigger "${name}"`);
    sqlite.prepare("update ledger_entries set amount_fen = amount_fen + 100 where seq = 3").run();
    sqlite.close();
    expect(checkDatabaseCopy(tampered).problems).not.toEqual([]);
    const error = await refusal(tampered);
    expect(error.reason).toBe("candidate_bad");
    expect(error.problems.join("\n")).toContain("ledger entry 3");
  });

  it("puts a good copy in place, keeps the replaced database, and the head hash round-trips", async () => {
    const report = await restoreDatabase({ target, candidate: backup.file });
    expect(report.headHash).toBe(backup.headHash);
    expect(report.entries).toBe(backup.entries);
    expect(report.replaced).toMatch(/app\.db\.replaced-\d{8}T\d{6}Z$/);

    const restored = openDatabase(target);
    expect(verifyLedger(restored.sqlite)).toMatchObject({
      headHash: backup.headHash,
      entries: backup.entries,
      problem: null,
    });
    const complaintsIn = (sqlite: Database.Database) =>
      sqlite.prepare("select count(*) from complaints where body = '恢复前的投诉'").pluck().get();
    expect(complaintsIn(restored.sqlite)).toBe(0);
    restored.sqlite.close();

    // The replaced file is whole (its WAL folded in) and still has what was written before.
    expect(existsSync(`${report.replaced}-wal`)).toBe(false);
    const replaced = new Database(report.replaced!, { readonly: true });
    expect(complaintsIn(replaced)).toBe(1);
    expect(replaced.pragma("integrity_check", { simple: true })).toBe("ok");
    replaced.close();
    expect(readdirSync(targetDir).filter((name) => name.includes(".restoring-"))).toEqual([]);
  });
});

describe("scheduled backups", () => {
  it("log each result and shout about each failure", async () => {
    vi.useFakeTimers();
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const run = vi
        .fn()
        .mockResolvedValueOnce({ report: backup, pruned: [] })
        .mockRejectedValueOnce(new Error("ENOSPC: no space left on device"));
      const schedule = startBackupSchedule({ everyMinutes: 5, run });
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(run).toHaveBeenCalledTimes(1);
      const logged = out.mock.calls.map(([line]) => String(line)).join("");
      expect(logged).toContain(`"msg":"backup"`);
      expect(logged).toContain(backup.headHash);

      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(run).toHaveBeenCalledTimes(2);
      const errors = vi.mocked(console.error).mock.calls.map(([line]) => String(line));
      expect(errors).toHaveLength(1);
      expect(JSON.parse(errors[0]!)).toMatchObject({
        level: "error",
        msg: "BACKUP FAILED",
        consecutiveFailures: 1,
        error: { message: "ENOSPC: no space left on device" },
      });
      vi.mocked(console.error).mockClear();
      await schedule.stop(1000);
    } finally {
      out.mockRestore();
      vi.useRealTimers();
    }
  });
});
