/**
 * What turns React's rendered bytes into the document we send. Pure functions
 * (unit-tested): no React, no Remix.
 *
 * Why this exists: React 18.3's Node renderer (`renderToPipeableStream`)
 * pads its 2,048-byte chunks with U+0000 when a multi-byte character does not
 * fit at the end of one (react issue 31134), so Chinese pages carried NUL
 * bytes. We render with React's Web Streams renderer instead, which encodes
 * whole strings before copying bytes and cannot pad, wait for everything
 * (we send whole documents anyway), and check the bytes here.
 *
 * React 18 also closes `</body></html>` with the shell and writes what
 * finished later (Remix's streamed route data) after it: "Stray start tag
 * script" for the W3C checker. The document is complete when we see it, so
 * that tail is moved back inside `<body>`, where React 19 puts it too.
 */
import { createHash } from "node:crypto";

const CLOSING = "</body></html>";

/** The bytes as text; throws on invalid UTF-8 or a U+0000, which no page may hold. */
export function decodeDocument(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  const nul = text.indexOf("\u0000");
  if (nul !== -1) throw new Error(`rendered page holds U+0000 at character ${nul}`);
  return text;
}

/** Moves whatever React wrote after `</body></html>` to just before `</body>`. */
export function closeDocument(html: string): string {
  const at = html.indexOf(CLOSING);
  if (at === -1) return html;
  const tail = html.slice(at + CLOSING.length);
  if (tail === "") return html;
  return `${html.slice(0, at)}${tail}${CLOSING}`;
}

/**
 * The SHA-256 source expressions of every inline script, for a
 * Content-Security-Policy that allows exactly these and needs no nonce (so a
 * cached page stays valid with its header, even after a 304).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  const script = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (const match of html.matchAll(script)) {
    const attributes = match[1] ?? "";
    const body = match[2] ?? "";
    if (/\bsrc\s*=/i.test(attributes) || body === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}
