/**
 * What the request log learns from inside the app: the request id the HTTP
 * server gave the request, and the organisation the signed-in person acts
 * for, noted by the session lookup (so the log costs no second query).
 *
 * The HTTP server (build/server.js) and the Remix build are separate bundles
 * that share no module state, only the objects they hand each other; so the
 * facts travel in the load context, and are attached to the Request under a
 * registered symbol, which both bundles resolve to the same key.
 */
export interface RequestFacts {
  requestId: string;
  actingOrgId: number | null;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    requestFacts?: RequestFacts;
  }
}

const FACTS = Symbol.for("fuzhou-dingxi.request-facts");

export function bindRequestFacts(request: Request, facts: RequestFacts): void {
  Object.defineProperty(request, FACTS, { value: facts, configurable: true });
}

export function requestFactsOf(request: Request): RequestFacts | undefined {
  return Reflect.get(request, FACTS) as RequestFacts | undefined;
}

/** Called by the session lookup; a no-op outside the HTTP server (tests, scripts). */
export function noteActingOrganisation(request: Request, orgId: number | null): void {
  const facts = requestFactsOf(request);
  if (facts) facts.actingOrgId = orgId;
}
