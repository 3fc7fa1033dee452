import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToReadableStream } from "react-dom/server.browser";
import { I18nextProvider } from "react-i18next";
import { sqlite } from "./db.server";
import { getLanguage, i18nFor } from "./i18n/i18n.server";
import { RETRY_AFTER_SECONDS, unavailableReason } from "./models/database-health.server";
import { closeDocument, decodeDocument, inlineScriptHashes } from "./server/document";
import { securityHeaders } from "./server/headers";
import { logError, logWarning } from "./server/log";

const ABORT_DELAY = 5_000;

/**
 * Renders whole documents: we wait for all data (pages are small, and a
 * complete response is what slow mobile networks, no-JS visitors and the
 * page cache need), then send one body with its length. React's Web Streams
 * renderer, not the Node one: see server/document.ts for the bytes it saves
 * us from. Importing db.server here opens and migrates the database at boot.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const language = await getLanguage(request);
  const i18n = i18nFor(language);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY);
  let status = responseStatusCode;
  try {
    const stream = await renderToReadableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </I18nextProvider>,
      {
        signal: controller.signal,
        onError(error: unknown) {
          status = 500;
          logError("render failed", error, { requestId: requestIdOf(loadContext) });
        },
      },
    );
    await stream.allReady;
    const html = closeDocument(
      decodeDocument(new Uint8Array(await new Response(stream).arrayBuffer())),
    );
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Content-Language", language);
    responseHeaders.set("Vary", "Cookie, Accept-Language");
    // The page says "temporarily unavailable"; the header tells clients when to retry.
    if (status === 503) {
      responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
      responseHeaders.set("Cache-Control", "no-store");
    }
    const production = process.env.NODE_ENV === "production";
    const headers = securityHeaders({ scriptHashes: inlineScriptHashes(html), production });
    for (const [name, value] of Object.entries(headers)) responseHeaders.set(name, value);
    return new Response(html, { headers: responseHeaders, status });
  } finally {
    clearTimeout(timer);
  }
}

function requestIdOf(context: AppLoadContext): string | undefined {
  return context.requestFacts?.requestId ?? context.requestId;
}

/**
 * Errors Remix catches: in production the HTTP server's route guard has
 * already logged loader and action errors and turned them into responses, so
 * these are rendering errors (and, under `remix vite:dev`, everything).
 * Logged with the request id; a request the client abandoned is not an error.
 */
export function handleError(
  error: unknown,
  { request, context }: LoaderFunctionArgs | ActionFunctionArgs,
) {
  if (request.signal.aborted) return;
  const requestId = requestIdOf(context);
  // Remix's own 404/405 carry the internal error; they are the client's mistake.
  if (isRouteErrorResponse(error) && error.status < 500) {
    logWarning("route error", { requestId, status: error.status });
    return;
  }
  logError("request failed", error, { requestId, reason: unavailableReason(error) });
}

const readDataVersion = sqlite.prepare("select version from data_version where id = 1").pluck();

/**
 * The number every committed change to what a public page shows moves on
 * (migration 0012's triggers), for the HTTP server's page cache.
 */
export function dataVersion(): number {
  return readDataVersion.get() as number;
}

/**
 * For the HTTP server's graceful shutdown, once no request is left: folds the
 * WAL into the database file and closes the one connection.
 */
export function closeDatabase(): void {
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
}
