import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

type HeaderList = OutgoingHttpHeaders | readonly (string | number | readonly string[])[];

/**
 * Runs `listener` once, just before a response's status line and headers go
 * out, whoever writes them (Remix, express.static, res.send, a middleware's
 * 413): Node sends headers through `writeHead`, also when `end` or `write`
 * send them implicitly. Headers passed to `writeHead` itself are set first,
 * so the listener sees every header and has the last word.
 */
export function beforeHeaders(res: ServerResponse, listener: () => void): void {
  const writeHead = res.writeHead;
  let fired = false;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (fired) return writeHead.apply(this, [statusCode, ...rest] as never);
    fired = true;
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    const headers = (message === undefined ? rest[0] : rest[1]) as HeaderList | undefined;
    if (Array.isArray(headers)) {
      // Either [[name, value], …] or the flat [name, value, name, value, …].
      const flat = (headers as unknown[]).flat() as (string | number)[];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        this.appendHeader(String(flat[i]), String(flat[i + 1]));
      }
    } else if (headers) {
      for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) {
        if (value !== undefined) this.setHeader(name, value);
      }
    }
    this.statusCode = statusCode;
    listener();
    const args = message === undefined ? [this.statusCode] : [this.statusCode, message];
    return writeHead.apply(this, args as never);
  } as ServerResponse["writeHead"];
}
