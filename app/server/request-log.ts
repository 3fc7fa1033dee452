/**
 * One JSON line per request that reaches the app (static files served from
 * build/client are not logged): request id, method, Remix route, path,
 * status, duration and the acting organisation. Query strings are dropped
 * whole (password-reset tokens travel in them), ids in the path are collapsed,
 * and no header, cookie, body or address is ever read.
 */
import { matchRoutes } from "@remix-run/react";
import type { ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";
import { randomUUID } from "node:crypto";
import type { RequestFacts } from "./request-facts";

type RouteObject = Parameters<typeof matchRoutes>[0][number];

/** The path without query or fragment; numeric ids become :id, long keys :key. */
export function normalizePath(url: string): string {
  const path = url.split(/[?#]/, 1)[0] || "/";
  return path
    .split("/")
    .map((segment) =>
      /^\d+$/.test(segment)
        ? ":id"
        : segment.length >= 24 || /^[0-9a-f-]{16,}$/i.test(segment)
          ? ":key"
          : segment,
    )
    .join("/");
}

/** Finds the Remix route id (e.g. "routes/_store.products.$id") a path renders. */
export function routeMatcher(routes: ServerBuild["routes"]): (pathname: string) => string | null {
  const manifest = Object.values(routes);
  const childrenOf = (parentId: string | undefined): RouteObject[] =>
    manifest
      .filter((route) => route.parentId === parentId)
      .map((route) => {
        const children = childrenOf(route.id);
        return {
          id: route.id,
          path: route.path,
          index: route.index,
          caseSensitive: route.caseSensitive,
          ...(children.length > 0 ? { children } : {}),
        } as RouteObject;
      });
  const tree = childrenOf(undefined);
  // matchRoutes flattens and ranks the whole route tree on every call (a
  // sixth of the server's time for a small page): remember recent answers.
  const known = new Map<string, string | null>();
  return (pathname) => {
    const found = known.get(pathname);
    if (found !== undefined) return found;
    const id = matchRoutes(tree, pathname)?.at(-1)?.route.id ?? null;
    if (known.size >= MATCHES_KEPT) known.clear();
    known.set(pathname, id);
    return id;
  };
}

/** How many paths' routes the matcher remembers before it starts again. */
const MATCHES_KEPT = 5_000;

export interface RequestLogRecord {
  time: string;
  level: "info";
  msg: "request";
  requestId: string;
  method: string;
  route: string | null;
  path: string;
  status: number;
  durationMs: number;
  orgId: number | null;
  aborted?: true;
}

export function requestLogRecord(input: {
  at: Date;
  facts: RequestFacts;
  method: string;
  url: string;
  route: string | null;
  status: number;
  durationMs: number;
  finished: boolean;
}): RequestLogRecord {
  return {
    time: input.at.toISOString(),
    level: "info",
    msg: "request",
    requestId: input.facts.requestId,
    method: input.method,
    route: input.route,
    path: normalizePath(input.url),
    status: input.status,
    durationMs: Math.round(input.durationMs * 10) / 10,
    orgId: input.facts.actingOrgId,
    ...(input.finished ? {} : { aborted: true as const }),
  };
}

/**
 * Gives each request its id (`res.locals.requestFacts`, and the X-Request-Id
 * response header) and writes its line when the response is done or the
 * client went away.
 */
export function requestLogger(options: {
  matchRoute: (pathname: string) => string | null;
  write: (line: string) => void;
}): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const facts: RequestFacts = { requestId: randomUUID(), actingOrgId: null };
    res.locals.requestFacts = facts;
    res.setHeader("X-Request-Id", facts.requestId);
    res.once("close", () => {
      const record = requestLogRecord({
        at: new Date(),
        facts,
        method: req.method,
        url: req.originalUrl,
        route: options.matchRoute(req.path),
        status: res.statusCode,
        durationMs: performance.now() - started,
        finished: res.writableFinished,
      });
      options.write(JSON.stringify(record));
    });
    next();
  };
}
