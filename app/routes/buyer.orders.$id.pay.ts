/**
 * POST /buyer/orders/:id/pay — sends the buyer to Stripe Checkout for its own
 * order. The order's stored lines are the items; the browser sends nothing
 * but the order id in the URL. Without Stripe configured the route does not
 * exist (404), like another organisation's order.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { db } from "~/db.server";
import { idParam } from "~/domain/route-params";
import { publicOrigin } from "~/env.server";
import { getTranslator } from "~/i18n/i18n.server";
import { beginCheckout, recordCheckoutSession } from "~/models/payments.server";
import {
  CHECKOUT_LIFETIME_SECONDS,
  createCheckoutSession,
  stripeEnabled,
} from "~/services/stripe.server";

/** Nothing to show here: a visit (a reload after paying) goes to the order. */
export function loader({ params }: LoaderFunctionArgs) {
  const id = idParam.safeParse(params.id);
  if (!id.success) throw new Response(null, { status: 404 });
  return redirect(`/buyer/orders/${id.data}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requirePermission(request, "create:order:own-org");
  const { language, t } = await getTranslator(request);
  const id = idParam.safeParse(params.id);
  if (!stripeEnabled() || !id.success) throw new Response(t("payment.notFound"), { status: 404 });
  const start = beginCheckout(db, {
    orderId: id.data,
    buyerOrgId: current.acting.orgId,
    userId: current.user.id,
    lifetimeSeconds: CHECKOUT_LIFETIME_SECONDS,
    language,
  });
  if (!start.ok) {
    if (start.reason === "not_found") throw new Response(t("payment.notFound"), { status: 404 });
    if (start.reason === "not_online") throw new Response(t("payment.notOnline"), { status: 409 });
    // Already paid, cancelled, or being confirmed: the return page tells which.
    return redirect(`/buyer/orders/${id.data}/paid`, 303);
  }
  // Stripe returns the buyer to the configured origin, never to the request's Host.
  const origin = publicOrigin();
  let session: { id: string; url: string };
  try {
    session = await createCheckoutSession(start.order, start.lines, {
      successUrl: `${origin}/buyer/orders/${id.data}/paid`,
      cancelUrl: `${origin}/buyer/orders/${id.data}`,
      attempt: start.attempt,
      expiresAt: start.expiresAt,
      language: start.language,
    });
  } catch (error) {
    // Stripe's own message is for the operator's log, never for the buyer.
    console.error(error);
    throw new Response(t("payment.unavailable"), { status: 502 });
  }
  if (new URL(session.url).protocol !== "https:")
    throw new Response(t("payment.unavailable"), { status: 502 });
  recordCheckoutSession(db, { orderId: start.order.id, sessionId: session.id });
  return redirect(session.url, 303);
}
