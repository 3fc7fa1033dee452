/**
 * The server's scheduled backup, run in a worker thread (bundled by
 * `npm run build` into build/backup-worker.js): copy, check, prune, and post
 * the outcome back to the server, which logs it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { backupDatabase, BackupCheckFailed, pruneBackups } from "../models/backup.server";
import type { BackupJob, BackupOutcome } from "./backups";

const job = workerData as BackupJob;
let outcome: BackupOutcome;
try {
  const report = await backupDatabase({ source: job.databasePath, dir: job.dir });
  const pruned = pruneBackups(job.dir, job.databasePath, job.keep);
  outcome = { ok: true, report, pruned };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  outcome = {
    ok: false,
    name: failure.name,
    message: failure.message,
    problems: failure instanceof BackupCheckFailed ? failure.problems : [],
    stack: failure.stack,
  };
}
parentPort?.postMessage(outcome);
