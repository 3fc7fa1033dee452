/**
 * The production server's own defences, against the real built server
 * (playwright.config.ts starts `npm start` on port 3210, DATABASE_PATH
 * data/e2e.db, PUBLIC_ORIGIN http://127.0.0.1:3210):
 *
 * - request bodies are capped before Remix reads them: a 100 MB POST, with
 *   Content-Length or chunked, is a translated 413, costs the server less
 *   than RSS_BOUND of memory, and leaves /healthz answering within a second;
 * - every response carries the security headers, and every response to a
 *   signed-in request is no-store;
 * - the server listens on HOST (127.0.0.1) only.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const MB = 1024 * 1024;
/** How much the server's resident memory may grow while refusing 100 MB bodies. */
const RSS_BOUND = 50 * MB;
/** How long /healthz may take while such a body streams in. */
const HEALTHZ_BOUND_MS = 1000;
const MISSING_MEDIA = "/media/products/00000000-0000-4000-8000-000000000000.webp";
const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The server's resident set size, from /proc (the server writes its pid next to its database). */
function serverRss(): number {
  const pid = readFileSync("data/e2e.db.pid", "utf8").trim();
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line![1]) * 1024;
}

interface BigPost {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Bytes handed to the socket before the answer arrived. */
  written: number;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
  ms: number;
}

