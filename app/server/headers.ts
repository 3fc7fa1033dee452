/**
 * Security headers. Every response carries them, whatever produced it (a
 * page, JSON, a download, /media, a static file, Express's own 403/413/500/503
 * and redirects): `withSecurityHeaders` fills in, just before the headers go
 * out, any the response did not set itself. HTML pages set their own
 * Content-Security-Policy (app/entry.server.tsx), which allows only our own
 * scripts plus the page's inline ones by their SHA-256 hashes (Remix's
 * hydration data): no nonce, so a cached page and its header stay a pair, and
 * a 304 cannot pair a stored page with a policy that refuses its scripts.
 * Anything else gets a policy that allows nothing at all.
 */
import type { RequestHandler } from "express";
import { beforeHeaders } from "./on-headers";

/** For everything that is not one of our HTML pages: no script, no framing, a sandbox. */
export const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The headers every response carries, HTML or not. */
export function baseSecurityHeaders(options: { production: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (options.production) {
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  }
  return headers;
}

/** The headers of an HTML page: the base ones and, given its inline scripts' hashes, its CSP. */
export function securityHeaders(options: {
  scriptHashes?: readonly string[];
  production: boolean;
}): Record<string, string> {
  const headers = baseSecurityHeaders(options);
  if (options.scriptHashes) {
    headers["Content-Security-Policy"] = [
      "default-src 'self'",
      ["script-src 'self'", ...options.scriptHashes].join(" "),
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
  }
  return headers;
}

/**
 * Express middleware: every response gets the base headers and a CSP, unless
 * it set its own (an HTML page's hash policy, a download's sandbox).
 */
export function withSecurityHeaders(options: { production: boolean }): RequestHandler {
  const defaults = {
    ...baseSecurityHeaders(options),
    "Content-Security-Policy": STRICT_CSP,
  };
  return (_req, res, next) => {
    beforeHeaders(res, () => {
      for (const [name, value] of Object.entries(defaults)) {
        if (!res.hasHeader(name)) res.setHeader(name, value);
      }
    });
    next();
  };
}

/** The session cookie's names: `__Host-session` in production, `session` otherwise. */
export const SESSION_COOKIE_NAMES = ["__Host-session", "session"] as const;

/** The names of the cookies a Cookie request header carries with a non-empty value. */
export function cookieNames(header: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(at + 1).trim() !== "") names.add(pair.slice(0, at).trim());
  }
  return names;
}

/**
 * Express middleware: a response to someone signed in (the request carries a
 * session cookie) or signing in (the response sets one) is never stored by
 * the browser or a proxy, whatever the route said: pages, data requests,
 * resource routes and errors alike. Anonymous responses keep their caching.
 */
export function noStoreWhenSignedIn(
  names: readonly string[] = SESSION_COOKIE_NAMES,
): RequestHandler {
  const sessionCookie = new RegExp(`^\\s*(${names.map(escape).join("|")})=`);
  return (req, res, next) => {
    const sent = cookieNames(req.headers.cookie);
    const signedIn = names.some((name) => sent.has(name));
    beforeHeaders(res, () => {
      const setCookie = res.getHeader("Set-Cookie");
      const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [String(setCookie)] : [];
      if (signedIn || cookies.some((cookie) => sessionCookie.test(cookie))) {
        res.setHeader("Cache-Control", "private, no-store");
        res.removeHeader("Expires");
        res.removeHeader("ETag");
        res.removeHeader("Last-Modified");
      }
    });
    next();
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
