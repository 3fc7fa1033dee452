/**
 * `npm run test:crash`: crash safety, proven against the real production
 * server. One scratch database lives through every round, so state piles up
 * and every restart recovers a bigger file. Each round:
 *   1. drives the server (`node build/server.js`) with concurrent users over
 *      HTTP: 20 budget units and the demo unit adding to their carts and
 *      placing orders (bank transfer or Stripe), the demo approver signing
 *      off orders above the unit's threshold, buyers attaching transfer
 *      slips, both demo cooperatives confirming payment (once a slip is
 *      attached), shipping, delivering, invoicing, cancelling and refunding,
 *      buyers paying online, a second person of each unit (never the one who
 *      placed the order) accepting, Stripe (a fake API in
 *      this process, reached through STRIPE_API_BASE) sending signed
 *      `checkout.session.*` events, some more than once, and two office
 *      people recording outside sales with evidence and verifying each
 *      other's;
 *   2. kills the server with SIGKILL at a random moment (0.5–3 s in);
 *   3. starts it again and checks the file: integrity_check, the ledger's
 *      chain and every summary figure, every answer given with success
 *      (placements, steps, checkout sessions, webhook events, records,
 *      verifications, cart lines, sign-ins), and nothing half-written
 *      (see checks.ts).
 * Unanswered requests are retried next round as their senders would: the
 * same idempotency key for a placement, Stripe's redelivery for an event.
 * CRASH_ROUNDS sets the rounds (default 20); CRASH_KEEP=1 keeps the scratch
 * folder (database, uploads, server log), which a failing run always keeps.
 * Prints the rounds, kills, checks and failures; exits non-zero on any
 * failure. Run `npm run build` first (the run copies the build it finds).
 */
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomInt, randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, openSync, rmSync, symlinkSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { memberships, organisations, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { seedDemo, seedReference } from "../../db/seed/seed";
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import { shanghaiDate } from "../../app/domain/dates";
import { MUNICIPAL_CODE } from "../../app/domain/ledger";
import { hashPasswordSync } from "../../app/domain/passwords";
import { adjustStock } from "../../app/models/products.server";
import {
  checkDatabase,
  stockHeld,
  type Adds,
  type Expected,
  type OpenCart,
  type StepAction,
} from "./checks";
import {
  sessionEvent,
  signedDelivery,
  startFakeStripe,
  type FakeSession,
  type FakeStripe,
  type SessionEventType,
} from "./fake-stripe";
import { Client, type Answer, type Body } from "./http";

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const APP_PORT = 3310;
const STRIPE_PORT = 3311;
const BUYERS = 20;
const PASSWORD = "crash-password";
const SECRET_KEY = "sk_test_crash";
const WEBHOOK_SECRET = "whsec_crash";
const STOCK = 10_000_000;
const KILL_AFTER_MS: [number, number] = [500, 3000];
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// ---- Small helpers ---------------------------------------------------------------

/** This script's report goes to stdout, line by line. */
const print = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)]!;
const chance = (p: number) => Math.random() < p;
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
/** A small but real PDF (the server checks evidence by its first bytes). */
const pdf = (text: string) =>
  new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

// ---- The scratch database --------------------------------------------------------

interface Product {
  id: number;
  sellerOrgId: number;
  minOrderQty: number;
  /** The cheapest tier's unit price, to size an order above the approval threshold. */
  lowestPriceFen: number;
}

interface Person {
  email: string;
  password: string;
  userId: number;
  orgId: number;
  cookie: string;
}

interface Buyer {
  /** Who places the unit's orders. */
  person: Person;
  /** Another person of the unit, who accepts what `person` placed (separation of duties). */
  checker: Person;
  orgName: string;
  creditCode: string;
  /** The demo unit: some orders above its approval threshold. */
  thresholdFen: number | null;
  adds: Adds;
  inFlight: { key: string; method: "bank_transfer" | "stripe" } | null;
}

interface Scratch {
  dir: string;
  /** Where the server runs from: a copy of the build. */
  serverRoot: string;
  file: string;
  uploads: string;
  buyers: Buyer[];
  approver: Person;
  sellers: Person[];
  office: [Person, Person];
  products: Product[];
  jurisdictions: string[];
  recordSeller: { orgId: number; countyCode: string };
  stockBaseline: Map<number, number>;
}

function person(email: string, password: string, userId: number, orgId: number): Person {
  return { email, password, userId, orgId, cookie: "" };
}

