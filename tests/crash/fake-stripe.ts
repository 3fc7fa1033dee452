/**
 * Stripe at the network boundary, for the crash test: a node:http server that
 * answers `POST /v1/checkout/sessions` as Stripe does (the same idempotency
 * key gets the first answer again), and builds the signed webhook events
 * Stripe would send about those sessions. The server under test reaches it
 * through STRIPE_API_BASE.
 */
import { createServer, type Server } from "node:http";
import Stripe from "stripe";

export interface FakeSession {
  id: string;
  orderId: number;
  orderNumber: string;
  amountFen: number;
  paymentIntent: string;
}

export interface FakeStripe {
  /** Every session made, by id. */
  sessions: Map<string, FakeSession>;
  /** Requests answered. */
  requests: () => number;
  close: () => Promise<void>;
}

export async function startFakeStripe(port: number): Promise<FakeStripe> {
  const sessions = new Map<string, FakeSession>();
  const byKey = new Map<string, string>();
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      answered += 1;
      if (req.method !== "POST" || req.url !== "/v1/checkout/sessions") {
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { type: "invalid_request_error", message: "no route" } }));
        return;
      }
      const body = new URLSearchParams(Buffer.concat(chunks).toString());
      const key = req.headers["idempotency-key"];
      const earlier = typeof key === "string" ? byKey.get(key) : undefined;
      let session = earlier ? sessions.get(earlier) : undefined;
      if (!session) {
        let amountFen = 0;
        for (let i = 0; body.has(`line_items[${i}][quantity]`); i++) {
          amountFen +=
            Number(body.get(`line_items[${i}][quantity]`)) *
            Number(body.get(`line_items[${i}][price_data][unit_amount]`));
        }
        const n = sessions.size + 1;
        session = {
          id: `cs_test_crash_${n}_${body.get("client_reference_id")}`,
          orderId: Number(body.get("metadata[order_id]")),
          orderNumber: body.get("metadata[order_number]") ?? "",
          amountFen,
          paymentIntent: `pi_crash_${n}`,
        };
        sessions.set(session.id, session);
        if (typeof key === "string") byKey.set(key, session.id);
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          id: session.id,
          object: "checkout.session",
          mode: "payment",
          status: "open",
          payment_status: "unpaid",
          amount_total: session.amountFen,
          currency: "cny",
          client_reference_id: String(session.orderId),
          metadata: { order_id: String(session.orderId), order_number: session.orderNumber },
          payment_intent: session.paymentIntent,
          expires_at: Number(body.get("expires_at")),
          url: `https://checkout.stripe.com/c/pay/${session.id}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    sessions,
    requests: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type SessionEventType = "checkout.session.completed" | "checkout.session.expired";

/** A Stripe event about a session, as Stripe would send it. */
export function sessionEvent(id: string, type: SessionEventType, session: FakeSession) {
  return {
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: {
      object: {
        id: session.id,
        object: "checkout.session",
        mode: "payment",
        amount_total: session.amountFen,
        currency: "cny",
        client_reference_id: String(session.orderId),
        metadata: { order_id: String(session.orderId), order_number: session.orderNumber },
        payment_intent: session.paymentIntent,
        payment_status: type === "checkout.session.completed" ? "paid" : "unpaid",
        status: type === "checkout.session.completed" ? "complete" : "expired",
      },
    },
  };
}

/** The body and Stripe-Signature header of one delivery, signed now (Stripe signs each retry anew). */
export function signedDelivery(event: object, secret: string): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}
