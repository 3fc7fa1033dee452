/**
 * What a failing loader or action becomes, decided in one place for every
 * route (Remix v2 has no middleware, so the HTTP server wraps the build's
 * route modules). A database that cannot be written or read (full disk,
 * read-only mount, I/O error) answers 503 "temporarily unavailable"; any
 * other error answers 500. Either way the error is logged with its stack and
 * the request id, and the person sees only a translated message quoting that
 * id. Thrown responses (redirects, 403, 404) pass through untouched.
 */
import type {
  ActionFunction,
  ActionFunctionArgs,
  LoaderFunction,
  LoaderFunctionArgs,
  ServerBuild,
} from "@remix-run/node";
import { getTranslator } from "../i18n/i18n.server";
import { RETRY_AFTER_SECONDS, unavailableReason } from "../models/database-health.server";
import type { RequestFailure } from "../utils/request-failure";
import { logError } from "./log";
import { bindRequestFacts } from "./request-facts";

export function guardRoutes(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module };
      if (module.loader) module.loader = guard(id, module.loader) as LoaderFunction;
      if (module.action) module.action = guard(id, module.action) as ActionFunction;
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

function guard<Args extends LoaderFunctionArgs | ActionFunctionArgs>(
  routeId: string,
  handler: (args: Args) => unknown,
): (args: Args) => Promise<unknown> {
  return async (args) => {
    const facts = args.context.requestFacts;
    if (facts) bindRequestFacts(args.request, facts);
    try {
      return await handler(args);
    } catch (thrown) {
      throw await failureResponse(thrown, routeId, args);
    }
  };
}

/**
 * The response for an error thrown by a loader or action, or the thrown value
 * itself when it is not an error (a Response, Remix's `data()`), or when the
 * client has gone away.
 */
export async function failureResponse(
  thrown: unknown,
  routeId: string,
  args: Pick<LoaderFunctionArgs, "request" | "context">,
): Promise<unknown> {
  if (!(thrown instanceof Error) || args.request.signal.aborted) return thrown;
  const requestId = args.context.requestFacts?.requestId ?? args.context.requestId ?? "-";
  const reason = unavailableReason(thrown);
  logError(reason ? "database unavailable" : "request failed", thrown, {
    requestId,
    route: routeId,
    reason,
  });
  const { t } = await getTranslator(args.request);
  const body: RequestFailure = reason
    ? {
        error: "unavailable",
        reason,
        title: `${t("ops.unavailableTitle")} · ${t("site.name")}`,
        message: t("ops.unavailableBody"),
        requestId,
      }
    : {
        error: "internal",
        title: `${t("error.title")} · ${t("site.name")}`,
        message: t("error.body"),
        requestId,
      };
  return Response.json(body, {
    status: reason ? 503 : 500,
    headers: {
      "Cache-Control": "no-store",
      ...(reason ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {}),
    },
  });
}
