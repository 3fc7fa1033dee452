/**
 * A database that cannot be written: the disk is "full" (simulated with
 * PRAGMA max_page_count on the app's own connection). Requests go through
 * Remix's real request handler, with the real root, entry and routes, wrapped
 * by the same route guard the production server uses.
 */
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RequestFacts } from "~/server/request-facts";
import { guardRoutes } from "~/server/route-guard";
import en from "../../public/locales/en/common.json";
import zh from "../../public/locales/zh-CN/common.json";
import { freshDatabase } from "../setup/database";

// Seed the file the app opens (DATABASE_PATH, set per test file), then load the app.
freshDatabase({ file: process.env.DATABASE_PATH }).sqlite.close();

type Handler = ReturnType<typeof createRequestHandler>;
let handle: Handler;
let sqlite: Database.Database;

/** A server build of the routes this test needs, shaped as `remix vite:build` writes it. */
async function buildOf(): Promise<ServerBuild> {
  const shapes = {
    root: { parentId: undefined, path: "", module: await import("~/root") },
    "routes/_store": { parentId: "root", path: undefined, module: await import("~/routes/_store") },
    "routes/_store.complaints.new": {
      parentId: "routes/_store",
      path: "complaints/new",
      module: await import("~/routes/_store.complaints.new"),
    },
    "routes/healthz": {
      parentId: "root",
      path: "healthz",
      module: await import("~/routes/healthz"),
    },
  };
  const routes = Object.fromEntries(
    Object.entries(shapes).map(([id, shape]) => [id, { id, index: undefined, ...shape }]),
  );
  const manifest = Object.fromEntries(
    Object.entries(shapes).map(([id, { module, ...shape }]) => [
      id,
      {
        id,
        ...shape,
        hasAction: "action" in module,
        hasLoader: "loader" in module,
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: "ErrorBoundary" in module,
        module: `/assets/${id}.js`,
        imports: [],
        css: [],
      },
    ]),
  );
  return {
    mode: "production",
    entry: { module: await import("~/entry.server") },
    routes,
    assets: {
      entry: { module: "/assets/entry.client.js", imports: [], css: [] },
      routes: manifest,
      url: "/assets/manifest.js",
      version: "test",
    },
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_routeConfig: false,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      unstable_optimizeDeps: false,
    },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    basename: "/",
    isSpaMode: false,
  } as unknown as ServerBuild;
}

beforeAll(async () => {
  handle = createRequestHandler(guardRoutes(await buildOf()), "production");
  ({ sqlite } = await import("~/db.server"));
});
afterAll(() => {
  sqlite.pragma("max_page_count = 1073741823");
});

let requests = 0;
function send(path: string, init: RequestInit = {}) {
  requests += 1;
  const requestFacts: RequestFacts = { requestId: `test-request-${requests}`, actingOrgId: null };
  return handle(new Request(`http://localhost${path}`, init), {
    clientIp: CLIENT_IP,
    requestId: requestFacts.requestId,
    requestFacts,
  });
}

const CLIENT_IP = "198.51.100.7";

function fileComplaint(language: "en" | "zh-CN") {
  return send("/complaints/new", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Accept-Language": language,
    },
    body: new URLSearchParams({
      subjectType: "other",
      subjectRef: "P-1",
      body: "收到的当归包装破损，请核实处理。",
      contactName: "",
      contact: "",
    }).toString(),
  });
}

const count = (table: string) =>
  sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;

/** Runs `insert` until the file has no room for it. */
function untilFull(insert: () => void) {
  try {
    for (;;) insert();
  } catch (error) {
    expect((error as { code?: string }).code).toBe("SQLITE_FULL");
  }
}

/**
 * Fills the file up to max_page_count: no free page is left to grow into, and
 * the audit log's pages are full of rows like the one the next complaint
 * writes. The complaints table still has room in its last page, so filing a
 * complaint writes its row first, and the transaction's second write (the
 * audit row) is the one that fails.
 */
