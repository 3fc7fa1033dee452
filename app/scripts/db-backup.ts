/**
 * `npm run db:backup [dir]`: a consistent online copy of DATABASE_PATH, safe
 * while the server runs (SQLite's backup API, never a file copy), named by UTC
 * time in BACKUP_DIR (or `dir`), then checked: integrity_check and the
 * ledger's hash chain and totals. Prints where it is and the ledger head hash;
 * exits 1, keeping the copy as `….failed`, if the copy does not check out.
 */
import { formatFen } from "../domain/money";
import { env } from "../env.server";
import { backupDatabase, BackupCheckFailed } from "../models/backup.server";

const dir = process.argv[2] ?? env.BACKUP_DIR;
try {
  const report = await backupDatabase({ source: env.DATABASE_PATH, dir });
  console.log(`database:  ${env.DATABASE_PATH}`);
  console.log(`backup:    ${report.file}`);
  console.log(`size:      ${(report.bytes / 1024 / 1024).toFixed(1)} MiB (${report.bytes} bytes)`);
  console.log(`took:      ${report.ms} ms`);
  console.log(`entries:   ${report.entries}`);
  console.log(`head hash: ${report.headHash}`);
  console.log(`total:     ${formatFen(report.totalFen)} (${report.totalFen} fen)`);
  console.log("ok: integrity_check and the ledger chain and totals verify on the copy");
} catch (error) {
  if (!(error instanceof BackupCheckFailed)) throw error;
  console.error(
    `FAILED: the copy of ${env.DATABASE_PATH} does not check out; kept as ${error.file}`,
  );
  for (const problem of error.problems) console.error(`  ${problem}`);
  process.exit(1);
}
