import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { renderToReadableStream } from "react-dom/server.browser";
import { describe, expect, it } from "vitest";
import { closeDocument, decodeDocument, inlineScriptHashes } from "~/server/document";

/** Long Chinese text in many pieces, so characters fall across React's 2,048-byte chunks. */
function chinesePage() {
  const items = Array.from({ length: 400 }, (_, i) =>
    createElement("li", { key: i }, `定西马铃薯${i} · 每公斤 ¥${i}.50 · 演示数据`),
  );
  return createElement("html", null, createElement("body", null, createElement("ul", null, items)));
}

async function nodeRendererBytes(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(chinesePage(), {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

describe("the rendered document's bytes", () => {
  it("React's Node renderer pads Chinese pages with U+0000 (why we do not use it)", async () => {
    const bytes = await nodeRendererBytes();
    expect(bytes.includes(0)).toBe(true);
    expect(() => decodeDocument(bytes)).toThrow(/U\+0000/);
  });

  it("the Web Streams renderer we use gives the same page as valid UTF-8 without U+0000", async () => {
    const stream = await renderToReadableStream(chinesePage());
    await stream.allReady;
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(bytes.includes(0)).toBe(false);
    const html = decodeDocument(bytes);
    expect(html).toContain("定西马铃薯399 · 每公斤 ¥399.50 · 演示数据");
    // Same text as the Node renderer's once its padding is removed.
    const padded = (await nodeRendererBytes()).filter((byte) => byte !== 0);
    expect(html).toBe(new TextDecoder().decode(padded));
  });

  it("refuses invalid UTF-8", () => {
    expect(() => decodeDocument(new Uint8Array([0x3c, 0xe5, 0xae, 0x3e]))).toThrow();
    expect(decodeDocument(new TextEncoder().encode("<p>定西</p>"))).toBe("<p>定西</p>");
  });
});

describe("closeDocument", () => {
  it("moves what React wrote after </body></html> inside <body>", () => {
    const streamed = "<!DOCTYPE html><html><body><p>x</p></body></html><script>a()</script>";
    expect(closeDocument(streamed)).toBe(
      "<!DOCTYPE html><html><body><p>x</p><script>a()</script></body></html>",
    );
  });
  it("leaves a complete document as it is", () => {
    const whole = "<!DOCTYPE html><html><body><p>x</p></body></html>";
    expect(closeDocument(whole)).toBe(whole);
    expect(closeDocument("<p>fragment</p>")).toBe("<p>fragment</p>");
  });
});

describe("inlineScriptHashes", () => {
  it("hashes each inline script once and skips external and empty ones", () => {
    const html =
      '<script>window.a=1</script><script type="module" src="/x.js"></script>' +
      '<script type="module">import("/y.js")</script><script></script><script>window.a=1</script>';
    const sha = (text: string) =>
      `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([sha("window.a=1"), sha('import("/y.js")')]);
  });
  it("hashes the UTF-8 bytes of non-ASCII scripts, as browsers do", () => {
    const html = "<script>document.title='定西'</script>";
    expect(inlineScriptHashes(html)).toEqual([
      `'sha256-${createHash("sha256").update(Buffer.from("document.title='定西'", "utf8")).digest("base64")}'`,
    ]);
  });
});
