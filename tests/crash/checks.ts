/**
 * What the crash test checks after every restart, against the database file
 * alone: SQLite's own integrity, the ledger's chain and summaries, every
 * answer the server gave with success (nothing acknowledged is lost), and
 * that nothing is half-written (orders without lines, stock that does not
 * match the orders, counted orders without their entries, and so on).
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { verifyLedger } from "../../app/models/ledger.server";

/** A cart's lines as the server acknowledged them: product id → quantity added. */
export type Adds = Map<number, number>;

export interface PlaceAck {
  buyerOrgId: number;
  checkoutId: number;
  key: string;
  adds: Adds;
}

export type StepAction =
  | "approve"
  | "transfer_slip"
  | "pay"
  | "confirm"
  | "ship"
  | "deliver"
  | "accept"
  | "cancel"
  | "refund"
  | "invoice";

export interface StepAck {
  orderId: number;
  action: StepAction;
  /** What the step wrote that must be there: the invoice or tracking number. */
  value?: string;
}

export interface WebhookAck {
  eventId: string;
  effect: string;
  sessionId: string;
  paymentIntent: string;
}

export interface RecordAck {
  recordId: number;
  invoiceNumber: string;
  amountFen: number;
}

/** A buyer's cart additions acknowledged since its last acknowledged placement. */
export interface OpenCart {
  buyerOrgId: number;
  adds: Adds;
  /** The key of a placement sent but not answered, which may have taken them. */
  inFlightKey: string | null;
}

/** Everything the server acknowledged, from the first round on. */
export interface Expected {
  places: PlaceAck[];
  steps: StepAck[];
  checkouts: { orderId: number; sessionId: string }[];
  webhooks: Map<string, WebhookAck>;
  records: RecordAck[];
  verifications: number[];
  /** Sign-ins: the SHA-256 of each session id handed out (the table stores only that). */
  sessions: string[];
  /** Per product: stock plus what live orders hold, which no order may change. */
  stockBaseline: Map<number, number>;
}

export interface CheckReport {
  checks: number;
  failures: string[];
}

/** Stock plus the quantity held by orders that still hold it (not cancelled, not returned). */
export function stockHeld(sqlite: Database.Database): Map<number, number> {
  const held = new Map<number, number>();
  for (const row of sqlite.prepare("select id, stock from products").all() as {
    id: number;
    stock: number;
  }[])
    held.set(row.id, row.stock);
  const reserved = sqlite
    .prepare(
      `select l.product_id as productId, sum(l.qty) as qty from order_lines l
       join orders o on o.id = l.order_id
       where o.status <> 'returned' and o.cancelled_at is null group by l.product_id`,
    )
    .all() as { productId: number; qty: number }[];
  for (const row of reserved) held.set(row.productId, (held.get(row.productId) ?? 0) + row.qty);
  return held;
}

const stepColumn: Record<StepAction, string> = {
  approve: "approved_at",
  transfer_slip: "transfer_slip_key",
  pay: "paid_at",
  confirm: "confirmed_at",
  ship: "shipped_at",
  deliver: "delivered_at",
  accept: "accepted_at",
  cancel: "cancelled_at",
  refund: "refunded_at",
  invoice: "invoiced_at",
};

/** Statuses that come only after the money arrived. */
const PAID_STATUSES = new Set([
  "paid",
  "confirmed",
  "shipped",
  "delivered",
  "accepted",
  "completed",
]);

interface OrderRow {
  id: number;
  number: string;
  checkoutId: number;
  status: string;
  totalFen: number;
  paymentMethod: string;
  placedBy: number;
  paidAt: number | null;
  paymentConfirmationNote: string | null;
  transferSlipKey: string | null;
  acceptedAt: number | null;
  acceptedBy: number | null;
  invoiceNumber: string | null;
  cancelledAt: number | null;
  refundedAt: number | null;
  countedSeq: number | null;
  reversalSeq: number | null;
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
  trackingNumber: string | null;
  lines: number;
  linesFen: number;
}

