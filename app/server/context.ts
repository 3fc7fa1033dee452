/** What the HTTP server tells each request: who is asking, and its id for the logs. */
export type RequestContext = {
  clientIp: string;
  requestId: string;
};

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    clientIp?: string;
    requestId?: string;
  }
}

export function clientIpOf(context: Partial<RequestContext> | undefined): string {
  return context?.clientIp ?? "unknown";
}