/** Reference data, the demo, 20 more budget units, and ample stock on a few products. */
function fillScratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), "fdx-crash-"));
  const file = join(dir, "crash.db");
  const database = openDatabase(file);
  const { db, sqlite } = database;
  const now = new Date();
  seedReference(database, now);
  seedDemo(database, now, { ledger: false });

  const demo = (email: string) => {
    const user = db.select().from(users).where(eq(users.email, email)).get()!;
    const membership = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.status, "approved")))
      .get()!;
    return person(email, DEMO_PASSWORD, user.id, membership.orgId);
  };
  const unit = demo("unit@example.com");
  const unitOrg = db.select().from(organisations).where(eq(organisations.id, unit.orgId)).get()!;
  const approver = demo("approver@example.com");
  const buyers: Buyer[] = [
    {
      person: unit,
      checker: approver,
      orgName: unitOrg.nameZh,
      creditCode: unitOrg.creditCode,
      thresholdFen: unitOrg.approvalThresholdFen,
      adds: new Map(),
      inFlight: null,
    },
  ];
  const places = (
    sqlite.prepare("select code from jurisdictions order by sort_order").pluck().all() as string[]
  ).filter((code) => code !== MUNICIPAL_CODE);
  // argon2id is deliberately slow: one hash serves every crash-test account.
  const passwordHash = hashPasswordSync(PASSWORD);
  db.transaction((tx) => {
    for (let i = 0; i < BUYERS; i++) {
      const place = places[i % places.length]!;
      const body = `12${place}MB${String(8_000_000 + i).padStart(7, "0")}`;
      const creditCode = body + creditCodeCheckCharacter(body);
      const orgName = `崩溃测试食堂${String(i + 1).padStart(2, "0")}号`;
      const org = tx
        .insert(organisations)
        .values({
          side: "buyer",
          type: "budget_unit",
          nameZh: orgName,
          nameEn: `Crash canteen ${i + 1}`,
          creditCode,
          jurisdictionCode: place,
          status: "approved",
          contactName: "测试采购",
          contactPhone: "0591-87000000",
          address: `福州市测试路${i + 1}号`,
          approvalThresholdFen: null,
        })
        .returning({ id: organisations.id })
        .get();
      const email = `crash-buyer-${String(i + 1).padStart(2, "0")}@example.com`;
      const user = tx
        .insert(users)
        .values({ email, name: `测试采购${i + 1}`, passwordHash })
        .returning({ id: users.id })
        .get();
      tx.insert(memberships)
        .values({ userId: user.id, orgId: org.id, role: "purchaser", status: "approved" })
        .run();
      // A second purchaser of the canteen: whoever placed an order cannot accept it.
      const checkerEmail = `crash-checker-${String(i + 1).padStart(2, "0")}@example.com`;
      const checker = tx
        .insert(users)
        .values({ email: checkerEmail, name: `测试验收${i + 1}`, passwordHash })
        .returning({ id: users.id })
        .get();
      tx.insert(memberships)
        .values({ userId: checker.id, orgId: org.id, role: "purchaser", status: "approved" })
        .run();
      buyers.push({
        person: person(email, PASSWORD, user.id, org.id),
        checker: person(checkerEmail, PASSWORD, checker.id, org.id),
        orgName,
        creditCode,
        thresholdFen: null,
        adds: new Map(),
        inFlight: null,
      });
    }
  });

  const sellers = [demo("coop@example.com"), demo("potato@example.com")];
  const products: Product[] = [];
  for (const seller of sellers) {
    const candidates = sqlite
      .prepare(
        `select p.id, p.min_order_qty as minOrderQty,
          (select min(unit_price_fen) from price_tiers t where t.product_id = p.id) as lowestPriceFen
         from products p where p.seller_id = ? and p.status = 'listed' and p.certified_until >= ?
          and p.min_order_qty <= 50 order by p.id limit 3`,
      )
      .all(seller.orgId, shanghaiDate(now)) as Omit<Product, "sellerOrgId">[];
    for (const candidate of candidates) {
      products.push({ ...candidate, sellerOrgId: seller.orgId });
      // Through the model, so the stock history replays to the stock.
      const stock = sqlite
        .prepare("select stock from products where id = ?")
        .pluck()
        .get(candidate.id) as number;
      const moved = adjustStock(db, {
        sellerId: seller.orgId,
        productId: candidate.id,
        delta: STOCK - stock,
        reason: "崩溃测试备货",
        actor: { userId: seller.userId, orgId: seller.orgId, ip: "127.0.0.1" },
      });
      if (!moved.ok) throw new Error(`stock of product ${candidate.id}: ${moved.reason}`);
    }
  }
  if (new Set(products.map((p) => p.sellerOrgId)).size < 2)
    throw new Error("the demo catalogue has too few orderable products");
  const recordSeller = db
    .select({ orgId: organisations.id, countyCode: organisations.countyCode })
    .from(organisations)
    .where(eq(organisations.id, sellers[0]!.orgId))
    .get()!;
  const stockBaseline = stockHeld(sqlite);
  const office: [Person, Person] = [demo("office@example.com"), demo("verifier@example.com")];
  sqlite.close();
  return {
    dir,
    serverRoot: snapshotBuild(dir),
    file,
    uploads: join(dir, "uploads"),
    buyers,
    approver,
    sellers,
    office,
    products,
    jurisdictions: places,
    recordSeller: { orgId: recordSeller.orgId, countyCode: recordSeller.countyCode! },
    stockBaseline,
  };
}