const SUMMARY_SQL = `
  select year, 'total' as dimension, '' as key, sum(amount_fen) as fen, count(*) as n
    from ledger_entries group by year
  union all select year, 'jurisdiction', jurisdiction_code, sum(amount_fen), count(*)
    from ledger_entries group by year, jurisdiction_code
  union all select year, 'county', county_code, sum(amount_fen), count(*)
    from ledger_entries group by year, county_code
  union all select year, 'buyer_type', buyer_type, sum(amount_fen), count(*)
    from ledger_entries group by year, buyer_type
  union all select year, 'kind', kind, sum(amount_fen), count(*)
    from ledger_entries group by year, kind
  union all select year, 'channel', channel, sum(amount_fen), count(*)
    from ledger_entries group by year, channel
  union all select year, 'certified', case when certified then '1' else '0' end, sum(amount_fen),
    count(*) from ledger_entries group by 1, 3
  union all select year, 'paired', case when paired then '1' else '0' end, sum(amount_fen),
    count(*) from ledger_entries group by 1, 3
  union all select year, 'month', strftime('%Y-%m', counted_at / 1000, 'unixepoch', '+8 hours'),
    sum(amount_fen), count(*) from ledger_entries group by 1, 3
  union all select year, 'stats_org', coalesce(cast(stats_org_id as text), ''), sum(amount_fen),
    count(*) from ledger_entries group by 1, 3
  union all select year, 'seller', coalesce(cast(seller_org_id as text), 'name:' || seller_name),
    sum(amount_fen), count(*) from ledger_entries group by 1, 3`;

/**
 * Opens the database read-only (the restarted server holds it) and checks
 * everything in one read transaction.
 */
export function checkDatabase(
  file: string,
  uploadDir: string,
  expected: Expected,
  openCarts: OpenCart[],
): CheckReport {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const report: CheckReport = { checks: 0, failures: [] };
  const check = (ok: boolean, failure: () => string) => {
    report.checks += 1;
    if (!ok) report.failures.push(failure());
  };
  try {
    sqlite.exec("begin");
    runChecks(sqlite, uploadDir, expected, openCarts, check);
    sqlite.exec("commit");
  } finally {
    sqlite.close();
  }
  return report;
}

type Check = (ok: boolean, failure: () => string) => void;

