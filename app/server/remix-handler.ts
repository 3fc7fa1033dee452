/**
 * The Express handler that runs the Remix build: @remix-run/express's
 * createRequestHandler, with one difference. The request's body is read from
 * `requestBodyOf(req)`, the stream body-limit.ts counts, not from the raw
 * socket; when that limit refuses the body (its 413 is already on the
 * way), the request's signal aborts and whatever Remix answers is dropped;
 * and anonymous requests for public pages are answered from the page cache
 * (page-cache.ts) when it holds them, and fill it when it does not.
 */
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type {
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from "express";
import { bodyRefusedSignal, requestBodyOf } from "./body-limit";
import {
  acceptsGzip,
  cachedPage,
  isShareable,
  matchesETag,
  type CachedPage,
  type PageCache,
} from "./page-cache";

export interface PageCaching {
  pages: PageCache;
  /** The request's cache key, or null when it must not be answered from the cache. */
  keyOf: (req: ExpressRequest) => Promise<string | null>;
}

export function remixHandler(options: {
  build: ServerBuild;
  mode?: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  cache?: PageCaching;
}): RequestHandler {
  const handle = createRemixRequestHandler(options.build, options.mode);
  const { cache } = options;
  return async (req, res, next) => {
    const refused = bodyRefusedSignal(req);
    try {
      const key = cache ? await cache.keyOf(req) : null;
      if (cache && key !== null) {
        // The render is shared by everyone waiting for this key, so it is not
        // tied to this client: leaving early does not abort it.
        let own: Response | null = null;
        const { page, rendered } = await cache.pages.getOrRender(key, async () => {
          const response = await handle(
            remixRequest(req, res, false),
            options.getLoadContext(req, res),
          );
          if (!isShareable(response.status, response.headers)) {
            own = response;
            return null;
          }
          const body = Buffer.from(await response.arrayBuffer());
          return cachedPage(response.status, response.headers, body);
        });
        if (page) {
          sendCached(req, res, page, rendered ? "miss" : "hit");
          return;
        }
        if (own) {
          await sendResponse(res, own);
          return;
        }
        // Someone else's render could not be shared: this request renders its own.
      }
      const request = remixRequest(req, res);
      const response = await handle(request, options.getLoadContext(req, res));
      if (refused?.aborted) {
        await response.body?.cancel();
        return;
      }
      await sendResponse(res, response);
    } catch (error) {
      if (refused?.aborted) return;
      next(error);
    }
  };
}

/** As @remix-run/express builds it: the URL from Host (and X-Forwarded-* as trusted). */
function remixRequest(req: ExpressRequest, res: ExpressResponse, abortOnClose = true): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const forwarded = Number.parseInt(forwardedPort ?? "", 10);
  const direct = Number.parseInt(hostPort ?? "", 10);
  const port = Number.isSafeInteger(forwarded)
    ? forwarded
    : Number.isSafeInteger(direct)
      ? direct
      : "";
  const url = new URL(
    `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
  );

  // Abort loaders and actions once no response can be written (the client went away
  // before it was complete), or when the body was refused.
  const controller = new AbortController();
  if (abortOnClose) {
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
  }
  const refused = bodyRefusedSignal(req);
  refused?.addEventListener("abort", () => controller.abort(refused.reason), { once: true });

  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(requestBodyOf(req));
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  const type = response.headers.get("Content-Type") ?? "";
  if (/text\/event-stream/i.test(type)) res.flushHeaders();
  if (!response.body) {
    res.end();
  } else if (/^(text\/html|application\/json)/i.test(type)) {
    // Pages and JSON are complete when Remix hands them over (entry.server.tsx
    // renders whole documents): one write with its length, not a stream of chunks.
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("Content-Length", body.length);
    res.end(body);
  } else {
    await writeReadableStreamToWritable(response.body, res);
  }
}

/** A cached page: 304 when the client holds it, else its bytes, gzip-compressed if accepted. */
function sendCached(
  req: ExpressRequest,
  res: ExpressResponse,
  page: CachedPage,
  how: "hit" | "miss",
): void {
  res.status(page.status);
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("X-Page-Cache", how);
  if (matchesETag(req.headers["if-none-match"], page.etag)) {
    res.removeHeader("Content-Type");
    res.status(304).end();
    return;
  }
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  const body = gzip ? page.gzip : page.body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  if (req.method === "HEAD") res.end();
  else res.end(body);
}
