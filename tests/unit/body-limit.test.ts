import express from "express";
import { readdirSync, readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_EVIDENCE_BYTES, MAX_IMAGE_BYTES, MAX_PRODUCT_PHOTOS } from "~/domain/file-types";
import { PRODUCT_CSV_MAX_BYTES } from "~/domain/product-csv";
import {
  BodyTooLargeError,
  bodyLimitFor,
  FORM_LIMIT,
  limitRequestBodies,
  megabytes,
  pagePathOf,
  requestBodyOf,
  UPLOAD_LIMITS,
} from "~/server/body-limit";

const MB = 1024 * 1024;

describe("body limits by route", () => {
  it("give forms, JSON and unknown paths 1 MB", () => {
    expect(bodyLimitFor(null)).toBe(MB);
    expect(bodyLimitFor("routes/_auth.login")).toBe(MB);
    expect(bodyLimitFor("routes/webhooks.stripe")).toBe(MB);
    expect(bodyLimitFor("__proto__")).toBe(FORM_LIMIT);
  });

  it("give each upload a little more than its route accepts", () => {
    const photos = MAX_PRODUCT_PHOTOS * MAX_IMAGE_BYTES + MB;
    for (const id of [
      "routes/seller.products.$id.photos",
      "routes/seller.products.$id.photos.upload",
    ])
      expect(bodyLimitFor(id)).toBeGreaterThan(photos);
    for (const id of [
      "routes/seller.products.$id.certification",
      "routes/seller.products.$id.certification.upload",
      "routes/office.records._index",
      "routes/buyer.records",
      "routes/buyer.orders.$id",
      "routes/seller.orders.$id",
    ]) {
      expect(bodyLimitFor(id), id).toBeGreaterThan(MAX_EVIDENCE_BYTES);
      expect(bodyLimitFor(id), id).toBeLessThanOrEqual(MAX_EVIDENCE_BYTES + 2 * MB);
    }
    expect(bodyLimitFor("routes/office.records.import.check")).toBeGreaterThan(50 * MB);
    expect(bodyLimitFor("routes/seller.products.bulk.check")).toBeGreaterThan(
      PRODUCT_CSV_MAX_BYTES,
    );
    expect(megabytes(bodyLimitFor("routes/buyer.records"))).toBe("11 MB");
  });

  it("apply to Remix's data requests as to the page they post to", () => {
    expect(pagePathOf("/buyer/orders/5.data")).toBe("/buyer/orders/5");
    expect(pagePathOf("/office/records.data")).toBe("/office/records");
    expect(pagePathOf("/_root.data")).toBe("/");
    expect(pagePathOf("/buyer/orders/5")).toBe("/buyer/orders/5");
  });

  it("cover every route that reads an upload, and name only routes that exist", () => {
    const readers =
      /readOrderUpload|readEvidenceUpload|uploadProductPhotos|attachCertificationFromRequest|checkUploadedImport|checkBulkUpload|readPhotoUpload|unstable_parseMultipartFormData|readMultipartFormData/;
    const files = readdirSync("app/routes");
    const uploading = files
      .filter((file) =>
        /export async function action/.test(readFileSync(`app/routes/${file}`, "utf8")),
      )
      .filter((file) => readers.test(readFileSync(`app/routes/${file}`, "utf8")))
      .map((file) => `routes/${file.replace(/\.tsx?$/, "")}`);
    expect(uploading.length).toBeGreaterThanOrEqual(10);
    for (const id of uploading) expect(bodyLimitFor(id), id).toBeGreaterThan(FORM_LIMIT);
    const routeIds = new Set(files.map((file) => `routes/${file.replace(/\.tsx?$/, "")}`));
    for (const id of Object.keys(UPLOAD_LIMITS)) expect(routeIds.has(id), id).toBe(true);
  });
});

