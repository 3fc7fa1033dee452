/**
 * The crash test's HTTP client: plain node:http over one keep-alive agent per
 * server life (a killed server's sockets are dropped with it), form and
 * multipart bodies, and no redirect following, so a 303's Location is seen.
 * A request that gets no complete answer resolves to null: it was not
 * acknowledged, whatever the server did with it.
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";

export interface Answer {
  status: number;
  location: string | null;
  setCookie: string[];
  body: string;
}

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  bytes: Uint8Array;
}

export type Body =
  | { form: Record<string, string> }
  | { multipart: Record<string, string>; file?: FilePart }
  | { json: string; headers: Record<string, string> };

export class Client {
  private agent = new Agent({ keepAlive: true, maxSockets: 64 });
  sent = 0;
  answered = 0;

  constructor(
    readonly port: number,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Drops every socket (the server behind them is gone) and starts a new pool. */
  reset() {
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: 64 });
  }

  get(path: string, cookie?: string): Promise<Answer | null> {
    return this.send("GET", path, cookie, null);
  }

  post(path: string, cookie: string | undefined, body: Body): Promise<Answer | null> {
    return this.send("POST", path, cookie, body);
  }

  private send(
    method: string,
    path: string,
    cookie: string | undefined,
    body: Body | null,
  ): Promise<Answer | null> {
    const headers: Record<string, string> = {};
    let payload: Buffer | null = null;
    if (cookie) headers.Cookie = cookie;
    if (body && "form" in body) {
      payload = Buffer.from(new URLSearchParams(body.form).toString());
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    } else if (body && "multipart" in body) {
      const encoded = multipart(body.multipart, body.file);
      payload = encoded.body;
      headers["Content-Type"] = encoded.contentType;
    } else if (body) {
      payload = Buffer.from(body.json);
      Object.assign(headers, body.headers, { "Content-Type": "application/json" });
    }
    if (payload) {
      headers["Content-Length"] = String(payload.length);
      // What a browser sends with a same-origin form (the CSRF guard accepts it).
      if (!("json" in body!)) headers.Origin = `http://127.0.0.1:${this.port}`;
    }
    this.sent += 1;
    return new Promise((resolve) => {
      let settled = false;
      const done = (answer: Answer | null) => {
        if (settled) return;
        settled = true;
        if (answer) this.answered += 1;
        resolve(answer);
      };
      let responded = false;
      const req = request(
        { host: "127.0.0.1", port: this.port, path, method, agent: this.agent, headers },
        (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            done({
              status: res.statusCode ?? 0,
              location: res.headers.location ?? null,
              setCookie: res.headers["set-cookie"] ?? [],
              body: Buffer.concat(chunks).toString(),
            }),
          );
          res.on("error", () => done(null));
          // Cut off before its end: only a complete answer acknowledges anything.
          res.on("close", () => {
            if (!res.complete) done(null);
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy());
      req.on("error", () => done(null));
      req.on("close", () => {
        if (!responded) done(null);
      });
      req.end(payload ?? undefined);
    });
  }
}

/** A multipart/form-data body, as a browser encodes a form with a file. */
export function multipart(
  fields: Record<string, string>,
  file?: FilePart,
): { body: Buffer; contentType: string } {
  const boundary = `----crash${randomUUID().replaceAll("-", "")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
