/**
 * The production HTTP server: Express in front of the Remix build. It adds
 * what Remix v2 has no middleware for: the CSRF check before any action runs,
 * a CSP nonce and request id per request, the client's address for the
 * sign-in limits, compression, static assets, and a graceful shutdown.
 * Built by `npm run build` into build/server.js; `npm start` runs it.
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { randomBytes, randomUUID } from "node:crypto";
import { resolve } from "node:path";
import en from "../../public/locales/en/common.json";
import zhCN from "../../public/locales/zh-CN/common.json";
import { chooseLanguage } from "../i18n/detect";
import { isCrossSiteWrite } from "./csrf";
import type { RequestContext } from "./context";

const port = Number(process.env.PORT ?? 3000);
const buildDir = resolve(process.cwd(), "build");
const build = (await import(resolve(buildDir, "server/index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY=1 makes req.ip the client's address.
app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) : false);
app.use(compression());
app.use(
  "/assets",
  express.static(resolve(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }),
);
app.use(express.static(resolve(buildDir, "client"), { maxAge: "1h" }));

app.use((req, res, next) => {
  const cookieLanguage = /(?:^|;\s*)lng=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  if (
    isCrossSiteWrite({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
    })
  ) {
    const language = chooseLanguage(
      cookieLanguage ? decodeURIComponent(cookieLanguage).replace(/^"|"$/g, "") : undefined,
      req.headers["accept-language"] ?? null,
    );
    const messages = language === "en" ? en : zhCN;
    res.status(403).type("text/plain; charset=utf-8").send(messages.security.crossSite);
    return;
  }
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req): RequestContext => ({
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      cspNonce: randomBytes(16).toString("base64"),
      requestId: randomUUID(),
    }),
  }),
);

const server = app.listen(port, () => {
  console.log(`server listening on http://localhost:${port}`);
});

/** On SIGTERM or SIGINT: stop accepting, let requests in flight finish (10 s at most), exit. */
function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