/** POSTs `size` bytes of a form as fast as the server takes them, stopping at its answer. */
function bigPost(
  path: string,
  size: number,
  mode: "length" | "chunked",
  headers: Record<string, string> = {},
): Promise<BigPost> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${ORIGIN}${path}`, {
      method: "POST",
      agent: false,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        ...(mode === "length" ? { "Content-Length": String(size) } : {}),
        ...headers,
      },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    let answered = false;
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
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        const result = {
          status: res.statusCode!,
          headers: res.headers,
          text: Buffer.concat(parts).toString(),
          written,
          ms: performance.now() - started,
        };
        if (res.headers.connection !== "close") {
          // Kept open for the rest of the body, which this client does not send.
          res.socket.destroy();
          resolve({ ...result, closed: false });
        } else if (res.socket.destroyed) resolve({ ...result, closed: true });
        // The server closes the connection soon after answering (within LINGER_MS).
        else res.socket.once("close", () => resolve({ ...result, closed: true }));
      });
    });
    // Writing into a connection the server closed after answering is expected.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

/** Times /healthz again and again until `until` settles. */
async function healthzWhile(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  do {
    const started = performance.now();
    const response = await fetch(`${ORIGIN}/healthz`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  } while (!done);
  return times;
}

test.describe("request bodies", () => {
  for (const mode of ["length", "chunked"] as const) {
    test(`a 100 MB form (${mode === "length" ? "Content-Length" : "chunked"}) is refused with 413 without costing memory or time`, async () => {
      const before = serverRss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, serverRss())), 20);
      const upload = bigPost("/login", 100 * MB, mode);
      const healthz = await healthzWhile(upload);
      const answer = await upload;
      // A second one, in English, to be sure nothing accumulates.
      const english = await bigPost("/login", 100 * MB, mode, { "Accept-Language": "en" });
      clearInterval(sampler);
      peak = Math.max(peak, serverRss());
      const grown = peak - before;
      console.log(
        `${mode}: 413 in ${Math.round(answer.ms)} ms after ${(answer.written / MB).toFixed(1)} MB sent; ` +
          `server RSS ${(before / MB).toFixed(0)} MB, peak +${(grown / MB).toFixed(1)} MB; ` +
          `/healthz answered ${healthz.length} times meanwhile, at most in ${Math.round(Math.max(...healthz))} ms`,
      );

      expect(answer.status).toBe(413);
      expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(answer.text).toBe("提交的内容过大（上限 1 MB），已被拒绝。请减小文件后重新提交。");
      expect(answer.headers.connection).toBe("close");
      expect(answer.closed).toBe(true);
      expect(answer.headers["content-security-policy"]).toBe(STRICT_CSP);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(english.status).toBe(413);
      expect(english.text).toContain("too large (the limit is 1 MB)");
      // The server stopped reading: far less than 100 MB went out.
      expect(answer.written).toBeLessThan(20 * MB);
      if (mode === "length") expect(answer.ms).toBeLessThan(HEALTHZ_BOUND_MS);
      expect(grown).toBeLessThan(RSS_BOUND);
      expect(Math.max(...healthz)).toBeLessThan(HEALTHZ_BOUND_MS);
    });
  }

  test("an upload route takes more than a form, and refuses more than its own cap", async () => {
    test.slow();
    // 11 MB for a piece of evidence: 5 MB is not refused by the cap (the anonymous
    // sender is sent to sign in), 12 MB is.
    const five = await bigPost("/buyer/records", 5 * MB, "length", {
      "Content-Type": "multipart/form-data; boundary=x",
    });
    expect(five.status).toBe(302);
    const twelve = await bigPost("/buyer/records", 12 * MB, "length", {
      "Content-Type": "multipart/form-data; boundary=x",
      "Accept-Language": "en",
    });
    expect(twelve.status).toBe(413);
    expect(twelve.text).toContain("the limit is 11 MB");
    // Stripe's webhook: 1 MB.
    expect((await bigPost("/webhooks/stripe", 2 * MB, "length")).status).toBe(413);
  });
});

/** Signs in through the form's POST and returns the session cookie to send. */
async function sessionCookieFor(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post("/login", {
    form: { email, password: "demo-password", redirectTo: "/订单" },
    headers: { Origin: ORIGIN },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  // A Chinese target comes back percent-encoded instead of failing.
  expect(response.headers()["location"]).toBe("/%E8%AE%A2%E5%8D%95");
  const cookie = /__Host-session=[^;]+/.exec(response.headers()["set-cookie"] ?? "")?.[0];
  expect(cookie).toBeTruthy();
  return cookie!;
}

test.describe("response headers", () => {
  test("every kind of response carries the security headers", async ({ request }) => {
    const cases: [string, () => Promise<APIResponse>][] = [
      ["JSON", () => request.get("/healthz")],
      ["JSON (public)", () => request.get("/progress.json")],
      ["static file", () => request.get("/favicon.svg")],
      ["media (missing)", () => request.get(MISSING_MEDIA)],
      ["download (not signed in)", () => request.get("/orders/1/files/slip", { maxRedirects: 0 })],
      ["redirect", () => request.get("/buyer", { maxRedirects: 0 })],
      [
        "403 from Express",
        () =>
          request.post("/language", {
            form: { language: "en" },
            headers: { Origin: "http://127.0.0.1.evil.example" },
          }),
      ],
      [
        "403 for the wrong scheme",
        () =>
          request.post("/language", {
            form: { language: "en" },
            headers: { Origin: `https://127.0.0.1:${PORT}` },
          }),
      ],
    ];
    for (const [name, send] of cases) {
      const response = await send();
      const headers = response.headers();
      expect(headers["x-content-type-options"], name).toBe("nosniff");
      expect(headers["referrer-policy"], name).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], name).toBe("DENY");
      expect(headers["content-security-policy"], name).toBe(STRICT_CSP);
      expect(headers["strict-transport-security"], name).toMatch(/max-age=\d+/);
      if (name.startsWith("403")) expect(response.status(), name).toBe(403);
    }
    // An HTML page keeps its own policy, allowing its inline scripts by hash.
    const page = await request.get("/");
    expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
    expect(page.headers()["x-frame-options"]).toBe("DENY");
  });

  test("a form from the same loopback site under another name still goes through", async ({
    request,
  }) => {
    const response = await request.post("/language", {
      form: { language: "en", returnTo: "/" },
      headers: { Origin: `http://localhost:${PORT}` },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
  });

  test("whatever answers someone signed in is no-store; anonymous answers keep their caching", async ({
    request,
  }) => {
    const anonymous = await request.get("/progress.json");
    expect(anonymous.headers()["cache-control"]).toBe("no-cache");

    const cookie = await sessionCookieFor(request, "unit@example.com");
    const signedIn = { headers: { Cookie: cookie }, maxRedirects: 0 };
    for (const path of [
      "/buyer",
      "/buyer/orders",
      "/progress.json",
      "/healthz",
      MISSING_MEDIA,
      "/orders/1/files/slip",
      "/buyer/orders.data",
      "/office",
    ]) {
      const response = await request.get(path, signedIn);
      expect(response.headers()["cache-control"], path).toBe("private, no-store");
    }
    // Static files are the same for everyone and keep their caching.
    const asset = await request.get("/favicon.svg", signedIn);
    expect(asset.headers()["cache-control"]).toMatch(/max-age/);
  });
});

test("the server listens on HOST (127.0.0.1) only", async () => {
  const reachable = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port: PORT });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
  expect(await reachable("127.0.0.1")).toBe(true);
  const elsewhere = [
    "::1",
    ...Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => address!.address),
  ];
  for (const host of elsewhere) expect(await reachable(host), host).toBe(false);
});
