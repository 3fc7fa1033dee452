import { PassThrough } from "node:stream";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceContext } from "./components/nonce";
import { sqlite } from "./db.server";
import { getLanguage, i18nFor } from "./i18n/i18n.server";
import { RETRY_AFTER_SECONDS, unavailableReason } from "./models/database-health.server";
import { securityHeaders } from "./server/headers";
import { logError, logWarning } from "./server/log";

const ABORT_DELAY = 5_000;

/**
 * Renders whole documents (we wait for all data: pages are small, and a
 * complete response is what slow mobile networks and no-JS visitors need).
 * Importing db.server here opens and migrates the database at boot.
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
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", language);
          responseHeaders.set("Vary", "Cookie, Accept-Language");
          // The page says "temporarily unavailable"; the header tells clients when to retry.
          if (responseStatusCode === 503) {
            responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
            responseHeaders.set("Cache-Control", "no-store");
          }
          const production = process.env.NODE_ENV === "production";
          for (const [name, value] of Object.entries(securityHeaders({ nonce, production }))) {
            responseHeaders.set(name, value);
          }
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) {
            logError("render failed", error, { requestId: requestIdOf(loadContext) });
          }
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
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
