/**
 * Cross-site request forgery: a state-changing request (anything but GET,
 * HEAD, OPTIONS) is refused when the browser says it comes from another site
 * (Sec-Fetch-Site: cross-site) or its Origin is not this site's origin, all
 * of it: scheme, host and port (`http://shop.example.cn` is not
 * `https://shop.example.cn`). This site is PUBLIC_ORIGIN, never the request's
 * Host header. Together with SameSite=Lax session cookies this is the defence
 * OWASP recommends.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The names a browser may give this machine's loopback interface. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

export interface RequestFacts {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

/**
 * The origins a form of this site may be posted from: the public origin; and,
 * when that is a loopback origin (a newcomer's `npm start` says
 * http://localhost:3000), the same scheme and port under the other loopback
 * names, so opening http://127.0.0.1:3000 works too.
 */
export function siteOrigins(publicOrigin: string): Set<string> {
  const site = new URL(publicOrigin);
  const origins = new Set([site.origin]);
  if (LOOPBACK_HOSTS.includes(site.hostname)) {
    for (const host of LOOPBACK_HOSTS) {
      origins.add(new URL(`${site.protocol}//${host}${site.port ? `:${site.port}` : ""}`).origin);
    }
  }
  return origins;
}

export function isCrossSiteWrite(request: RequestFacts, accepted: ReadonlySet<string>): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.secFetchSite === "cross-site") return true;
  if (request.origin === undefined) return false;
  // "null" is what sandboxed frames and some redirects send: not this site.
  if (request.origin === "null") return true;
  try {
    return !accepted.has(new URL(request.origin).origin);
  } catch {
    return true;
  }
}
