/**
 * data_version, which keys the page cache, moves on with every committed
 * change to a table a public page may read, and only with those: a new table
 * is covered unless it is named here as private, with the reason.
 */
import { describe, expect, it } from "vitest";
import { freshDatabase } from "../setup/database";

/** Tables no public page reads, and why a change to them cannot change a public page. */
const PRIVATE: Record<string, string> = {
  __drizzle_migrations: "schema bookkeeping",
  data_version: "the version itself",
  sessions: "who is signed in",
  login_attempts: "sign-in limits",
  rate_limit_hits: "rate limits",
  pending_signups: "unconfirmed sign-ups",
  password_reset_tokens: "reset links",
  outbox: "mail",
  notifications: "a person's notices",
  audit_log: "office-only audit",
  complaints: "office-only complaints",
  cart_items: "a buyer's cart",
  checkouts: "a buyer's checkout",
  order_events: "an order's private history",
  stripe_events: "payment events",
  threshold_changes: "a unit's approval requests",
  ledger_summary: "derived: written only by ledger_entries' trigger, which moves the version",
};

const { sqlite } = freshDatabase({ demo: false });
const version = () =>
  sqlite.prepare("select version from data_version where id = 1").pluck().get() as number;

describe("data_version", () => {
  it("covers every table but the private ones, on insert, update and delete", () => {
    const tables = sqlite
      .prepare(
        `select name from sqlite_master where type = 'table'
         and name not like 'sqlite_%' and name not like 'product_search%'`,
      )
      .pluck()
      .all() as string[];
    const triggers = sqlite
      .prepare("select tbl_name as tableName, sql from sqlite_master where type = 'trigger'")
      .all() as { tableName: string; sql: string }[];
    const moving = (table: string, event: string) =>
      triggers.some(
        (t) =>
          t.tableName === table &&
          new RegExp(`AFTER ${event}\\b`, "i").test(t.sql) &&
          /UPDATE `data_version` SET `version` = `version` \+ 1/.test(t.sql),
      );
    const uncovered: string[] = [];
    for (const table of tables) {
      if (table in PRIVATE) {
        expect(moving(table, "INSERT"), `${table} is private`).toBe(false);
        continue;
      }
      for (const event of ["INSERT", "UPDATE", "DELETE"]) {
        if (!moving(table, event)) uncovered.push(`${table} ${event}`);
      }
    }
    expect(uncovered).toEqual([]);
    for (const table of Object.keys(PRIVATE)) expect(tables, table).toContain(table);
  });

  it("moves with a committed change and not with a rolled-back one", () => {
    const start = version();
    sqlite.prepare("update categories set name_zh = name_zh || '' ").run();
    const afterUpdate = version();
    expect(afterUpdate).toBeGreaterThan(start);
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare("update categories set name_zh = name_zh || '' ").run();
        throw new Error("rolled back");
      })(),
    ).toThrow("rolled back");
    expect(version()).toBe(afterUpdate);
  });

  it("does not move when someone signs in (only a user's name, e-mail or status do)", () => {
    sqlite
      .prepare(
        "insert into users (email, name, password_hash, status) values ('dv@example.com', 'DV', 'x', 'active')",
      )
      .run();
    const start = version();
    sqlite.prepare("update users set last_login_at = 1 where email = 'dv@example.com'").run();
    expect(version()).toBe(start);
    sqlite.prepare("update users set name = 'DV2' where email = 'dv@example.com'").run();
    expect(version()).toBe(start + 1);
  });
});
