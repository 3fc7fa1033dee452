/**
 * `npm run db:restore <file>`: puts a backup in place of DATABASE_PATH. It
 * refuses while a server runs on the database (its pid file) or any process
 * has it open (SQLite's exclusive lock), checks the backup (integrity_check,
 * the ledger's chain and totals) before replacing anything, and keeps the
 * replaced database as `<DATABASE_PATH>.replaced-<UTC time>`.
 */
import { formatFen } from "../domain/money";
import { env } from "../env.server";
import { restoreDatabase, RestoreRefusal } from "../models/backup.server";

const candidate = process.argv[2];
if (!candidate) {
  console.error("usage: npm run db:restore <backup file>");
  process.exit(2);
}
try {
  const report = await restoreDatabase({ target: env.DATABASE_PATH, candidate });
  console.log(`checked:   ${candidate} (integrity_check ok, ledger chain and totals verify)`);
  console.log(`entries:   ${report.entries}`);
  console.log(`head hash: ${report.headHash}`);
  console.log(`total:     ${formatFen(report.totalFen)} (${report.totalFen} fen)`);
  console.log(
    report.replaced
      ? `kept:      the database it replaced, as ${report.replaced}`
      : `kept:      nothing (there was no database at ${report.target})`,
  );
  console.log(
    `restored:  ${report.target}; start the server (it migrates the copy if it is older)`,
  );
} catch (error) {
  if (!(error instanceof RestoreRefusal)) throw error;
  console.error(`REFUSED: ${error.message}`);
  for (const problem of error.problems) console.error(`  ${problem}`);
  console.error(`nothing was changed at ${env.DATABASE_PATH}`);
  process.exit(1);
}
