/**
 * Cross-site request forgery: a state-changing request (anything but GET,
 * HEAD, OPTIONS) is refused when the browser says it comes from another site
 * (Sec-Fetch-Site: cross-site) or its Origin is not this site. Together with
 * SameSite=Lax session cookies this is the defence OWASP recommends.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestFacts {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

export function isCrossSiteWrite(request: RequestFacts): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.secFetchSite === "cross-site") return true;
  if (request.origin === undefined) return false;
  // "null" is what sandboxed frames and some redirects send: not this site.
  if (request.origin === "null") return true;
  try {
    return new URL(request.origin).host !== request.host;
  } catch {
    return true;
  }
}
