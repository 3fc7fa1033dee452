/**
 * POST /webhooks/stripe — Stripe's events about our Checkout Sessions and
 * charges. The signature is checked on the exact bytes received (Express
 * parses no bodies here); a bad, missing or stale one gets 400 and nothing is
 * written. Stripe's POST carries no Origin or Sec-Fetch-Site header, so the
 * server's CSRF check lets it through without an exemption.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { applyStripeEvent } from "~/models/payments.server";
import { clientIpOf } from "~/server/context";
import { stripeEnabled, verifyWebhook } from "~/services/stripe.server";

/** Stripe's events are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 512 * 1024;

const noStore = { "Cache-Control": "no-store" };

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!stripeEnabled()) return new Response(null, { status: 404 });
  if (request.method !== "POST")
    return new Response(null, { status: 405, headers: { Allow: "POST" } });
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES)
    return Response.json({ error: "too large" }, { status: 413, headers: noStore });
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES)
    return Response.json({ error: "too large" }, { status: 413, headers: noStore });
  const event = verifyWebhook(body, request.headers.get("Stripe-Signature"));
  if (!event) return Response.json({ error: "bad signature" }, { status: 400, headers: noStore });
  const outcome = applyStripeEvent(db, event, { ip: clientIpOf(context) });
  return Response.json(
    { received: true, duplicate: outcome.duplicate, effect: outcome.effect },
    { headers: noStore },
  );
}
