/**
 * Scheduled backups while the server runs (BACKUP_EVERY_MINUTES, 0 = off):
 * each copy is taken and checked in a worker thread, so seconds of copying,
 * integrity checking and re-hashing the ledger never stall requests. Every
 * result is logged; a failure is logged as an error, every time, never
 * swallowed.
 */
import { Worker } from "node:worker_threads";
import type { BackupReport } from "../models/backup.server";
import { logError, logEvent, logWarning } from "./log";

export interface BackupJob {
  databasePath: string;
  dir: string;
  keep: number;
}

/** What the worker posts back. */
export type BackupOutcome =
  | { ok: true; report: BackupReport; pruned: string[] }
  | { ok: false; name: string; message: string; problems: string[]; stack?: string };

export class BackupError extends Error {
  constructor(readonly outcome: Extract<BackupOutcome, { ok: false }>) {
    super(outcome.message);
    this.name = outcome.name;
    this.stack = outcome.stack ?? this.stack;
  }
}

/** Runs one backup in a worker thread (build/backup-worker.js); `signal` ends it early. */
export function backupInWorker(
  workerFile: string,
  job: BackupJob,
  signal: AbortSignal,
): Promise<Extract<BackupOutcome, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: job });
    const abort = () => void worker.terminate();
    signal.addEventListener("abort", abort, { once: true });
    let outcome: BackupOutcome | null = null;
    worker.once("message", (message: BackupOutcome) => (outcome = message));
    worker.once("error", (error) => {
      outcome = {
        ok: false,
        name: error.name,
        message: error.message,
        problems: [],
        stack: error.stack,
      };
    });
    worker.once("exit", (code) => {
      signal.removeEventListener("abort", abort);
      if (outcome?.ok) resolve(outcome);
      else if (outcome) reject(new BackupError(outcome));
      else reject(new Error(`the backup worker stopped (exit code ${code}) without a result`));
    });
  });
}

export interface BackupSchedule {
  /** Stops the timer; waits for a backup in progress up to `ms`, then abandons it. */
  stop(ms: number): Promise<void>;
}

export function startBackupSchedule(options: {
  everyMinutes: number;
  run: (signal: AbortSignal) => Promise<{ report: BackupReport; pruned: string[] }>;
}): BackupSchedule {
  if (options.everyMinutes <= 0) {
    logWarning("scheduled backups are off (BACKUP_EVERY_MINUTES=0)");
    return { stop: async () => undefined };
  }
  let running: Promise<void> | null = null;
  let controller = new AbortController();
  let failures = 0;

  const tick = () => {
    if (running) {
      logWarning("backup skipped: the previous one is still running");
      return;
    }
    controller = new AbortController();
    running = options
      .run(controller.signal)
      .then(
        ({ report, pruned }) => {
          logEvent("backup", {
            file: report.file,
            bytes: report.bytes,
            ms: report.ms,
            entries: report.entries,
            headHash: report.headHash,
            pruned: pruned.length,
          });
          if (failures > 0) logEvent("backups work again", { after: failures });
          failures = 0;
        },
        (error: unknown) => {
          failures += 1;
          const problems = error instanceof BackupError ? error.outcome.problems : [];
          logError("BACKUP FAILED", error, {
            consecutiveFailures: failures,
            problems: problems.length > 0 ? problems.join("; ") : undefined,
          });
        },
      )
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(tick, options.everyMinutes * 60_000);
  timer.unref();
  logEvent("scheduled backups on", { everyMinutes: options.everyMinutes });
  return {
    async stop(ms) {
      clearInterval(timer);
      const current = running;
      if (!current) return;
      let timeout: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        current.then(() => false),
        new Promise<boolean>((resolve) => {
          timeout = setTimeout(() => resolve(true), ms);
        }),
      ]);
      clearTimeout(timeout);
      if (late) {
        logWarning("backup in progress abandoned at shutdown");
        controller.abort();
        await current;
      }
    },
  };
}
