/**
 * `npm run ledger:verify`: re-computes the ledger's hash chain and totals from
 * DATABASE_PATH and prints the entry count, head hash and total. Exits 1,
 * naming the first bad entry, if anything was altered behind the app's back.
 */
import Database from "better-sqlite3";
import { formatFen } from "../domain/money";
import { verifyLedger } from "../models/ledger.server";

const file = process.env.DATABASE_PATH ?? "data/app.db";
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const report = verifyLedger(sqlite);
sqlite.close();

console.log(`database:  ${file}`);
console.log(`entries:   ${report.entries}`);
console.log(`head hash: ${report.headHash}`);
console.log(`total:     ${formatFen(report.totalFen)} (${report.totalFen} fen)`);
if (report.problem) {
  const { seq, problem } = report.problem;
  console.error(`FAILED: entry ${seq} is not what was counted (${problem} does not match)`);
  process.exit(1);
}
for (const m of report.summaryMismatches) {
  const where = m.dimension === "total" ? "total" : `${m.dimension} ${m.key}`;
  console.error(
    `FAILED: the ${m.year} summary for ${where} says ${m.summaryFen} fen in ${m.summaryEntries} entries, the entries add up to ${m.ledgerFen} fen in ${m.ledgerEntries}`,
  );
}
if (report.summaryMismatches.length > 0) process.exit(1);
console.log("ok: the chain and every dimension of the yearly summaries verify");
