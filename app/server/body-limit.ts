/**
 * Request bodies are capped before Remix reads any of them: a form may carry
 * 1 MB; a route that takes a file, a little more than the largest upload it
 * accepts (its own checks then say precisely what was wrong). A body whose
 * Content-Length is over the cap is refused before a byte of it is read; any
 * other (chunked, or lying about its length) is counted as it streams and
 * refused the moment it passes the cap. Either way the answer is a translated
 * 413, reading stops, nothing is buffered, and the connection is closed after
 * the answer, so one anonymous 100 MB POST costs neither memory nor time.
 *
 * Remix reads the body through `requestBodyOf(req)` (see remix-handler.ts),
 * a stream that errors, rather than ending early, when the body is refused:
 * a cut-off form never reaches an action as if it were whole.
 */
import type { IncomingMessage } from "node:http";
import { PassThrough, type Readable } from "node:stream";
import type {
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from "express";
import { MAX_EVIDENCE_BYTES, MAX_IMAGE_BYTES, MAX_PRODUCT_PHOTOS } from "../domain/file-types";
import { PRODUCT_CSV_MAX_BYTES } from "../domain/product-csv";
import { MAX_IMPORT_BYTES } from "../domain/record-import";

const MB = 1024 * 1024;

/** Any request not listed below: a form, JSON, a Stripe event (a few kilobytes each). */
export const FORM_LIMIT = MB;

/** What a multipart upload may add to its files: the form's other fields and part headers. */
const FORM_ROOM = MB;

const EVIDENCE_LIMIT = MAX_EVIDENCE_BYTES + FORM_ROOM;

/**
 * The routes that take a file, by Remix route id, and how large a body each
 * accepts: its page's form and the JSON twin its upload-progress script posts
 * to. Every other route gets FORM_LIMIT.
 */
export const UPLOAD_LIMITS: Readonly<Record<string, number>> = {
  // Up to eight photos of 10 MB at once (photo-upload.server.ts allows 8 × 10 MB + 1 MB).
  "routes/seller.products.$id.photos": MAX_PRODUCT_PHOTOS * MAX_IMAGE_BYTES + 2 * FORM_ROOM,
  "routes/seller.products.$id.photos.upload": MAX_PRODUCT_PHOTOS * MAX_IMAGE_BYTES + 2 * FORM_ROOM,
  // One certificate scan, transfer slip, invoice, photo of the goods or piece of evidence.
  "routes/seller.products.$id.certification": EVIDENCE_LIMIT,
  "routes/seller.products.$id.certification.upload": EVIDENCE_LIMIT,
  "routes/office.records._index": EVIDENCE_LIMIT,
  "routes/buyer.records": EVIDENCE_LIMIT,
  "routes/buyer.orders.$id": EVIDENCE_LIMIT,
  "routes/seller.orders.$id": EVIDENCE_LIMIT,
  // CSV files: the office's import of outside sales, a seller's bulk edit.
  "routes/office.records.import": MAX_IMPORT_BYTES + FORM_ROOM,
  "routes/office.records.import.check": MAX_IMPORT_BYTES + FORM_ROOM,
  "routes/seller.products.bulk": PRODUCT_CSV_MAX_BYTES + FORM_ROOM,
  "routes/seller.products.bulk.check": PRODUCT_CSV_MAX_BYTES + FORM_ROOM,
  // Stripe's events are a few kilobytes (the route itself stops at 512 KB).
  "routes/webhooks.stripe": MB,
};

/** The cap for a request to the route `routeId` renders (null: no route). */
export function bodyLimitFor(routeId: string | null): number {
  return routeId !== null && Object.hasOwn(UPLOAD_LIMITS, routeId)
    ? UPLOAD_LIMITS[routeId]!
    : FORM_LIMIT;
}

/**
 * The page a request's path is for: Remix's single-fetch data requests (the
 * browser's form submissions once scripts run) post to `/buyer/orders/5.data`
 * for /buyer/orders/5, and to `/_root.data` for /.
 */
export function pagePathOf(pathname: string): string {
  if (!pathname.endsWith(".data")) return pathname;
  const page = pathname.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

/** "11 MB": how the refusal names the limit. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

interface LimitedBody {
  stream: Readable;
  /** Aborted when the body was refused. */
  refused: AbortSignal;
}

const bodies = new WeakMap<IncomingMessage, LimitedBody>();

/** The stream Remix reads the request's body from: the counted one, or the request itself. */
export function requestBodyOf(req: IncomingMessage): Readable {
  return bodies.get(req)?.stream ?? req;
}

/** Aborted if the body of `req` was refused (its 413 has been or is being sent). */
export function bodyRefusedSignal(req: IncomingMessage): AbortSignal | undefined {
  return bodies.get(req)?.refused;
}

/** How long a refused connection stays half-open, so the client can read its 413. */
export const LINGER_MS = 2000;

/**
 * Closes the connection after the answer, reading nothing more of the body.
 * Node would close a `Connection: close` response's socket the moment the
 * answer is written (`destroySoon`); with the client's body still arriving
 * that resets the connection, and a client busy sending may then never read
 * the answer. So: our side ends (the client gets the 413 and the end of the
 * stream), the socket is paused, and it is destroyed LINGER_MS later, or as
 * soon as the client closes.
 */
function closeAfterAnswer(req: IncomingMessage): void {
  // Someone consumes the body (us: not at all), so Node does not drain it after the answer.
  req.pause();
  req.read(0);
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.pause();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}

/** Whether a request has a body at all (the test of the `type-is` package). */
function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers["transfer-encoding"] !== undefined ||
    (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0")
  );
}

