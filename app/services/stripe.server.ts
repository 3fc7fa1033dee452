/**
 * The one module that talks to Stripe. Online payment is offered only when the
 * operator has set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.
 *
 * Every request carries an idempotency key derived from our own ids, so a
 * retry (the SDK's, or a buyer's second click) never makes a second session
 * or a second refund. Stripe compares a repeated key's parameters with the
 * first request's, so callers must send the same values for the same key.
 */
import Stripe from "stripe";
import { env } from "~/env.server";

export type StripeEvent = Stripe.Event;

export function stripeEnabled(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
}

let client: Stripe | null = null;

/** STRIPE_API_BASE (tests only) as the SDK's host, port and protocol; none: api.stripe.com. */
function apiBase(): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!env.STRIPE_API_BASE) return {};
  const url = new URL(env.STRIPE_API_BASE);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    host: url.hostname,
    port: Number(url.port || (protocol === "http" ? 80 : 443)),
    protocol,
  };
}

/** The SDK client, made on first use so a server without keys never builds one. */
function stripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not set");
  client ??= new Stripe(env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "fuzhou-dingxi-marketplace" },
    ...apiBase(),
  });
  return client;
}

/** How long a buyer has to finish paying on Stripe's page (Stripe allows 30 min to 24 h). */
export const CHECKOUT_LIFETIME_SECONDS = 60 * 60;

/** Card, Alipay and WeChat Pay; each must be enabled on the Stripe account to be shown. */
export const PAYMENT_METHOD_TYPES = ["card", "alipay", "wechat_pay"] as const;

export interface CheckoutOrder {
  id: number;
  number: string;
}

export interface CheckoutLine {
  nameZh: string;
  /** The unit the price is per, in Chinese (公斤, 箱…). */
  unitNameZh: string;
  qty: number;
  unitPriceFen: number;
}

/**
 * A Checkout Session for one order, in CNY, with the order's lines as stored
 * in the database (amounts in fen, CNY's smallest unit). `attempt` numbers
 * the order's sessions: the same attempt with the same `expiresAt` gets
 * Stripe's first answer again instead of a second session.
 */
export async function createCheckoutSession(
  order: CheckoutOrder,
  lines: readonly CheckoutLine[],
  options: {
    successUrl: string;
    cancelUrl: string;
    attempt: number;
    /** Unix seconds; part of the request, so a repeated attempt must send the same value. */
    expiresAt: number;
    language: "zh-CN" | "en";
  },
): Promise<{ id: string; url: string }> {
  const metadata = { order_id: String(order.id), order_number: order.number };
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      currency: "cny",
      line_items: lines.map((line) => ({
        quantity: line.qty,
        price_data: {
          currency: "cny",
          unit_amount: line.unitPriceFen,
          product_data: { name: `${line.nameZh}（每${line.unitNameZh}）` },
        },
      })),
      allowed_payment_method_types: [...PAYMENT_METHOD_TYPES],
      payment_method_options: { wechat_pay: { client: "web" } },
      client_reference_id: String(order.id),
      metadata,
      payment_intent_data: { metadata, description: order.number },
      expires_at: options.expiresAt,
      locale: options.language === "en" ? "en" : "zh",
      success_url: options.successUrl,
      cancel_url: options.cancelUrl,
    },
    { idempotencyKey: `checkout:${order.id}:${options.attempt}` },
  );
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`);
  return { id: session.id, url: session.url };
}

/**
 * Refunds a Stripe payment in full. The money comes back through the
 * `charge.refunded` webhook, which moves the order; this only asks.
 */
export async function refundPayment(
  paymentIntentId: string,
  input: { orderId: number; reason: string },
): Promise<{ id: string; status: string | null }> {
  const refund = await stripe().refunds.create(
    {
      payment_intent: paymentIntentId,
      reason: "requested_by_customer",
      metadata: { order_id: String(input.orderId), reason: input.reason.slice(0, 500) },
    },
    { idempotencyKey: `refund:${input.orderId}:${paymentIntentId}` },
  );
  return { id: refund.id, status: refund.status };
}

/**
 * The event a webhook request carries, when its Stripe-Signature header
 * signs exactly these bytes with our secret within Stripe's default
 * tolerance (300 s); null for a missing, bad or stale signature.
 */
export function verifyWebhook(
  rawBody: Uint8Array,
  signatureHeader: string | null,
): StripeEvent | null {
  if (!env.STRIPE_WEBHOOK_SECRET || !signatureHeader) return null;
  try {
    return Stripe.webhooks.constructEvent(rawBody, signatureHeader, env.STRIPE_WEBHOOK_SECRET);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return null;
    if (error instanceof SyntaxError) return null; // signed, but not JSON
    throw error;
  }
}