/** The middleware on a small app whose one route reads the body the way Remix does. */
describe("limitRequestBodies", () => {
  const LIMIT = 64 * 1024;
  let port = 0;
  let close: () => void = () => {};
  /** What the route saw of each body: its length, or the error its stream ended with. */
  const seen: (number | Error)[] = [];

  beforeAll(async () => {
    const app = express();
    app.use(
      limitRequestBodies({
        limitFor: (req) => (req.path === "/big" ? 4 * LIMIT : LIMIT),
        refuse: (_req, res, limit) => {
          res.status(413).type("text/plain").send(`over ${limit}`);
        },
      }),
    );
    app.post(["/", "/big"], (req, res) => {
      const chunks: Buffer[] = [];
      const body = requestBodyOf(req);
      body.on("data", (chunk: Buffer) => chunks.push(chunk));
      body.on("end", () => {
        seen.push(Buffer.concat(chunks).length);
        if (!res.headersSent) res.send(`got ${Buffer.concat(chunks).length}`);
      });
      body.on("error", (error) => seen.push(error));
    });
    app.post("/ignore", (_req, res) => {
      res.send("not read");
    });
    const server = app.listen(0, "127.0.0.1");
    server.on("checkContinue", app);
    await new Promise((done) => server.once("listening", done));
    port = (server.address() as AddressInfo).port;
    close = () => server.close();
  });
  afterAll(() => close());

  interface Answer {
    status: number;
    headers: IncomingHttpHeaders;
    text: string;
    continued: boolean;
    /** Bytes the client managed to hand to its socket before the answer came. */
    written: number;
  }

  /** Sends `size` bytes in 16 KB chunks, declared by Content-Length or chunked. */
  function send(
    path: string,
    size: number,
    mode: "length" | "chunked" | "expect",
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
      if (mode !== "chunked") headers["Content-Length"] = String(size);
      if (mode === "expect") headers.Expect = "100-continue";
      const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers });
      let continued = false;
      let written = 0;
      let answered = false;
      const chunk = Buffer.alloc(16 * 1024, 97);
      const pump = () => {
        while (!answered && written < size) {
          const piece = chunk.subarray(0, Math.min(chunk.length, size - written));
          written += piece.length;
          if (!req.write(piece)) {
            req.once("drain", pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      req.on("continue", () => {
        continued = true;
        pump();
      });
      req.on("response", (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            text: Buffer.concat(parts).toString(),
            continued,
            written,
          }),
        );
        res.on("error", reject);
      });
      req.on("error", (error) => {
        if (!answered) reject(error);
      });
      if (mode !== "expect") pump();
      else req.flushHeaders();
    });
  }

  it("passes a body within the cap whole, however it is sent", async () => {
    for (const mode of ["length", "chunked"] as const) {
      const answer = await send("/", LIMIT, mode);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(`got ${LIMIT}`);
    }
    expect((await send("/big", 3 * LIMIT, "chunked")).text).toBe(`got ${3 * LIMIT}`);
    const expecting = await send("/", 1000, "expect");
    expect([expecting.status, expecting.continued]).toEqual([200, true]);
  });

  it("refuses a declared length over the cap before reading any of it", async () => {
    seen.length = 0;
    const answer = await send("/", 100 * MB, "expect");
    expect(answer.status).toBe(413);
    expect(answer.text).toBe(`over ${LIMIT}`);
    expect(answer.continued).toBe(false);
    expect(answer.written).toBe(0);
    expect(answer.headers.connection).toBe("close");
    // The route never ran.
    expect(seen).toEqual([]);
  });

  it("closes the connection after the 413, letting a client still sending read it first", async () => {
    for (let i = 0; i < 5; i++) {
      for (const mode of ["length", "chunked"] as const) {
        const answer = await send("/", 100 * MB, mode);
        expect(answer.status, `${mode} #${i}`).toBe(413);
        expect(answer.headers.connection).toBe("close");
      }
    }
  });

  it("cuts off a chunked body at the cap: the reader gets an error, never a short body", async () => {
    seen.length = 0;
    const answer = await send("/", 100 * MB, "chunked");
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    // Reading stopped near the cap: what the client could write is bounded by socket buffers.
    expect(answer.written).toBeLessThan(20 * MB);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(BodyTooLargeError);
    // Per route: /big takes four times as much.
    const big = await send("/big", 4 * LIMIT + 1, "chunked");
    expect(big.status).toBe(413);
    expect(big.text).toBe(`over ${4 * LIMIT}`);
  });

  it("lets a route answer without reading the body, and still caps what is drained", async () => {
    expect((await send("/ignore", LIMIT, "chunked")).text).toBe("not read");
    // A client that goes on sending after the answer: the connection is closed at the cap.
    const written = await new Promise<number>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let total = 0;
      const chunk = `4000\r\n${"a".repeat(0x4000)}\r\n`;
      const pump = () => {
        while (!socket.destroyed && total < 100 * MB) {
          total += 0x4000;
          if (!socket.write(chunk)) {
            socket.once("drain", pump);
            return;
          }
        }
      };
      socket.on("error", () => {});
      socket.on("close", () => resolve(total));
      socket.write(
        "POST /ignore HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n",
      );
      pump();
    });
    expect(written).toBeLessThan(20 * MB);
  });
});