export interface BodyLimitOptions {
  /** The cap for this request, in bytes. */
  limitFor: (req: ExpressRequest) => number;
  /** Sends the 413 (status, headers and a short text); the connection is closed after it. */
  refuse: (req: ExpressRequest, res: ExpressResponse, limit: number) => void;
}

/**
 * Express middleware, placed before anything that reads a body. With
 * `Expect: 100-continue` (the server's "checkContinue" handler), the client
 * is told to go on only once the declared length is within the cap.
 */
export function limitRequestBodies(options: BodyLimitOptions): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req)) {
      next();
      return;
    }
    const limit = options.limitFor(req);
    const refuse = () => {
      // `Connection: close`: Node closes the socket once the answer is out (see closeAfterAnswer).
      res.setHeader("Connection", "close");
      closeAfterAnswer(req);
      options.refuse(req, res, limit);
    };
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      refuse();
      return;
    }
    if (/^100-continue$/i.test(req.headers.expect ?? "")) res.writeContinue();

    const stream = new PassThrough();
    // Whoever reads the stream hears of its errors; nobody reading must not crash the server.
    stream.on("error", () => {});
    const refused = new AbortController();
    bodies.set(req, { stream, refused: refused.signal });
    let received = 0;
    // False once the response is complete: whatever is left is counted and dropped.
    let delivering = true;

    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > limit) {
        overflow();
        return;
      }
      if (delivering && !stream.write(chunk)) req.pause();
    };
    const overflow = () => {
      req.off("data", onData);
      req.pause();
      const error = new BodyTooLargeError(limit);
      stream.destroy(error);
      refused.abort(error);
      if (res.headersSent) {
        // Answered already, without reading it all: this body is not worth reading on.
        req.socket.destroy();
        return;
      }
      refuse();
    };
    stream.on("drain", () => {
      if (delivering) req.resume();
    });
    req.on("data", onData);
    req.once("end", () => stream.end());
    req.once("error", (error) => stream.destroy(error));
    req.once("close", () => {
      // The client went away mid-body: the reader must not take what came as the whole.
      if (!req.complete) stream.destroy(new Error("request body cut short"));
    });
    res.once("finish", () => {
      if (req.complete || refused.signal.aborted) return;
      // Like Node's own handling of a body nobody read: drain it (still counted) to reach
      // the next request on this connection.
      delivering = false;
      stream.destroy();
      req.resume();
    });
    next();
  };
}
