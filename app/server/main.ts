/**
 * The production HTTP server: Express in front of the Remix build. It adds
 * what Remix v2 has no middleware for: request bodies capped before anything
 * reads them, security headers on every response and no-store on every
 * response to someone signed in, the CSRF check before any action runs,
 * a request id per request, the client's address for the
 * sign-in limits, one log line per request, the route guard (a database that
 * cannot be written answers 503), scheduled backups, compression, static
 * assets, and a graceful shutdown.
 * Built by `npm run build` into build/server.js; `npm start` runs it.
 */
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type Request as ExpressRequest } from "express";
import { resolve } from "node:path";
import { env, publicOrigin } from "../env.server";
import { chooseLanguage } from "../i18n/detect";
import { i18nFor, languageCookie } from "../i18n/i18n.server";
import { RETRY_AFTER_SECONDS, unavailableReason } from "../models/database-health.server";
import { removePidFile, writePidFile } from "../models/backup.server";
import { backupInWorker, startBackupSchedule } from "./backups";
import { countDemoAccounts, deploymentProblems } from "./deployment";
import { bodyLimitFor, limitRequestBodies, megabytes, pagePathOf } from "./body-limit";
import type { RequestContext } from "./context";
import { isCrossSiteWrite, siteOrigins } from "./csrf";
import { cookieNames, noStoreWhenSignedIn, withSecurityHeaders } from "./headers";
import { cacheKey, isCacheableRequest, PageCache } from "./page-cache";
import { shanghaiDate } from "../domain/dates";
import { logError, logEvent, logWarning } from "./log";
import type { RequestFacts } from "./request-facts";
import { remixHandler } from "./remix-handler";
import { requestLogger, routeMatcher } from "./request-log";
import { guardRoutes } from "./route-guard";

/** The page cache's budget: a few thousand pages of the catalog. */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/** How long requests in flight (and a backup in progress) get to finish at shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

const buildDir = resolve(process.cwd(), "build");

// The pid file tells `npm run db:restore` that a server uses this database.
const otherServer = writePidFile(env.DATABASE_PATH);
if (otherServer !== null) {
  logWarning("another server uses this database too", { pid: otherServer });
}

// Importing the build opens and migrates the database.
const remixBuild = (await import(resolve(buildDir, "server/index.js"))) as ServerBuild;
const build = guardRoutes(remixBuild);
const { closeDatabase, dataVersion } = remixBuild.entry.module as unknown as {
  closeDatabase?: () => void;
  dataVersion: () => number;
};

// Safe by construction: refuse to serve a real deployment with the demo's
// known passwords, the dev mailbox, or no public origin (see deployment.ts).
const deploymentRefusals = deploymentProblems({
  nodeEnv: env.NODE_ENV,
  publicOrigin: env.PUBLIC_ORIGIN,
  host: env.HOST,
  publicDemo: env.PUBLIC_DEMO,
  devMailbox: env.DEV_MAILBOX,
  demoAccounts: countDemoAccounts(env.DATABASE_PATH),
});
if (deploymentRefusals.length > 0) {
  for (const problem of deploymentRefusals) console.error(`refusing to start: ${problem}`);
  closeDatabase?.();
  removePidFile(env.DATABASE_PATH);
  process.exit(1);
}

/** The language a request's pages are rendered in, as entry.server.tsx chooses it. */
async function languageOf(req: ExpressRequest) {
  const cookie: unknown = await languageCookie.parse(req.headers.cookie ?? null);
  return chooseLanguage(cookie, req.headers["accept-language"] ?? null);
}

/** The translator for a request Remix has not seen (CSRF refusals, last-resort errors). */
async function translatorFor(req: ExpressRequest) {
  const language = await languageOf(req);
  return i18nFor(language).getFixedT(language);
}

const matchRoute = routeMatcher(build.routes);

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY=1 makes req.ip the client's address (0: no proxy).
app.set("trust proxy", env.TRUST_PROXY);

// Security headers on every response, static files and Express's own errors included;
// HTML pages bring their own CSP (see headers.ts).
app.use(withSecurityHeaders({ production: env.NODE_ENV === "production" }));

app.use(compression());
app.use(
  "/assets",
  express.static(resolve(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }),
);
// The other public files (favicon, robots.txt, locales) all have an extension; a
// page's path never does, so pages skip the file system lookup.
const publicFiles = express.static(resolve(buildDir, "client"), { maxAge: "1h" });
app.use((req, res, next) => {
  if (/\.[a-z0-9]+$/i.test(req.path)) publicFiles(req, res, next);
  else next();
});

// Whatever answers someone signed in is never cached (static files above, the same for
// everyone, keep theirs).
app.use(noStoreWhenSignedIn());