// ---- The server --------------------------------------------------------------------

/**
 * A copy of the production build (and the migrations it applies) to run
 * from, so a rebuild in the working tree during a long run changes nothing.
 */
function snapshotBuild(dir: string): string {
  const root = join(dir, "server");
  cpSync(join(ROOT, "build"), join(root, "build"), { recursive: true });
  cpSync(join(ROOT, "db/migrations"), join(root, "db/migrations"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(root, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  stderr: () => string;
}

function healthy(): Promise<boolean> {
  return new Promise((resolve) => {
    get(`http://127.0.0.1:${APP_PORT}/healthz`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on("error", () => resolve(false));
  });
}

async function startServer(scratch: Scratch): Promise<Running> {
  // Anything else answering on the port would be checked instead of our server.
  if (await healthy()) throw new Error(`port ${APP_PORT} is taken by another server`);
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: scratch.serverRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(APP_PORT),
      PUBLIC_ORIGIN: `http://127.0.0.1:${APP_PORT}`,
      DATABASE_PATH: scratch.file,
      UPLOAD_DIR: scratch.uploads,
      BACKUP_DIR: join(scratch.dir, "backups"),
      BACKUP_EVERY_MINUTES: "0",
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: `http://127.0.0.1:${STRIPE_PORT}`,
      TRUST_PROXY: "",
    },
    // Its request log goes to the scratch folder (kept when a check fails).
    stdio: ["ignore", openSync(join(scratch.dir, "server.log"), "a"), "pipe"],
  });
  let tail = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      gone = true;
      resolve();
    }),
  );
  const started = Date.now();
  while (!(await healthy())) {
    if (gone || Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`the server did not come up:\n${tail}`);
    }
    await sleep(50);
  }
  return { child, exited, stderr: () => tail };
}

// ---- What the drivers know ---------------------------------------------------------

interface OrderModel {
  id: number;
  buyerOrgId: number;
  sellerOrgId: number;
  status: string;
  paymentMethod: string;
  invoiceNumber: string | null;
  paid: boolean;
  /** A bank transfer whose slip the buyer attached: the seller may confirm it. */
  hasSlip: boolean;
  /** Sent to Stripe: waiting for its event rather than paying again. */
  atStripe: boolean;
  /** Refused a step: what we know is out of date until the next round. */
  stale: boolean;
}

interface Delivery {
  event: ReturnType<typeof sessionEvent>;
  session: FakeSession;
  deliveries: number;
}

interface Tally {
  acknowledged: Record<string, number>;
  refused: number;
  lost: number;
}

const newTally = (): Tally => ({ acknowledged: {}, refused: 0, lost: 0 });

class Run {
  readonly expected: Expected;
  readonly client = new Client(APP_PORT);
  orders = new Map<number, OrderModel>();
  readonly busy = new Set<number>();
  readonly deliveries: Delivery[] = [];
  readonly queuedSessions = new Set<string>();
  readonly toVerify = new Map<number, number[]>();
  alive = false;
  tally = newTally();
  /** Wrong answers seen while driving (a 5xx, a lost session, an inconsistent event). */
  liveFailures: string[] = [];

  constructor(
    readonly scratch: Scratch,
    readonly stripe: FakeStripe,
  ) {
    this.expected = {
      places: [],
      steps: [],
      checkouts: [],
      webhooks: new Map(),
      records: [],
      verifications: [],
      sessions: [],
      stockBaseline: scratch.stockBaseline,
    };
  }

  ack(kind: string) {
    this.tally.acknowledged[kind] = (this.tally.acknowledged[kind] ?? 0) + 1;
  }

