/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH and exits. */
import { openDatabase } from "./client";

const file = process.env.DATABASE_PATH ?? "data/app.db";
const { sqlite } = openDatabase(file);
const applied = sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as {
  n: number;
};
console.log(`${file}: ${applied.n} migrations applied`);
sqlite.close();
