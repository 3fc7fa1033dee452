/**
 * The server's own cache of public pages, for campaign days when thousands
 * of civil servants open the catalog within minutes of a notice.
 *
 * Only anonymous GET/HEAD requests for the public pages (`/`, `/products`
 * with any filter, search or page, `/products/:id`, `/counties/:code`,
 * `/progress`, `/progress.json`, and their `.data` forms for client
 * navigation) are cached; a request with any cookie but the language one
 * never is, nor a response that sets a cookie or is not a plain 200.
 *
 * Never stale, by construction: the key holds everything the page depends
 * on. The path and query; the language; the database's `data_version`, which
 * triggers move on in the same transaction as every committed change to a
 * table a public page reads (migration 0012), read before the page's loaders
 * run; and today's date in Shanghai (certifications expire at midnight there).
 * A page rendered under an older version is simply never asked for again.
 *
 * Revalidation: every cached page carries a strong ETag (of its bytes) and
 * `Cache-Control: no-cache`, so browsers ask every time and get a 304 when
 * nothing changed. Its CSP allows its inline scripts by hash (no nonce), so a
 * stored page and its policy always match.
 *
 * Concurrent misses for one key wait for a single render. Entries are kept
 * in least-recently-used order within a byte budget, stored once plain and
 * once gzip-compressed, so a hit costs neither a render nor a compression.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** The public pages whose anonymous responses are cached, by path (after `.data` is removed). */
const CACHEABLE = [
  /^\/$/,
  /^\/products$/,
  /^\/products\/[^/]+$/,
  /^\/counties\/[^/]+$/,
  /^\/progress$/,
  /^\/progress\.json$/,
];

/** The page a path shows: single fetch asks `/products.data` for `/products`, `/_root.data` for `/`. */
export function pagePathOf(pathname: string): string {
  if (pathname === "/_root.data") return "/";
  return pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
}

export function isCacheablePath(pathname: string): boolean {
  const page = pagePathOf(pathname);
  return CACHEABLE.some((pattern) => pattern.test(page));
}

/** The one cookie an anonymous public page may depend on: it is part of the key, as the language. */
const LANGUAGE_COOKIE = "lng";

export interface CacheRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  cookieNames: ReadonlySet<string>;
}

/** Whether a request may be answered from the cache at all. */
export function isCacheableRequest(request: CacheRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  for (const name of request.cookieNames) if (name !== LANGUAGE_COOKIE) return false;
  const path = request.url.split("?")[0] ?? "";
  return isCacheablePath(path);
}

/** The key: everything the page depends on. */
export function cacheKey(facts: {
  url: string;
  language: string;
  dataVersion: number;
  today: string;
}): string {
  return `${facts.dataVersion}\u0001${facts.today}\u0001${facts.language}\u0001${facts.url}`;
}

export interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/** The headers a response must not have to be shared between visitors. */
export function isShareable(status: number, headers: Headers): boolean {
  if (status !== 200) return false;
  if (headers.has("Set-Cookie")) return false;
  const cacheControl = headers.get("Cache-Control") ?? "";
  return !/no-store|private/i.test(cacheControl);
}

/** Builds an entry from a rendered response's status, headers and bytes. */
export function cachedPage(status: number, source: Headers, body: Buffer): CachedPage {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const headers: Array<[string, string]> = [];
  for (const [name, value] of source.entries()) {
    const lower = name.toLowerCase();
    if (lower === "content-length" || lower === "etag" || lower === "cache-control") continue;
    if (lower === "vary") continue;
    headers.push([name, value]);
  }
  headers.push(["ETag", etag]);
  headers.push(["Cache-Control", "no-cache"]);
  headers.push(["Vary", "Cookie, Accept-Language, Accept-Encoding"]);
  return { status, headers, body, gzip: gzipSync(body), etag };
}

/** Whether an If-None-Match header names this entity tag (weak comparison, as for GET). */
export function matchesETag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => strip(tag) === strip(etag));
}

/** Whether an Accept-Encoding header allows gzip. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(",").some((part) => {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/** Rendered public pages by key, least recently used first out, within a byte budget. */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly pending = new Map<string, Promise<CachedPage | null>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits += 1;
    }
    return entry;
  }

  /**
   * The entry for a key, rendering it with `render` on a miss; concurrent
   * misses for one key share one render. `render` answers null for a
   * response that must not be shared (it is then not stored).
   */
  async getOrRender(key: string, render: () => Promise<CachedPage | null>) {
    const found = this.get(key);
    if (found) return { page: found, rendered: false };
    const waiting = this.pending.get(key);
    if (waiting) {
      const page = await waiting;
      if (page) this.hits += 1;
      return { page, rendered: false };
    }
    this.misses += 1;
    const rendering = render();
    this.pending.set(key, rendering);
    try {
      const page = await rendering;
      if (page) this.set(key, page);
      return { page, rendered: true };
    } finally {
      this.pending.delete(key);
    }
  }

  set(key: string, page: CachedPage): void {
    const size = page.body.length + page.gzip.length + key.length;
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length + old.gzip.length + key.length;
    }
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldKey, oldPage] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= oldPage.body.length + oldPage.gzip.length + oldKey.length;
    }
  }

  stats(): PageCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }
}