function fillTheDisk() {
  sqlite.exec("create table if not exists test_filler (payload blob)");
  sqlite.pragma(`max_page_count = ${sqlite.pragma("page_count", { simple: true }) as number}`);
  for (const size of [4000, 500, 50, 1]) {
    untilFull(() => sqlite.prepare("insert into test_filler values (zeroblob(?))").run(size));
  }
  const nextComplaint = String(
    (sqlite.prepare("select coalesce(max(id), 0) + 1 from complaints").pluck().get() as number) + 1,
  );
  const audit = sqlite.prepare(
    `insert into audit_log (at, action, target_type, target_id, ip)
     values (?, 'complaint.filed', 'complaint', ?, ?)`,
  );
  untilFull(() => audit.run(Date.now(), nextComplaint, CLIENT_IP));
}

function errorLines(): Record<string, unknown>[] {
  const lines = vi.mocked(console.error).mock.calls.map(([line]) => String(line));
  vi.mocked(console.error).mockClear();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("a database that cannot be written", () => {
  it("answers 503 with a translated page quoting the request id, and writes nothing", async () => {
    fillTheDisk();
    const complaints = count("complaints");
    const audits = count("audit_log");
    // Prove the premise: the complaint row is written before the audit row fails.
    let complaintRowsWritten = 0;
    sqlite.function("note_complaint_row", () => {
      complaintRowsWritten += 1;
      return null;
    });
    sqlite.exec(
      "create temp trigger note_complaint after insert on main.complaints begin select note_complaint_row(); end",
    );

    const response = await fileComplaint("en");
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("30");
    const html = await response.text();
    expect(html).toContain(`<html lang="en"`);
    expect(html).toContain(`<title>${en.ops.unavailableTitle} · ${en.site.name}</title>`);
    expect(html).toContain(en.ops.unavailableTitle);
    expect(html).toContain(en.ops.unavailableBody);
    expect(html).toContain(en.ops.reference);
    expect(html).toContain(`test-request-${requests}`);
    expect(html).not.toMatch(/SQLITE|database or disk is full/i);

    expect(complaintRowsWritten).toBe(1);
    expect(count("complaints")).toBe(complaints);
    expect(count("audit_log")).toBe(audits);

    const [logged, ...rest] = errorLines();
    expect(rest).toEqual([]);
    expect(logged).toMatchObject({
      level: "error",
      msg: "database unavailable",
      requestId: `test-request-${requests}`,
      route: "routes/_store.complaints.new",
      reason: "full",
    });
    expect(JSON.stringify(logged)).toContain("SQLITE_FULL");
    expect(JSON.stringify(logged)).not.toContain("包装破损");

    // In Chinese by default.
    const zhResponse = await fileComplaint("zh-CN");
    expect(zhResponse.status).toBe(503);
    const zhHtml = await zhResponse.text();
    expect(zhHtml).toContain(zh.ops.unavailableTitle);
    expect(zhHtml).toContain(zh.ops.unavailableBody);
    expect(errorLines()).toHaveLength(1);
    expect(count("complaints")).toBe(complaints);
  });

  it("/healthz says so", async () => {
    const response = await send("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "unavailable",
      database: "unwritable",
      reason: "full",
    });
  });

  it("recovers by itself once the disk has room again", async () => {
    sqlite.pragma("max_page_count = 1073741823");
    const complaints = count("complaints");
    const audits = count("audit_log");
    const response = await fileComplaint("en");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your complaint is filed as number");
    expect(count("complaints")).toBe(complaints + 1);
    expect(count("audit_log")).toBe(audits + 1);

    const health = await send("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "reachable" });
  });
});

describe("any other failure", () => {
  it("answers 500 with the generic translated message and the request id, and logs the stack", async () => {
    sqlite.exec(
      "create temp trigger break_complaints before insert on main.complaints begin select raise(abort, 'a bug'); end",
    );
    try {
      const response = await fileComplaint("en");
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain(en.error.title);
      expect(html).toContain(`test-request-${requests}`);
      expect(html).not.toContain("a bug");
      const [logged] = errorLines();
      expect(logged).toMatchObject({
        msg: "request failed",
        requestId: `test-request-${requests}`,
      });
      expect(JSON.stringify(logged)).toMatch(/\\n {4}at /);
    } finally {
      sqlite.exec("drop trigger temp.break_complaints");
    }
  });
});