function runChecks(
  sqlite: Database.Database,
  uploadDir: string,
  expected: Expected,
  openCarts: OpenCart[],
  check: Check,
) {
  // ---- SQLite and the ledger ---------------------------------------------------
  const integrity = sqlite.pragma("integrity_check", { simple: true });
  check(integrity === "ok", () => `integrity_check: ${String(integrity)}`);
  const foreignKeys = sqlite.pragma("foreign_key_check") as unknown[];
  check(foreignKeys.length === 0, () => `foreign_key_check: ${JSON.stringify(foreignKeys[0])}`);
  const ledger = verifyLedger(sqlite);
  check(ledger.problem === null, () => `ledger chain: ${JSON.stringify(ledger.problem)}`);
  check(
    ledger.summaryMismatches.length === 0,
    () => `ledger summary totals: ${JSON.stringify(ledger.summaryMismatches)}`,
  );
  const summary = new Map(
    (
      sqlite
        .prepare("select year, dimension, key, amount_fen as fen, entries as n from ledger_summary")
        .all() as { year: number; dimension: string; key: string; fen: number; n: number }[]
    ).map((r) => [`${r.year}|${r.dimension}|${r.key}`, `${r.fen}/${r.n}`]),
  );
  const recomputed = new Map(
    (
      sqlite.prepare(SUMMARY_SQL).all() as {
        year: number;
        dimension: string;
        key: string;
        fen: number;
        n: number;
      }[]
    ).map((r) => [`${r.year}|${r.dimension}|${r.key}`, `${r.fen}/${r.n}`]),
  );
  for (const [key, value] of recomputed)
    check(
      summary.get(key) === value,
      () => `ledger_summary ${key}: ${summary.get(key)} but the ledger sums ${value}`,
    );
  for (const key of summary.keys())
    check(recomputed.has(key), () => `ledger_summary ${key} has no ledger entries behind it`);

  // ---- Every order: whole, consistent with its history, stock and ledger ---------
  const orders = sqlite
    .prepare(
      `select o.id, o.number, o.checkout_id as checkoutId, o.status, o.total_fen as totalFen,
        o.payment_method as paymentMethod, o.placed_by as placedBy, o.paid_at as paidAt,
        o.payment_confirmation_note as paymentConfirmationNote,
        o.transfer_slip_key as transferSlipKey, o.accepted_at as acceptedAt,
        o.accepted_by as acceptedBy,
        o.invoice_number as invoiceNumber, o.cancelled_at as cancelledAt,
        o.refunded_at as refundedAt, o.counted_seq as countedSeq, o.reversal_seq as reversalSeq,
        o.stripe_session_id as stripeSessionId,
        o.stripe_payment_intent_id as stripePaymentIntentId, o.tracking_number as trackingNumber,
        coalesce(l.n, 0) as lines, coalesce(l.fen, 0) as linesFen
       from orders o left join (select order_id, count(*) as n, sum(line_total_fen) as fen
         from order_lines group by order_id) l on l.order_id = o.id`,
    )
    .all() as OrderRow[];
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const countBy = (query: string) =>
    new Map(
      (sqlite.prepare(query).all() as { id: number | string; n: number }[]).map((r) => [r.id, r.n]),
    );
  const placeEvents = countBy(
    "select order_id as id, count(*) as n from order_events where action = 'place' group by order_id",
  );
  const payEvents = countBy(
    "select order_id as id, count(*) as n from order_events where action = 'pay' group by order_id",
  );
  const paidByStripe = countBy(
    `select order_id as id, count(*) as n from stripe_events where effect = 'paid'
     group by order_id`,
  );
  const lastStatus = new Map(
    (
      sqlite
        .prepare(
          `select order_id as id, to_status as status from order_events where id in
           (select max(id) from order_events where to_status is not null group by order_id)`,
        )
        .all() as { id: number; status: string }[]
    ).map((r) => [r.id, r.status]),
  );
  const movements = countBy(
    `select order_ref || '|' || kind as id, count(*) as n from stock_movements
     where order_ref is not null group by order_ref, kind`,
  );
  // What the ledger holds per order: its entries plus their reversals.
  const ledgerByOrder = new Map<number, { fen: number; entries: number; seqs: Set<number> }>();
  const originalOf = new Map<number, number>();
  for (const entry of sqlite
    .prepare(
      `select seq, amount_fen as fen, source_kind as kind, source_ref as ref,
        reverses_seq as reverses from ledger_entries
       where source_kind in ('order', 'reversal') order by seq`,
    )
    .iterate() as IterableIterator<{
    seq: number;
    fen: number;
    kind: string;
    ref: string;
    reverses: number | null;
  }>) {
    const orderId =
      entry.kind === "order" ? Number(entry.ref.split(":")[1]) : originalOf.get(entry.reverses!);
    if (orderId === undefined) continue; // the reversal of an outside record
    originalOf.set(entry.seq, orderId);
    const sum = ledgerByOrder.get(orderId) ?? { fen: 0, entries: 0, seqs: new Set<number>() };
    sum.fen += entry.fen;
    sum.entries += 1;
    sum.seqs.add(entry.seq);
    ledgerByOrder.set(orderId, sum);
  }
  for (const order of orders) {
    const name = `order ${order.id} (${order.status})`;
    check(order.lines > 0, () => `${name} has no lines`);
    check(
      order.linesFen === order.totalFen,
      () => `${name} total ${order.totalFen} but its lines sum to ${order.linesFen}`,
    );
    check(
      placeEvents.get(order.id) === 1,
      () => `${name} has ${placeEvents.get(order.id)} place events`,
    );
    check(
      lastStatus.get(order.id) === order.status,
      () => `${name}: its history ends at ${lastStatus.get(order.id)}`,
    );
    check(
      (payEvents.get(order.id) ?? 0) <= 1,
      () => `${name} was paid ${payEvents.get(order.id)} times`,
    );
    if (PAID_STATUSES.has(order.status))
      check(order.paidAt !== null, () => `${name} has no paid_at`);
    // Separation of duties: a transfer counts as received only with the buyer's slip (or
    // the office's reason), and whoever placed an order never accepts it.
    if (order.paymentMethod === "bank_transfer" && order.paidAt !== null)
      check(
        order.transferSlipKey !== null || Boolean(order.paymentConfirmationNote?.trim()),
        () => `${name}: its bank transfer was confirmed with neither a slip nor a reason`,
      );
    if (order.acceptedAt !== null)
      check(
        order.acceptedBy !== null && order.acceptedBy !== order.placedBy,
        () => `${name} was accepted by ${order.acceptedBy}, who placed it`,
      );
    if (order.paymentMethod === "stripe" && order.paidAt !== null)
      check(
        paidByStripe.get(order.id) === 1,
        () => `${name} paid online has ${paidByStripe.get(order.id) ?? 0} 'paid' Stripe events`,
      );
    else
      check(
        !paidByStripe.has(order.id),
        () => `${name} unpaid or by transfer has a 'paid' Stripe event`,
      );
    check(
      movements.get(`${order.number}|order`) === order.lines,
      () =>
        `${name}: ${movements.get(`${order.number}|order`) ?? 0} stock movements for ${order.lines} lines`,
    );
    const released = order.cancelledAt !== null || order.status === "returned";
    check(
      (movements.get(`${order.number}|order_cancelled`) ?? 0) === (released ? order.lines : 0),
      () =>
        `${name}: stock released ${movements.get(`${order.number}|order_cancelled`) ?? 0} times`,
    );
    const counted = ledgerByOrder.get(order.id);
    if (order.status === "completed") {
      check(
        order.paidAt !== null && order.acceptedAt !== null && order.invoiceNumber !== null,
        () => `${name} is completed without being paid, accepted and invoiced`,
      );
      check(
        counted?.fen === order.totalFen &&
          order.countedSeq !== null &&
          counted.seqs.has(order.countedSeq),
        () => `${name} counts ${counted?.fen ?? 0} in the ledger for a total of ${order.totalFen}`,
      );
    } else if (order.status === "refunded" && order.countedSeq !== null) {
      check(
        counted?.fen === 0 && order.reversalSeq !== null && counted.seqs.has(order.reversalSeq),
        () => `${name} refunded after counting still counts ${counted?.fen}`,
      );
    } else {
      check(counted === undefined, () => `${name} has ledger entries but is not completed`);
      check(order.countedSeq === null, () => `${name} names a ledger entry but is not completed`);
      check(
        !(order.status === "accepted" && order.paidAt !== null && order.invoiceNumber !== null),
        () => `${name} is paid, accepted and invoiced but not counted`,
      );
    }
  }
  for (const orderId of ledgerByOrder.keys())
    check(
      orderById.has(orderId),
      () => `ledger entries for order ${orderId}, which does not exist`,
    );
  const checkoutsWithoutOrders = sqlite
    .prepare("select id from checkouts where id not in (select checkout_id from orders)")
    .pluck()
    .all();
  check(
    checkoutsWithoutOrders.length === 0,
    () => `checkouts without orders: ${checkoutsWithoutOrders.slice(0, 5).join(", ")}`,
  );

  // ---- Stock: no order changes stock plus what live orders hold; movements replay --
  const held = stockHeld(sqlite);
  for (const [productId, baseline] of expected.stockBaseline)
    check(
      held.get(productId) === baseline,
      () =>
        `product ${productId}: stock + held by orders = ${held.get(productId)}, was ${baseline}`,
    );
  const stockNow = new Map(
    (sqlite.prepare("select id, stock from products").all() as { id: number; stock: number }[]).map(
      (p) => [p.id, p.stock],
    ),
  );
  const replayed = new Map<number, number>();
  for (const move of sqlite
    .prepare(
      `select product_id as productId, delta, stock_after as after from stock_movements
       order by product_id, id`,
    )
    .iterate() as IterableIterator<{ productId: number; delta: number; after: number }>) {
    const before = replayed.get(move.productId);
    if (before !== undefined)
      check(
        before + move.delta === move.after,
        () =>
          `product ${move.productId}: a movement of ${move.delta} from ${before} ends at ${move.after}`,
      );
    replayed.set(move.productId, move.after);
  }
  for (const [productId, after] of replayed)
    check(
      stockNow.get(productId) === after,
      () => `product ${productId}: stock ${stockNow.get(productId)}, its movements end at ${after}`,
    );

  // ---- Acknowledged placements and carts -----------------------------------------
  const checkoutById = sqlite.prepare(
    "select buyer_org_id as buyerOrgId, idempotency_key as key from checkouts where id = ?",
  );
  const checkoutByKey = sqlite
    .prepare("select id from checkouts where buyer_org_id = ? and idempotency_key = ?")
    .pluck();
  const linesOfCheckout = sqlite.prepare(
    `select l.product_id as productId, sum(l.qty) as qty from order_lines l
     join orders o on o.id = l.order_id where o.checkout_id = ? group by l.product_id`,
  );
  const containsAdds = (checkoutId: number, adds: Adds, name: string) => {
    const lines = new Map(
      (linesOfCheckout.all(checkoutId) as { productId: number; qty: number }[]).map((l) => [
        l.productId,
        l.qty,
      ]),
    );
    for (const [productId, qty] of adds)
      check(
        (lines.get(productId) ?? 0) >= qty,
        () => `${name}: product ${productId} × ${qty} added, ${lines.get(productId) ?? 0} ordered`,
      );
  };
  for (const place of expected.places) {
    const row = checkoutById.get(place.checkoutId) as
      { buyerOrgId: number; key: string } | undefined;
    check(
      row?.buyerOrgId === place.buyerOrgId && row.key === place.key,
      () => `acknowledged checkout ${place.checkoutId} is missing or not the buyer's`,
    );
    containsAdds(place.checkoutId, place.adds, `acknowledged checkout ${place.checkoutId}`);
  }
  const cartLine = sqlite
    .prepare("select qty from cart_items where org_id = ? and product_id = ?")
    .pluck();
  for (const cart of openCarts) {
    if (cart.adds.size === 0) continue;
    const placed = cart.inFlightKey
      ? (checkoutByKey.get(cart.buyerOrgId, cart.inFlightKey) as number | undefined)
      : undefined;
    if (placed !== undefined) {
      containsAdds(placed, cart.adds, `checkout ${placed} placed while the server died`);
      continue;
    }
    for (const [productId, qty] of cart.adds) {
      const inCart = (cartLine.get(cart.buyerOrgId, productId) as number | undefined) ?? 0;
      check(
        inCart >= qty,
        () =>
          `buyer ${cart.buyerOrgId}: product ${productId} × ${qty} added, ${inCart} in the cart`,
      );
    }
  }

  // ---- Acknowledged steps, checkout sessions and webhook events --------------------
  const eventCount = sqlite
    .prepare("select count(*) from order_events where order_id = ? and action = ?")
    .pluck();
  const stepValue = (order: OrderRow, action: StepAction) =>
    action === "invoice"
      ? order.invoiceNumber
      : action === "ship"
        ? order.trackingNumber
        : undefined;
  const stepDone = new Map(
    Object.entries(stepColumn).map(([action, column]) => [
      action,
      sqlite.prepare(`select ${column} is not null from orders where id = ?`).pluck(),
    ]),
  );
  for (const step of expected.steps) {
    const order = orderById.get(step.orderId);
    const name = `acknowledged ${step.action} of order ${step.orderId}`;
    check(order !== undefined, () => `${name}: the order is missing`);
    if (!order) continue;
    check(
      stepDone.get(step.action)!.get(order.id) === 1,
      () => `${name}: not recorded on the order`,
    );
    check(
      (eventCount.get(order.id, step.action) as number) >= 1,
      () => `${name}: not in the order's history`,
    );
    if (step.value !== undefined)
      check(
        stepValue(order, step.action) === step.value,
        () => `${name}: ${step.value} sent, ${stepValue(order, step.action)} stored`,
      );
    if (step.action === "transfer_slip")
      check(
        order.transferSlipKey !== null &&
          existsSync(join(uploadDir, "orders", order.transferSlipKey)),
        () => `${name}: the slip's file is missing`,
      );
  }
  const checkoutSteps = sqlite.prepare(
    `select action, detail from order_events where order_id = ?
     and action in ('checkout_started', 'checkout_expired', 'payment_failed') order by id`,
  );
  for (const started of expected.checkouts) {
    const order = orderById.get(started.orderId);
    const steps = checkoutSteps.all(started.orderId) as { action: string; detail: string | null }[];
    const endedLater = steps.some(
      (s) =>
        s.action !== "checkout_started" &&
        (JSON.parse(s.detail ?? "{}") as { sessionId?: string }).sessionId === started.sessionId,
    );
    check(
      steps.some((s) => s.action === "checkout_started") &&
        order !== undefined &&
        (order.stripeSessionId === started.sessionId ||
          order.status !== "awaiting_payment" ||
          endedLater),
      () =>
        `acknowledged checkout session ${started.sessionId} of order ${started.orderId} is lost`,
    );
  }
  const stripeEvent = sqlite.prepare(
    "select effect, order_id as orderId from stripe_events where id = ?",
  );
  for (const hook of expected.webhooks.values()) {
    const row = stripeEvent.get(hook.eventId) as { effect: string; orderId: number } | undefined;
    check(
      row?.effect === hook.effect,
      () => `acknowledged event ${hook.eventId} (${hook.effect}) is recorded as ${row?.effect}`,
    );
    if (hook.effect === "paid" && row) {
      const order = orderById.get(row.orderId);
      check(
        order?.paidAt !== null &&
          order?.stripeSessionId === hook.sessionId &&
          order.stripePaymentIntentId === hook.paymentIntent,
        () => `event ${hook.eventId} paid order ${row.orderId}, which does not show it`,
      );
    }
  }

  // ---- Sign-ins -------------------------------------------------------------------
  const session = sqlite.prepare("select ended_at is null from sessions where id_hash = ?").pluck();
  for (const idHash of expected.sessions)
    check(session.get(idHash) === 1, () => `session ${idHash.slice(0, 12)}… is lost or ended`);

  // ---- Outside records -----------------------------------------------------------
  const recordById = sqlite.prepare(
    `select status, invoice_number as invoiceNumber, amount_fen as amountFen,
      evidence_key as evidenceKey, evidence_sha256 as evidenceSha256, ledger_seq as ledgerSeq
     from outside_records where id = ?`,
  );
  type RecordRow = {
    status: string;
    invoiceNumber: string;
    amountFen: number;
    evidenceKey: string | null;
    evidenceSha256: string | null;
    ledgerSeq: number | null;
  };
  for (const record of expected.records) {
    const row = recordById.get(record.recordId) as RecordRow | undefined;
    check(
      row?.invoiceNumber === record.invoiceNumber && row.amountFen === record.amountFen,
      () => `acknowledged record ${record.recordId} is missing or altered`,
    );
    if (!row?.evidenceKey) continue;
    const path = join(uploadDir, "evidence", row.evidenceKey);
    const sha = existsSync(path)
      ? createHash("sha256").update(readFileSync(path)).digest("hex")
      : null;
    check(
      sha === row.evidenceSha256,
      () => `record ${record.recordId}: its evidence file is ${sha ? "altered" : "missing"}`,
    );
  }
  const entryBySeq = sqlite.prepare(
    "select source_ref as ref, amount_fen as fen from ledger_entries where seq = ?",
  );
  for (const recordId of expected.verifications) {
    const row = recordById.get(recordId) as RecordRow | undefined;
    const entry =
      row?.ledgerSeq != null
        ? (entryBySeq.get(row.ledgerSeq) as { ref: string; fen: number } | undefined)
        : undefined;
    check(
      row?.status === "verified" &&
        entry?.ref === `record:${recordId}` &&
        entry.fen === row.amountFen,
      () => `acknowledged verification of record ${recordId} is lost`,
    );
  }
  const recordState = new Map(
    (
      sqlite.prepare("select id, status, ledger_seq as ledgerSeq from outside_records").all() as {
        id: number;
        status: string;
        ledgerSeq: number | null;
      }[]
    ).map((r) => [r.id, r]),
  );
  for (const entry of sqlite
    .prepare(
      "select seq, source_ref as ref from ledger_entries where source_kind = 'outside_record'",
    )
    .iterate() as IterableIterator<{ seq: number; ref: string }>) {
    const record = recordState.get(Number(entry.ref.replace("record:", "")));
    check(
      record?.status === "verified" && record.ledgerSeq === entry.seq,
      () => `ledger entry ${entry.seq} (${entry.ref}) but its record is ${record?.status}`,
    );
  }
  const verifiedWithout = sqlite
    .prepare(
      `select id from outside_records where status = 'verified' and (ledger_seq is null
       or ledger_seq not in (select seq from ledger_entries where source_kind = 'outside_record'))`,
    )
    .pluck()
    .all();
  check(
    verifiedWithout.length === 0,
    () => `verified records without their entry: ${verifiedWithout.slice(0, 5).join(", ")}`,
  );
}
