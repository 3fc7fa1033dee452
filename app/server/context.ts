/** What the HTTP server tells each request: who is asking and this response's nonce. */
export type RequestContext = {
  clientIp: string;
  cspNonce: string;
  requestId: string;
};

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    clientIp?: string;
    cspNonce?: string;
    requestId?: string;
  }
}

export function clientIpOf(context: Partial<RequestContext> | undefined): string {
  return context?.clientIp ?? "unknown";
}
