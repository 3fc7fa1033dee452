import { isRouteErrorResponse } from "@remix-run/react";

/**
 * What a failed loader or action answers (the HTTP server's route guard makes
 * it): a translated title and message, and the request id the logs carry, so
 * a person reporting the problem can quote it. The same data reaches the
 * error page on the server and in the browser.
 */
export interface RequestFailure {
  error: "unavailable" | "internal";
  reason?: string;
  title: string;
  message: string;
  requestId: string;
}

const isText = (value: unknown): value is string => typeof value === "string";

/**
 * The failure an error page was given, or null. Checked by hand rather than
 * with zod: this runs in every page's bundle, which should not carry zod.
 */
export function requestFailureOf(error: unknown): RequestFailure | null {
  if (!isRouteErrorResponse(error)) return null;
  const data: unknown = error.data;
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  if (d.error !== "unavailable" && d.error !== "internal") return null;
  if (!isText(d.title) || !isText(d.message) || !isText(d.requestId)) return null;
  if (d.reason !== undefined && !isText(d.reason)) return null;
  return {
    error: d.error,
    ...(isText(d.reason) ? { reason: d.reason } : {}),
    title: d.title,
    message: d.message,
    requestId: d.requestId,
  };
}