app.use(
  requestLogger({
    matchRoute,
    write: (line) => process.stdout.write(`${line}\n`),
  }),
);

// Requests in flight, so a shutdown can tell their sockets to close after them.
const inFlight = new Set<express.Response>();
let stopping = false;
app.use((_req, res, next) => {
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
  if (stopping) res.setHeader("Connection", "close");
  next();
});

// Request bodies are capped before anything reads them: a translated 413 (see body-limit.ts).
app.use(
  limitRequestBodies({
    limitFor: (req) => bodyLimitFor(matchRoute(pagePathOf(req.path))),
    refuse: (req, res, limit) => {
      translatorFor(req).then(
        (t) =>
          res
            .status(413)
            .type("text/plain; charset=utf-8")
            .send(t("security.tooLarge", { limit: megabytes(limit) })),
        () => res.status(413).end(),
      );
    },
  }),
);

const thisSite = siteOrigins(publicOrigin());
app.use((req, res, next) => {
  if (
    !isCrossSiteWrite(
      {
        method: req.method,
        origin: req.headers.origin,
        secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
      },
      thisSite,
    )
  ) {
    next();
    return;
  }
  translatorFor(req).then(
    (t) => res.status(403).type("text/plain; charset=utf-8").send(t("security.crossSite")),
    next,
  );
});

/** Rendered public pages, shared by anonymous visitors (see page-cache.ts). */
const pages = new PageCache(PAGE_CACHE_BYTES);

app.all(
  "*",
  remixHandler({
    build,
    mode: process.env.NODE_ENV,
    cache: {
      pages,
      keyOf: async (req) => {
        const url = req.originalUrl;
        const names = cookieNames(req.headers.cookie);
        if (!isCacheableRequest({ method: req.method, url, cookieNames: names })) return null;
        // Read before the page's loaders run: a change committed during the render
        // moves the version on, and the next request renders again.
        const version = dataVersion();
        const language = await languageOf(req);
        return cacheKey({ url, language, dataVersion: version, today: shanghaiDate() });
      },
    },
    getLoadContext: (req, res): RequestContext & { requestFacts: RequestFacts } => {
      const requestFacts = res.locals.requestFacts as RequestFacts;
      return {
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        requestId: requestFacts.requestId,
        requestFacts,
      };
    },
  }),
);

/** The last resort, for an error outside any loader or action: logged, and a translated line. */
const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
  const requestId = (res.locals.requestFacts as RequestFacts | undefined)?.requestId ?? "-";
  const reason = unavailableReason(error);
  logError(reason ? "database unavailable" : "request failed", error, { requestId, reason });
  if (res.headersSent) {
    res.end();
    return;
  }
  translatorFor(req).then(
    (t) => {
      if (reason) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      res
        .status(reason ? 503 : 500)
        .type("text/plain; charset=utf-8")
        .send(
          `${reason ? t("ops.unavailableBody") : t("error.body")}\n${t("ops.reference")} ${requestId}\n`,
        );
    },
    () => res.status(500).end(),
  );
};
app.use(lastResort);

const server = app.listen(env.PORT, env.HOST, () => {
  const host = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  logEvent("listening", {
    url: `http://${host}:${env.PORT}`,
    publicOrigin: publicOrigin(),
    pid: process.pid,
  });
});
// `Expect: 100-continue` goes through the app too, so an over-long upload is refused
// before its body is sent (limitRequestBodies says "continue" otherwise).
server.on("checkContinue", app);

const backups = startBackupSchedule({
  everyMinutes: env.BACKUP_EVERY_MINUTES,
  run: (signal) =>
    backupInWorker(
      resolve(buildDir, "backup-worker.js"),
      { databasePath: env.DATABASE_PATH, dir: env.BACKUP_DIR, keep: env.BACKUP_KEEP },
      signal,
    ),
});

/**
 * On SIGTERM or SIGINT: stop accepting connections; let requests in flight
 * (and a backup in progress) finish, for 10 s at most, then cut the rest;
 * fold the WAL into the database and close it; remove the pid file; exit 0.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = performance.now();
  logEvent("shutting down", { signal, inFlight: inFlight.size });
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Keep-alive connections with nothing in flight are closed as they become idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    Promise.all([closed, backups.stop(SHUTDOWN_GRACE_MS)]).then(() => false),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(true), SHUTDOWN_GRACE_MS);
    }),
  ]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (late) {
    logWarning("shutdown grace period over: closing remaining connections", {
      inFlight: inFlight.size,
    });
    server.closeAllConnections();
  }
  try {
    closeDatabase?.();
  } catch (error) {
    logError("closing the database failed", error);
  }
  removePidFile(env.DATABASE_PATH);
  logEvent("stopped", { signal, ms: Math.round(performance.now() - started) });
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
