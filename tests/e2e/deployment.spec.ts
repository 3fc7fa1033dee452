/**
 * Safe by construction: the production build refuses to serve a real
 * deployment (a public origin) with the demo's known passwords or without a
 * public origin, naming the fix; an explicit public demo starts and says so
 * on every page. Runs the built server (the one Playwright's webServer built)
 * on copies of the e2e database.
 */
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PORT = 3297;

/** A consistent copy of the running e2e server's (demo) database. */
async function demoCopy(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "fdx-deploy-")), "app.db");
  const live = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  await live.backup(file);
  live.close();
  return file;
}

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: String(PORT),
      BACKUP_EVERY_MINUTES: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, exited, stderr: () => stderr };
}

test("a public origin with the demo's accounts refuses to start, naming the fix", async () => {
  const server = serve({
    DATABASE_PATH: await demoCopy(),
    PUBLIC_ORIGIN: "https://xiaofei.example.gov.cn",
    DEV_MAILBOX: "true",
  });
  expect(await server.exited).toBe(1);
  expect(server.stderr()).toMatch(/refusing to start: .*demo accounts/);
  expect(server.stderr()).toContain("SEED_DEMO=false npm run db:seed");
  expect(server.stderr()).toContain("npm run admin:create");
  expect(server.stderr()).toMatch(/refusing to start: .*DEV_MAILBOX/);
});

test("a production server without PUBLIC_ORIGIN refuses to start", async () => {
  const server = serve({ DATABASE_PATH: await demoCopy() });
  expect(await server.exited).toBe(1);
  expect(server.stderr()).toContain("PUBLIC_ORIGIN is not set");
});

test("an explicit public demo starts, and every page says it is a demo", async ({ page }) => {
  const server = serve({
    DATABASE_PATH: await demoCopy(),
    PUBLIC_ORIGIN: `http://demo.example.org`,
    PUBLIC_DEMO: "true",
    INSECURE_COOKIES: "true",
  });
  try {
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`http://127.0.0.1:${PORT}/healthz`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 30_000 },
      )
      .toBe(200);
    for (const path of ["/", "/products", "/login"]) {
      await page.goto(`http://127.0.0.1:${PORT}${path}`);
      await expect(page.locator(".demo-banner")).toContainText("演示网站");
    }
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
});
