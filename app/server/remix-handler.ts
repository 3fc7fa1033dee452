/**
 * The Express handler that runs the Remix build: @remix-run/express's
 * createRequestHandler, with one difference. The request's body is read from
 * `requestBodyOf(req)`, the stream body-limit.ts counts, not from the raw
 * socket; and when that limit refuses the body (its 413 is already on the
 * way), the request's signal aborts and whatever Remix answers is dropped.
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

export function remixHandler(options: {
  build: ServerBuild;
  mode?: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handle = createRemixRequestHandler(options.build, options.mode);
  return async (req, res, next) => {
    const refused = bodyRefusedSignal(req);
    try {
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
function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
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
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
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
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
