import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { describeError } from "~/server/log";
import { bindRequestFacts, noteActingOrganisation } from "~/server/request-facts";
import { normalizePath, requestLogger, routeMatcher } from "~/server/request-log";

describe("request paths in the log", () => {
  it("drops the query string and fragment whole (reset tokens travel there)", () => {
    expect(normalizePath("/reset-password?token=abc123secret&email=a@b.cn")).toBe(
      "/reset-password",
    );
    expect(normalizePath("/products?q=%E5%BD%93%E5%BD%92#top")).toBe("/products");
    expect(normalizePath("/")).toBe("/");
    expect(normalizePath("?x=1")).toBe("/");
  });

  it("collapses numeric ids and long keys", () => {
    expect(normalizePath("/buyer/orders/1234/paid")).toBe("/buyer/orders/:id/paid");
    expect(normalizePath("/counties/621102")).toBe("/counties/:id");
    expect(normalizePath("/media/products/9f86d081884c7d659a2feaa0c55ad015.webp")).toBe(
      "/media/products/:key",
    );
    expect(normalizePath("/orders/7/files/invoice")).toBe("/orders/:id/files/invoice");
  });
});

const routes = {
  root: { id: "root", path: "" },
  "routes/_store": { id: "routes/_store", parentId: "root" },
  "routes/_store._index": { id: "routes/_store._index", parentId: "routes/_store", index: true },
  "routes/_store.products.$id": {
    id: "routes/_store.products.$id",
    parentId: "routes/_store",
    path: "products/:id",
  },
  "routes/_store.$": { id: "routes/_store.$", parentId: "routes/_store", path: "*" },
  "routes/buyer.orders.$id": {
    id: "routes/buyer.orders.$id",
    parentId: "root",
    path: "buyer/orders/:id",
  },
} as unknown as ServerBuild["routes"];

describe("route ids", () => {
  const match = routeMatcher(routes);
  it("names the Remix route a path renders", () => {
    expect(match("/")).toBe("routes/_store._index");
    expect(match("/products/42")).toBe("routes/_store.products.$id");
    expect(match("/buyer/orders/7")).toBe("routes/buyer.orders.$id");
    expect(match("/no/such/page")).toBe("routes/_store.$");
  });
});

/** A request and response as Express hands them to middleware, with a cookie and a body. */
function exchange(url: string) {
  const req = {
    method: "POST",
    originalUrl: url,
    path: url.split("?")[0],
    headers: { cookie: "__Host-session=s3cr3t-session-id", authorization: "Bearer tok" },
    body: { password: "hunter22", cardNumber: "4242424242424242" },
    ip: "203.0.113.7",
  } as unknown as Request;
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    writableFinished: true,
    locals: {} as Record<string, unknown>,
    headers: {} as Record<string, string>,
    setHeader(name: string, value: string) {
      this.headers[name] = value;
    },
  });
  return { req, res };
}

describe("the request log line", () => {
  it("has the id, method, route, path, status, duration and acting organisation", () => {
    const lines: string[] = [];
    const log = requestLogger({ matchRoute: routeMatcher(routes), write: (l) => lines.push(l) });
    const { req, res } = exchange("/buyer/orders/812?token=reset-me-now");
    let called = false;
    log(req, res as unknown as Response, (() => (called = true)) as NextFunction);
    expect(called).toBe(true);

    // The app notes the acting organisation on the Request it got (via the load context).
    const facts = res.locals.requestFacts as { requestId: string; actingOrgId: number | null };
    const remixRequest = new Request("http://localhost/buyer/orders/812");
    bindRequestFacts(remixRequest, facts);
    noteActingOrganisation(remixRequest, 17);
    res.statusCode = 303;
    res.emit("close");

    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(record).toMatchObject({
      level: "info",
      msg: "request",
      requestId: facts.requestId,
      method: "POST",
      route: "routes/buyer.orders.$id",
      path: "/buyer/orders/:id",
      status: 303,
      orgId: 17,
    });
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["X-Request-Id"]).toBe(facts.requestId);
    expect(typeof record.durationMs).toBe("number");
    expect(new Date(record.time as string).getTime()).not.toBeNaN();
    expect(record).not.toHaveProperty("aborted");
    expect(Object.keys(record).sort()).toEqual(
      [
        "durationMs",
        "level",
        "method",
        "msg",
        "orgId",
        "path",
        "requestId",
        "route",
        "status",
        "time",
      ].sort(),
    );
    // The id, time and duration are random or clock digits; everything else must be free of secrets.
    const rest = JSON.stringify({ ...record, requestId: "", time: "", durationMs: 0 });
    expect(line).not.toMatch(/token|s3cr3t|hunter22|Bearer|cookie|password/i);
    for (const secret of [
      "reset-me-now",
      "token",
      "s3cr3t",
      "Bearer",
      "hunter22",
      "4242",
      "812",
      "203.0.113.7",
    ]) {
      expect(rest).not.toContain(secret);
    }
  });

  it("marks a request the client abandoned, and has no organisation for the public", () => {
    const lines: string[] = [];
    const log = requestLogger({ matchRoute: () => null, write: (l) => lines.push(l) });
    const { req, res } = exchange("/products");
    log(req, res as unknown as Response, (() => undefined) as NextFunction);
    res.writableFinished = false;
    res.emit("close");
    res.emit("close");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: null, orgId: null, aborted: true });
  });
});

describe("errors in the log", () => {
  it("keep the SQL and stack of a failed query but not its parameters", () => {
    const cause = Object.assign(new Error("UNIQUE constraint failed: users.email"), {
      code: "SQLITE_CONSTRAINT_UNIQUE",
    });
    const error = Object.assign(
      new Error("Failed query: insert into users (email) values (?)\nparams: wang@example.cn"),
      { query: "insert into users (email) values (?)", params: ["wang@example.cn"], cause },
    );
    const described = describeError(error);
    expect(JSON.stringify(described)).not.toContain("wang@example.cn");
    expect(described.message).toBe("Failed query: insert into users (email) values (?)");
    expect(described.stack).toMatch(/\n {4}at /);
    expect(described.cause).toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE" });
  });
});