  /** Sends one request; notes what a non-success answer says. Null: no answer. */
  async send(who: Person, path: string, body?: Body): Promise<Answer | null> {
    const answer = body
      ? await this.client.post(path, who.cookie || undefined, body)
      : await this.client.get(path, who.cookie || undefined);
    if (!answer) {
      this.tally.lost += 1;
      return null;
    }
    if (answer.status >= 500)
      this.liveFailures.push(`${path} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    else if (answer.location?.startsWith("/login"))
      this.liveFailures.push(`${who.email}: signed out (session lost) at ${path}`);
    else if (answer.status >= 400) this.tally.refused += 1;
    return answer;
  }

  async signIn(who: Person) {
    const answer = await this.client.post("/login", undefined, {
      form: { email: who.email, password: who.password },
    });
    const cookie = answer?.setCookie.find((c) => /^(__Host-)?session=/.test(c));
    if (!answer || (answer.status !== 302 && answer.status !== 303) || !cookie)
      throw new Error(`sign-in of ${who.email} answered ${answer?.status ?? "nothing"}`);
    who.cookie = cookie.split(";")[0]!;
    // The cookie holds the session id as base64 JSON; the table holds its SHA-256.
    const id = JSON.parse(
      Buffer.from(decodeURIComponent(who.cookie.split("=")[1]!), "base64").toString(),
    ) as string;
    this.expected.sessions.push(createHash("sha256").update(id).digest("hex"));
  }

  /** After a restart: where every order stands, from the file (drivers act on this). */
  resync() {
    const sqlite = new Database(this.scratch.file, { readonly: true, fileMustExist: true });
    try {
      const rows = sqlite
        .prepare(
          `select id, buyer_org_id as buyerOrgId, seller_org_id as sellerOrgId, status,
            payment_method as paymentMethod, invoice_number as invoiceNumber,
            paid_at is not null as paid, transfer_slip_key is not null as hasSlip from orders
           where status not in ('returned', 'refunded')
            and not (status = 'cancelled' and paid_at is null)
            and (status <> 'completed' or id > (select max(id) - 200 from orders))`,
        )
        .all() as (Omit<OrderModel, "paid" | "hasSlip" | "atStripe" | "stale"> & {
        paid: number;
        hasSlip: number;
      })[];
      this.orders = new Map(
        rows.map((r) => [
          r.id,
          { ...r, paid: r.paid === 1, hasSlip: r.hasSlip === 1, atStripe: false, stale: false },
        ]),
      );
      const pending = sqlite
        .prepare(
          "select id, recorded_by as recordedBy from outside_records where status = 'pending' and is_demo = 0",
        )
        .all() as { id: number; recordedBy: number }[];
      const [a, b] = this.scratch.office;
      this.toVerify.set(a.userId, []);
      this.toVerify.set(b.userId, []);
      for (const record of pending)
        this.toVerify.get(record.recordedBy === a.userId ? b.userId : a.userId)!.push(record.id);
    } finally {
      sqlite.close();
    }
  }

  openCarts(): OpenCart[] {
    return this.scratch.buyers.map((b) => ({
      buyerOrgId: b.person.orgId,
      adds: b.adds,
      inFlightKey: b.inFlight?.key ?? null,
    }));
  }

  free(filter: (o: OrderModel) => boolean): OrderModel[] {
    const found: OrderModel[] = [];
    for (const o of this.orders.values())
      if (!o.stale && !this.busy.has(o.id) && filter(o)) found.push(o);
    return found;
  }

  /** Runs one step on an order no other driver is touching. */
  async withOrder<T>(order: OrderModel, step: () => Promise<T>): Promise<T> {
    this.busy.add(order.id);
    try {
      return await step();
    } finally {
      this.busy.delete(order.id);
    }
  }

  // ---- Buyers ----------------------------------------------------------------------

  async buyer(b: Buyer) {
    if (b.inFlight) await this.place(b, b.inFlight.key, b.inFlight.method);
    while (this.alive) {
      const roll = Math.random();
      const mine = (o: OrderModel) => o.buyerOrgId === b.person.orgId;
      const payable = this.free(
        (o) =>
          mine(o) && o.paymentMethod === "stripe" && o.status === "awaiting_payment" && !o.atStripe,
      );
      const acceptable = this.free(
        (o) => mine(o) && (o.status === "shipped" || o.status === "delivered"),
      );
      const cancellable = this.free(
        (o) => mine(o) && o.status === "awaiting_payment" && o.paymentMethod === "bank_transfer",
      );
      const slipless = cancellable.filter((o) => !o.hasSlip);
      if (roll < 0.2) {
        if (payable.length > 0) await this.payOnline(b, pick(payable));
      } else if (roll < 0.35) {
        if (slipless.length > 0) await this.attachSlip(b, pick(slipless));
      } else if (roll < 0.6) {
        // Not the placer: another person of the unit accepts the goods.
        if (acceptable.length > 0) await this.buyerStep(b, pick(acceptable), "accept");
      } else if (roll < 0.63) {
        if (cancellable.length > 0) await this.buyerStep(b, pick(cancellable), "cancel");
      } else await this.shop(b);
      // A person's pace, so the sellers and the office get their share of the server.
      await sleep(randomInt(200, 1000));
    }
  }

  async shop(b: Buyer) {
    for (let i = randomInt(1, 4); i > 0 && this.alive; i--) {
      const product = pick(this.scratch.products);
      let qty = product.minOrderQty * pick([1, 1, 2, 3, 5]);
      if (b.thresholdFen !== null && chance(0.3)) {
        // Above the unit's approval threshold: the approver must sign it off.
        const units = Math.ceil((b.thresholdFen + 1) / product.lowestPriceFen);
        qty = Math.ceil(units / product.minOrderQty) * product.minOrderQty;
      }
      const answer = await this.send(b.person, "/buyer/cart", {
        form: { intent: "add", productId: String(product.id), qty: String(qty) },
      });
      if (answer?.status === 303) {
        b.adds.set(product.id, (b.adds.get(product.id) ?? 0) + qty);
        this.ack("cart line");
      }
    }
    if (!this.alive) return;
    const method = b.thresholdFen === null && chance(0.5) ? "stripe" : "bank_transfer";
    await this.place(b, randomUUID(), method);
  }

  async place(b: Buyer, key: string, method: "bank_transfer" | "stripe") {
    b.inFlight = { key, method };
    const answer = await this.send(b.person, "/buyer/cart", {
      form: {
        intent: "place",
        idempotencyKey: key,
        deliveryAddress: `${b.orgName}食堂仓库`,
        contactName: "测试采购",
        contactPhone: "0591-87000000",
        invoiceTitle: b.orgName,
        taxNumber: b.creditCode,
        poReference: "",
        purpose: "canteen",
        paymentMethod: method,
      },
    });
    if (!answer) return; // sent, not answered: the same key goes again next round
    b.inFlight = null;
    const checkoutId = /[?&]placed=(\d+)/.exec(answer.location ?? "")?.[1];
    if (answer.status === 303 && checkoutId) {
      this.expected.places.push({
        buyerOrgId: b.person.orgId,
        checkoutId: Number(checkoutId),
        key,
        adds: b.adds,
      });
      b.adds = new Map();
      this.ack("placement");
    }
  }

  async payOnline(b: Buyer, order: OrderModel) {
    const answer = await this.withOrder(order, () =>
      this.send(b.person, `/buyer/orders/${order.id}/pay`, { form: {} }),
    );
    const prefix = "https://checkout.stripe.com/c/pay/";
    if (answer?.status !== 303 || !answer.location?.startsWith(prefix)) return;
    const sessionId = answer.location.slice(prefix.length);
    this.expected.checkouts.push({ orderId: order.id, sessionId });
    this.ack("checkout session");
    order.atStripe = true;
    const session = this.stripe.sessions.get(sessionId);
    if (!session) {
      this.liveFailures.push(`order ${order.id}: sent to session ${sessionId}, unknown to Stripe`);
      return;
    }
    if (this.queuedSessions.has(sessionId)) return;
    this.queuedSessions.add(sessionId);
    // The buyer pays on Stripe's page, or now and then lets the session expire.
    const type: SessionEventType = chance(0.9)
      ? "checkout.session.completed"
      : "checkout.session.expired";
    this.deliveries.push({
      event: sessionEvent(`evt_crash_${randomUUID().replaceAll("-", "")}`, type, session),
      session,
      deliveries: 0,
    });
  }

  async buyerStep(b: Buyer, order: OrderModel, intent: "accept" | "cancel") {
    // The placer cancels; someone else of the unit accepts (the placer cannot).
    const who = intent === "accept" ? b.checker : b.person;
    const answer = await this.withOrder(order, () =>
      this.send(who, `/buyer/orders/${order.id}`, {
        form: intent === "cancel" ? { intent, note: "预算调整，取消订单" } : { intent, note: "" },
      }),
    );
    this.afterStep(order, intent, answer);
  }

  /** The buyer attaches the bank's transfer slip, without which the seller cannot confirm payment. */
  async attachSlip(b: Buyer, order: OrderModel) {
    const answer = await this.withOrder(order, () =>
      this.send(b.person, `/buyer/orders/${order.id}`, {
        multipart: { intent: "slip" },
        file: {
          field: "slip",
          filename: `转账回单-${order.id}.pdf`,
          type: "application/pdf",
          bytes: pdf(`transfer slip for order ${order.id}`),
        },
      }),
    );
    this.afterStep(order, "transfer_slip", answer);
  }

  async approver() {
    const unit = this.scratch.buyers[0]!.person.orgId;
    while (this.alive) {
      const waiting = this.free((o) => o.buyerOrgId === unit && o.status === "awaiting_approval");
      if (waiting.length === 0) {
        await sleep(30);
        continue;
      }
      const order = pick(waiting);
      const answer = await this.withOrder(order, () =>
        this.send(this.scratch.approver, `/buyer/orders/${order.id}`, {
          form: { intent: "approve", note: "同意采购" },
        }),
      );
      this.afterStep(order, "approve", answer);
    }
  }

  /** Records an acknowledged step and moves the order on in what the drivers know. */
  afterStep(order: OrderModel, action: StepAction, answer: Answer | null, value?: string) {
    if (!answer) return;
    if (answer.status !== 200) {
      if (answer.status === 409) order.stale = true;
      return;
    }
    this.expected.steps.push({ orderId: order.id, action, value });
    this.ack(`step ${action}`);
    const next: Partial<Record<StepAction, string>> = {
      approve: "awaiting_payment",
      pay: "paid",
      confirm: "confirmed",
      ship: "shipped",
      deliver: "delivered",
      accept: "accepted",
      cancel: "cancelled",
      refund: "refunded",
    };
    if (action === "pay") order.paid = true;
    if (action === "transfer_slip") order.hasSlip = true;
    if (action === "invoice") order.invoiceNumber = value ?? null;
    order.status = next[action] ?? order.status;
    if (order.status === "accepted" && order.paid && order.invoiceNumber)
      order.status = "completed";
    if (order.status === "refunded") this.orders.delete(order.id);
  }

  // ---- Sellers -----------------------------------------------------------------------

  sellerStep(o: OrderModel): StepAction | null {
    switch (o.status) {
      case "awaiting_payment":
        // A bank transfer is confirmed only once the buyer's slip is attached.
        return o.paymentMethod === "bank_transfer" && o.hasSlip ? "pay" : null;
      case "paid":
        return chance(0.05) ? "cancel" : "confirm";
      case "confirmed":
        return "ship";
      case "shipped":
        return !o.invoiceNumber && chance(0.7) ? "invoice" : chance(0.3) ? "deliver" : null;
      case "delivered":
      case "accepted":
        return o.invoiceNumber ? null : "invoice";
      case "cancelled":
        return o.paid ? "refund" : null;
      case "completed":
        return chance(0.01) ? "refund" : null;
      default:
        return null;
    }
  }

  async seller(s: Person) {
    while (this.alive) {
      const work = this.free((o) => o.sellerOrgId === s.orgId)
        .map((o) => ({ o, step: this.sellerStep(o) }))
        .filter((w): w is { o: OrderModel; step: StepAction } => w.step !== null);
      if (work.length === 0) {
        await sleep(30);
        continue;
      }
      const { o, step } = pick(work);
      const path = `/seller/orders/${o.id}`;
      if (step === "invoice") {
        const invoiceNumber = `INV-${String(o.id).padStart(8, "0")}`;
        const answer = await this.withOrder(o, () =>
          this.send(s, path, {
            multipart: { invoiceNumber },
            file: chance(0.5)
              ? {
                  field: "invoiceFile",
                  filename: `${invoiceNumber}.pdf`,
                  type: "application/pdf",
                  bytes: pdf(invoiceNumber),
                }
              : undefined,
          }),
        );
        this.afterStep(o, "invoice", answer, invoiceNumber);
        continue;
      }
      const trackingNumber = `SF${o.id}${randomInt(1000, 9999)}`;
      const form: Record<string, string> =
        step === "ship"
          ? { intent: step, carrier: "顺丰速运", trackingNumber }
          : step === "cancel" || step === "refund"
            ? { intent: step, note: step === "cancel" ? "缺货，取消订单" : "已退款给采购单位" }
            : { intent: step };
      const answer = await this.withOrder(o, () => this.send(s, path, { form }));
      this.afterStep(o, step, answer, step === "ship" ? trackingNumber : undefined);
    }
  }

  // ---- Stripe ------------------------------------------------------------------------

  async stripeWebhooks() {
    const nobody: Person = { email: "stripe", password: "", userId: 0, orgId: 0, cookie: "" };
    while (this.alive) {
      const delivery = this.deliveries.shift();
      if (!delivery) {
        await sleep(20);
        continue;
      }
      const { body, signature } = signedDelivery(delivery.event, WEBHOOK_SECRET);
      const answer = await this.send(nobody, "/webhooks/stripe", {
        json: body,
        headers: { "Stripe-Signature": signature },
      });
      if (answer?.status !== 200) {
        // Not acknowledged: Stripe tries again later.
        if (answer && answer.status < 500)
          this.liveFailures.push(`event ${delivery.event.id} refused: ${answer.status}`);
        this.deliveries.push(delivery);
        continue;
      }
      delivery.deliveries += 1;
      const outcome = JSON.parse(answer.body) as { duplicate: boolean; effect: string };
      const id = delivery.event.id;
      const earlier = this.expected.webhooks.get(id);
      if (earlier) {
        if (!outcome.duplicate || outcome.effect !== earlier.effect)
          this.liveFailures.push(
            `event ${id} delivered again: ${JSON.stringify(outcome)} after ${earlier.effect}`,
          );
      } else {
        this.expected.webhooks.set(id, {
          eventId: id,
          effect: outcome.effect,
          sessionId: delivery.session.id,
          paymentIntent: delivery.session.paymentIntent,
        });
        this.ack("webhook event");
      }
      const order = this.orders.get(delivery.session.orderId);
      if (order && outcome.effect === "paid") {
        order.status = "paid";
        order.paid = true;
      }
      if (order && outcome.effect === "expired") order.atStripe = false;
      // Stripe delivers now and then more than once.
      if (delivery.deliveries < 3 && chance(0.3)) this.deliveries.push(delivery);
    }
  }

  // ---- The office ----------------------------------------------------------------------

  async officePerson(me: Person, other: Person) {
    while (this.alive) {
      const queue = this.toVerify.get(me.userId)!;
      if (queue.length > 0 && chance(0.6)) {
        const recordId = queue.shift()!;
        const answer = await this.send(me, "/office/records", {
          form: { intent: "verify", recordId: String(recordId), reason: "" },
        });
        if (!answer) queue.push(recordId);
        else if (answer.status === 200) {
          this.expected.verifications.push(recordId);
          this.ack("verification");
        }
        continue;
      }
      const amountFen = randomInt(10_000, 5_000_000);
      const invoiceNumber = `OUT-${randomUUID().slice(0, 23)}`;
      const answer = await this.send(me, "/office/records", {
        multipart: {
          buyerName: "福州市某机关食堂",
          buyerType: "budget_unit",
          jurisdictionCode: pick(this.scratch.jurisdictions),
          sellerOrgId: String(this.scratch.recordSeller.orgId),
          countyCode: this.scratch.recordSeller.countyCode,
          productDescription: "岷县当归 100 公斤",
          amount: yuan(amountFen),
          saleDate: shanghaiDate(),
          kind: "purchase",
          channel: "offline",
          certified: "on",
          invoiceNumber,
          contractRef: "",
        },
        file: {
          field: "evidence",
          filename: "invoice.pdf",
          type: "application/pdf",
          bytes: pdf(invoiceNumber),
        },
      });
      if (answer?.status !== 200) continue;
      const recordId = /第 (\d+) 号记录已提交/.exec(answer.body)?.[1];
      if (!recordId) {
        this.liveFailures.push(`record ${invoiceNumber}: answered 200 without its number`);
        continue;
      }
      this.expected.records.push({ recordId: Number(recordId), invoiceNumber, amountFen });
      this.ack("record");
      this.toVerify.get(other.userId)!.push(Number(recordId));
    }
  }

  /**
   * A few pages once, so the round's time goes to writes rather than to a
   * cold server compiling its code (which would take most of a short round).
   */
  async warmUp() {
    const [buyer] = this.scratch.buyers;
    const [seller] = this.scratch.sellers;
    const someOrder = [...this.orders.values()].find((o) => o.sellerOrgId === seller!.orgId);
    // The approver may have nothing to do for a while: this keeps their session from idling out.
    const pages: [Person, string][] = [
      [buyer!.person, "/buyer/cart"],
      [this.scratch.office[0], "/office/records"],
      [this.scratch.approver, "/buyer"],
    ];
    if (someOrder) {
      pages.push([seller!, `/seller/orders/${someOrder.id}`]);
      const owner = this.scratch.buyers.find((b) => b.person.orgId === someOrder.buyerOrgId);
      if (owner) pages.push([owner.person, `/buyer/orders/${someOrder.id}`]);
    }
    for (let i = 0; i < 2; i++)
      for (const [who, path] of pages) await this.client.get(path, who.cookie);
    // A unit's checker acts only when goods arrive: this keeps their session from idling out too.
    for (const b of this.scratch.buyers)
      if (b.checker !== this.scratch.approver) await this.client.get("/buyer", b.checker.cookie);
  }

  drivers(): Promise<void>[] {
    const [office, verifier] = this.scratch.office;
    return [
      ...this.scratch.buyers.map((b) => this.buyer(b)),
      this.approver(),
      ...this.scratch.sellers.flatMap((s) => [this.seller(s), this.seller(s), this.seller(s)]),
      ...Array.from({ length: 4 }, () => this.stripeWebhooks()),
      this.officePerson(office, verifier),
      this.officePerson(verifier, office),
    ];
  }
}

// ---- The rounds ----------------------------------------------------------------------

/**
 * CRASH_SABOTAGE=1 proves the checks bite: after the first kill it damages
 * the file as the bugs this test hunts would (a lost webhook event, an order
 * without lines, stock off by one, a summary figure off by one fen), and the
 * run must then report failures and exit non-zero.
 */
function sabotage(file: string, expected: Expected) {
  const sqlite = new Database(file);
  try {
    const event = [...expected.webhooks.keys()][0];
    if (event) sqlite.prepare("delete from stripe_events where id = ?").run(event);
    sqlite.exec(`delete from order_lines where order_id = (select max(id) from orders);
      update products set stock = stock + 1 where id = (select min(product_id) from order_lines);
      update ledger_summary set amount_fen = amount_fen + 1 where dimension = 'county'
        and rowid = (select min(rowid) from ledger_summary where dimension = 'county');`);
  } finally {
    sqlite.close();
  }
}

function summary(tally: Tally): string {
  const acked = Object.values(tally.acknowledged).reduce((a, b) => a + b, 0);
  return `${acked} acknowledged, ${tally.refused} refused, ${tally.lost} unanswered`;
}

async function main() {
  if (
    !existsSync(join(ROOT, "build/server.js")) ||
    !existsSync(join(ROOT, "build/server/index.js"))
  )
    throw new Error("build/server.js is missing: run `npm run build` first");
  const started = performance.now();
  const scratch = fillScratch();
  const stripe = await startFakeStripe(STRIPE_PORT);
  const run = new Run(scratch, stripe);
  const totals = newTally();
  let server: Running | null = null;
  let kills = 0;
  let checks = 0;
  const failures: string[] = [];
  const stopServer = () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill("SIGKILL");
  };
  // However this process ends, the server it started ends with it.
  process.once("exit", stopServer);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.once(signal, () => process.exit(130));
  process.stdout.on("error", () => process.exit(1)); // e.g. piped into `head`
  print(
    `scratch database ${scratch.file}: ${scratch.buyers.length} buyers, ${scratch.products.length} products; ${ROUNDS} rounds`,
  );
  try {
    server = await startServer(scratch);
    for (const who of [
      ...scratch.buyers.map((b) => b.person),
      ...scratch.buyers.map((b) => b.checker).filter((c) => c !== scratch.approver),
      scratch.approver,
      ...scratch.sellers,
      ...scratch.office,
    ])
      await run.signIn(who);
    const baseline = checkDatabase(scratch.file, scratch.uploads, run.expected, run.openCarts());
    checks += baseline.checks;
    failures.push(...baseline.failures.map((f) => `before round 1: ${f}`));

    for (let round = 1; round <= ROUNDS; round++) {
      run.resync();
      await run.warmUp();
      run.tally = newTally();
      run.liveFailures = [];
      run.alive = true;
      const driving = run.drivers();
      const killAfter = randomInt(KILL_AFTER_MS[0], KILL_AFTER_MS[1] + 1);
      await sleep(killAfter);
      run.alive = false; // no new requests; those in flight meet the kill
      server.child.kill("SIGKILL");
      await server.exited;
      kills += 1;
      run.client.reset();
      await Promise.all(driving);
      if (process.env.CRASH_SABOTAGE && round === 1) sabotage(scratch.file, run.expected);

      const restartAt = performance.now();
      server = await startServer(scratch);
      const restartMs = performance.now() - restartAt;
      const checkAt = performance.now();
      const report = checkDatabase(scratch.file, scratch.uploads, run.expected, run.openCarts());
      const roundFailures = [...run.liveFailures, ...report.failures];
      checks += report.checks;
      failures.push(...roundFailures.map((f) => `round ${round}: ${f}`));
      for (const [kind, n] of Object.entries(run.tally.acknowledged))
        totals.acknowledged[kind] = (totals.acknowledged[kind] ?? 0) + n;
      totals.refused += run.tally.refused;
      totals.lost += run.tally.lost;
      print(
        `round ${String(round).padStart(3)}: killed after ${String(killAfter).padStart(4)} ms (${summary(run.tally)}); restarted in ${restartMs.toFixed(0)} ms; ${report.checks} checks in ${(performance.now() - checkAt).toFixed(0)} ms, ${roundFailures.length} failures`,
      );
      for (const failure of roundFailures.slice(0, 10)) print(`  FAIL ${failure}`);
      if (roundFailures.length > 0 && report.failures.length > 0)
        print(`  server stderr (tail):\n${server.stderr()}`);
    }

    // The last life ends gracefully: SIGTERM, the server folds its WAL in and exits 0.
    server.child.kill("SIGTERM");
    const stopped = await Promise.race([server.exited.then(() => true), sleep(15_000)]);
    const code = server.child.exitCode;
    const final = checkDatabase(scratch.file, scratch.uploads, run.expected, run.openCarts());
    checks += final.checks + 1;
    const finalFailures = [
      ...(stopped && code === 0
        ? []
        : [`SIGTERM: the server ${stopped ? `exited ${code}` : "did not stop"}`]),
      ...final.failures,
    ];
    failures.push(...finalFailures.map((f) => `after the graceful stop: ${f}`));
    print(
      `graceful stop: exit ${code ?? "none"}; ${final.checks} checks, ${finalFailures.length} failures`,
    );
  } finally {
    stopServer();
    await stripe.close();
    run.client.reset();
  }

  const db = new Database(scratch.file, { readonly: true });
  const count = (table: string) =>
    db.prepare(`select count(*) from ${table}`).pluck().get() as number;
  const figures = {
    orders: count("orders"),
    ledgerEntries: count("ledger_entries"),
    stripeEvents: count("stripe_events"),
    outsideRecords: count("outside_records"),
  };
  db.close();
  print(`\nacknowledged over all rounds:`);
  for (const [kind, n] of Object.entries(totals.acknowledged).sort())
    print(`  ${kind.padEnd(18)} ${n}`);
  print(
    `requests: ${run.client.sent} sent, ${run.client.answered} answered, ${totals.refused} refused (4xx), ${totals.lost} cut off by a kill`,
  );
  print(
    `database: ${figures.orders} orders, ${figures.ledgerEntries} ledger entries, ${figures.stripeEvents} Stripe events, ${figures.outsideRecords} outside records; Stripe API requests ${stripe.requests()}`,
  );
  print(
    `\nrounds ${ROUNDS}, kills ${kills}, checks ${checks}, failures ${failures.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  if (failures.length > 0) {
    for (const failure of failures.slice(0, 30)) print(`FAIL ${failure}`);
    print(`scratch database and server log kept at ${scratch.dir}`);
    process.exitCode = 1;
  } else if (!process.env.CRASH_KEEP) {
    rmSync(scratch.dir, { recursive: true, force: true });
  }
}

await main();
