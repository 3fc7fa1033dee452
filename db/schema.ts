/**
 * The data model. Money columns end in `_fen` and hold integer fen; instants are
 * UTC milliseconds; calendar dates are Shanghai dates as "YYYY-MM-DD" text.
 * Reference data is keyed by official division codes (GB/T 2260).
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { orderStatuses } from "../app/domain/order-status";
import { organisationTypes, roles } from "../app/domain/roles";

export { organisationTypes, roles };
export type { OrganisationType, Role } from "../app/domain/roles";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** Dingxi's counties and district: where products come from (产地县). */
export const originCounties = sqliteTable("origin_counties", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  summaryZh: text("summary_zh").notNull(),
  summaryEn: text("summary_en").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

/** Fuzhou's counties, county-level city and districts, plus the municipal bucket (市直). */
export const jurisdictions = sqliteTable("jurisdictions", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind", { enum: ["district", "county", "city", "zone", "municipal"] }).notNull(),
  sortOrder: integer("sort_order").notNull(),
});

/** Which Fuzhou jurisdiction helps which Dingxi county (结对关系); the office edits it. */
export const pairings = sqliteTable(
  "pairings",
  {
    jurisdictionCode: text("jurisdiction_code")
      .primaryKey()
      .references(() => jurisdictions.code),
    countyCode: text("county_code")
      .notNull()
      .references(() => originCounties.code),
    updatedAt: createdAt(),
  },
  (t) => [index("pairings_county_idx").on(t.countyCode)],
);

export const categories = sqliteTable("categories", {
  slug: text("slug").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const units = sqliteTable("units", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

/** A campaign year's targets (targets are data, per year). */
export const campaignYears = sqliteTable(
  "campaign_years",
  {
    year: integer("year").primaryKey(),
    cityTargetFen: integer("city_target_fen").notNull(),
    peopleTarget: integer("people_target").notNull(),
    /** A budget unit's reserved share (预留份额) of canteen food spending, in basis points. */
    reservedShareBp: integer("reserved_share_bp").notNull().default(1000),
  },
  (t) => [
    check("campaign_years_target_positive", sql`${t.cityTargetFen} >= 0`),
    check("campaign_years_share_range", sql`${t.reservedShareBp} between 0 and 10000`),
  ],
);

export const jurisdictionTargets = sqliteTable(
  "jurisdiction_targets",
  {
    year: integer("year")
      .notNull()
      .references(() => campaignYears.year),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    targetFen: integer("target_fen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.jurisdictionCode] })],
);

/** Every party but the public acts for an organisation: buyer, seller or the office. */
export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    side: text("side", { enum: ["buyer", "seller", "office"] }).notNull(),
    type: text("type", { enum: organisationTypes }).notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull().default(""),
    creditCode: text("credit_code").notNull().unique(),
    /** A buyer's Fuzhou jurisdiction; the municipal bucket for city-level units. */
    jurisdictionCode: text("jurisdiction_code").references(() => jurisdictions.code),
    /** A seller's Dingxi county. */
    countyCode: text("county_code").references(() => originCounties.code),
    /** A trade union's parent unit, whose statistics include it once the link is confirmed. */
    parentId: integer("parent_id").references((): AnySQLiteColumn => organisations.id),
    /**
     * When the parent unit's admin (or the office) confirmed the link; until
     * then the union's purchases count under its own jurisdiction.
     */
    parentConfirmedAt: integer("parent_confirmed_at", { mode: "timestamp_ms" }),
    parentConfirmedBy: integer("parent_confirmed_by"),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    contactName: text("contact_name").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    address: text("address").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    /** Declared poor people whose income its sales support (带贫人数). */
    peopleLifted: integer("people_lifted").notNull().default(0),
    mechanism: text("mechanism", { enum: ["wage", "asset", "business"] }),
    foundedYear: integer("founded_year"),
    /** For an enterprise buying as a channel: supermarket, wholesale market, online shop. */
    channelKind: text("channel_kind", { enum: ["supermarket", "wholesale", "online", "other"] }),
    /** A seller's account that receives bank transfers (对公账户). */
    bankName: text("bank_name").notNull().default(""),
    bankAccountName: text("bank_account_name").notNull().default(""),
    bankAccountNumber: text("bank_account_number").notNull().default(""),
    /** A buyer unit's amount above which an approver must sign an order off; null: never. */
    approvalThresholdFen: integer("approval_threshold_fen"),
    rejectReason: text("reject_reason"),
    reviewedBy: integer("reviewed_by"),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("organisations_county_idx").on(t.countyCode),
    index("organisations_jurisdiction_idx").on(t.jurisdictionCode),
    check("organisations_people_nonnegative", sql`${t.peopleLifted} >= 0`),
  ],
);

export const productStatuses = [
  "draft",
  "submitted",
  "listed",
  "rejected",
  "paused",
  "delisted",
] as const;
export type ProductStatus = (typeof productStatuses)[number];

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sellerId: integer("seller_id")
      .notNull()
      .references(() => organisations.id),
    countyCode: text("county_code")
      .notNull()
      .references(() => originCounties.code),
    categorySlug: text("category_slug")
      .notNull()
      .references(() => categories.slug),
    unitCode: text("unit_code")
      .notNull()
      .references(() => units.code),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    specZh: text("spec_zh").notNull().default(""),
    specEn: text("spec_en").notNull().default(""),
    shelfLifeDays: integer("shelf_life_days").notNull().default(0),
    storageZh: text("storage_zh").notNull().default(""),
    storageEn: text("storage_en").notNull().default(""),
    /** GI or brand tags, a JSON array of strings. */
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** The first tier's unit price, kept here so the catalog sorts and filters by it. */
    priceFen: integer("price_fen").notNull(),
    minOrderQty: integer("min_order_qty").notNull(),
    stock: integer("stock").notNull().default(0),
    /** What the seller can supply in a month beyond stock on hand; 0 when not given. */
    monthlyCapacity: integer("monthly_capacity").notNull().default(0),
    status: text("status", { enum: productStatuses }).notNull().default("draft"),
    /** Why the product is rejected or was delisted, shown to the seller. */
    statusReason: text("status_reason"),
    /** The certification in force; history stays in `certifications`. */
    certificationId: integer("certification_id").references(
      (): AnySQLiteColumn => certifications.id,
    ),
    /**
     * The valid-until date of the certification in force when it is approved,
     * else null. Kept by triggers (migration 0001) from `certifications`, so the
     * listing rule is one indexed comparison.
     */
    certifiedUntil: text("certified_until"),
    featured: integer("featured", { mode: "boolean" }).notNull().default(false),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    listedAt: integer("listed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // The catalog reads these indexes without touching table rows (see catalog.server.ts).
    index("products_visible_idx").on(t.status, t.certifiedUntil),
    // Unfiltered pages walk one of these in sort order (rowid breaks ties) and stop early.
    index("products_featured_idx").on(t.status, t.featured),
    index("products_price_idx").on(t.status, t.priceFen),
    index("products_newest_idx").on(t.status, t.createdAt),
    index("products_county_idx").on(t.countyCode, t.status, t.certifiedUntil),
    index("products_category_idx").on(t.categorySlug, t.status, t.certifiedUntil),
    index("products_seller_idx").on(t.sellerId),
    check("products_price_positive", sql`${t.priceFen} > 0`),
    check("products_min_order_positive", sql`${t.minOrderQty} > 0`),
    check("products_stock_nonnegative", sql`${t.stock} >= 0`),
    check("products_capacity_nonnegative", sql`${t.monthlyCapacity} >= 0`),
  ],
);

export const priceTiers = sqliteTable(
  "price_tiers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    minQty: integer("min_qty").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
  },
  (t) => [
    uniqueIndex("price_tiers_product_qty_idx").on(t.productId, t.minQty),
    check("price_tiers_qty_positive", sql`${t.minQty} > 0`),
    check("price_tiers_price_positive", sql`${t.unitPriceFen} > 0`),
  ],
);

export const productImages = sqliteTable(
  "product_images",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    src: text("src").notNull(),
    thumbSrc: text("thumb_src").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** The uploaded original, kept outside public/ under a generated name; null for drawn demo images. */
    originalKey: text("original_key"),
  },
  (t) => [uniqueIndex("product_images_position_idx").on(t.productId, t.position)],
);

export const certificationStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;
export type CertificationStatus = (typeof certificationStatuses)[number];

/** 扶贫产品认定: the record that a product is certified, by whom and until when. */
export const certifications = sqliteTable(
  "certifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references((): AnySQLiteColumn => products.id),
    authority: text("authority").notNull(),
    level: text("level", { enum: ["county", "city", "province", "national"] }).notNull(),
    /** Batch or catalogue number; its format varies by authority. */
    number: text("number").notNull(),
    issuedOn: text("issued_on").notNull(),
    validUntil: text("valid_until").notNull(),
    /** 商品价值量. */
    valueFen: integer("value_fen").notNull(),
    peopleLifted: integer("people_lifted").notNull(),
    /** pending → approved | rejected; a pending one replaced by a newer one is withdrawn. */
    status: text("status", { enum: certificationStatuses }).notNull().default("pending"),
    rejectReason: text("reject_reason"),
    /** The scanned certificate (PDF or image), stored outside public/ under a generated name. */
    documentKey: text("document_key"),
    documentType: text("document_type"),
    documentSha256: text("document_sha256"),
    submittedBy: integer("submitted_by").references((): AnySQLiteColumn => users.id),
    reviewedBy: integer("reviewed_by").references((): AnySQLiteColumn => users.id),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("certifications_product_idx").on(t.productId),
    index("certifications_status_idx").on(t.status, t.id),
    check("certifications_dates", sql`${t.validUntil} >= ${t.issuedOn}`),
  ],
);

/**
 * What happened to a product, in order: status changes with their reasons,
 * price changes with the old and new tiers, certification decisions, edits.
 * Both the seller and the office read it; it is never edited.
 */
export const productEvents = sqliteTable(
  "product_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references((): AnySQLiteColumn => users.id),
    actorOrgId: integer("actor_org_id").references(() => organisations.id),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    reason: text("reason"),
    detail: text("detail", { mode: "json" }),
  },
  (t) => [index("product_events_product_idx").on(t.productId, t.id)],
);

/**
 * Every change of a product's stock, with its reason: hand adjustments, bulk
 * edits and (later) orders. `stockAfter` lets anyone replay the history.
 */
export const stockMovements = sqliteTable(
  "stock_movements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    delta: integer("delta").notNull(),
    stockAfter: integer("stock_after").notNull(),
    kind: text("kind", {
      enum: ["initial", "manual", "bulk", "order", "order_cancelled"],
    }).notNull(),
    reason: text("reason").notNull(),
    actorUserId: integer("actor_user_id").references((): AnySQLiteColumn => users.id),
    orderRef: text("order_ref"),
  },
  (t) => [
    index("stock_movements_product_idx").on(t.productId, t.id),
    check("stock_movements_after_nonnegative", sql`${t.stockAfter} >= 0`),
  ],
);

/**
 * The counted ledger: one row per counted amount, append-only (triggers refuse
 * UPDATE and DELETE) and hash-chained. Attribution is frozen at counting time.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    seq: integer("seq").primaryKey(),
    countedAt: integer("counted_at", { mode: "timestamp_ms" }).notNull(),
    year: integer("year").notNull(),
    amountFen: integer("amount_fen").notNull(),
    reversesSeq: integer("reverses_seq").references((): AnySQLiteColumn => ledgerEntries.seq),
    sourceKind: text("source_kind", { enum: ["order", "outside_record", "reversal"] }).notNull(),
    sourceRef: text("source_ref").notNull(),
    buyerOrgId: integer("buyer_org_id").references(() => organisations.id),
    buyerName: text("buyer_name").notNull(),
    buyerType: text("buyer_type", {
      enum: ["budget_unit", "trade_union", "enterprise", "channel", "individual"],
    }).notNull(),
    /** The unit whose statistics include this (a trade union's parent), else the buyer. */
    statsOrgId: integer("stats_org_id").references(() => organisations.id),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    countyCode: text("county_code")
      .notNull()
      .references(() => originCounties.code),
    sellerOrgId: integer("seller_org_id").references(() => organisations.id),
    sellerName: text("seller_name").notNull(),
    /** The seller's id, or its name for sellers outside the marketplace. */
    sellerKey: text("seller_key").generatedAlwaysAs(
      sql`coalesce(cast(seller_org_id as text), 'name:' || seller_name)`,
      { mode: "virtual" },
    ),
    kind: text("kind", { enum: ["purchase", "helped_sale"] }).notNull(),
    channel: text("channel", { enum: ["online", "offline"] }).notNull(),
    certified: integer("certified", { mode: "boolean" }).notNull(),
    paired: integer("paired", { mode: "boolean" }).notNull(),
    invoiceNumber: text("invoice_number"),
    evidenceRef: text("evidence_ref"),
    recordedBy: integer("recorded_by"),
    verifiedBy: integer("verified_by"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
  },
  (t) => [
    uniqueIndex("ledger_source_idx").on(t.sourceKind, t.sourceRef),
    // One invoice from one seller counts once (reversals repeat it, negatively).
    uniqueIndex("ledger_invoice_idx")
      .on(t.sellerKey, t.invoiceNumber)
      .where(sql`${t.invoiceNumber} is not null and ${t.sourceKind} <> 'reversal'`),
    index("ledger_year_seq_idx").on(t.year, t.seq),
    index("ledger_year_idx").on(t.year),
    index("ledger_year_jurisdiction_idx").on(t.year, t.jurisdictionCode),
    index("ledger_year_county_idx").on(t.year, t.countyCode),
    index("ledger_seller_year_idx").on(t.sellerOrgId, t.year),
    index("ledger_buyer_year_idx").on(t.buyerOrgId, t.year),
  ],
);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Lower-cased; the sign-in name. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  phone: text("phone").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  status: text("status", { enum: ["active", "disabled"] })
    .notNull()
    .default("active"),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
  lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
});

/** A person's place in an organisation; acting for it needs an approved membership. */
export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: roles }).notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    decidedBy: integer("decided_by").references((): AnySQLiteColumn => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_idx").on(t.userId, t.orgId),
    index("memberships_org_idx").on(t.orgId, t.status),
  ],
);

/**
 * Server-side sessions. The cookie holds a random id; only its SHA-256 is
 * stored, so a copy of the database does not let anyone sign in as a user.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    actingOrgId: integer("acting_org_id").references(() => organisations.id),
    createdAt: createdAt(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    endReason: text("end_reason", {
      enum: [
        "logout",
        "rotated",
        "idle",
        "expired",
        "ended_by_office",
        "disabled",
        "password_reset",
      ],
    }),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Every sign-in attempt, for the brute-force limits and the audit. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    blocked: integer("blocked", { mode: "boolean" }).notNull().default(false),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
    index("login_attempts_pair_idx").on(t.email, t.ip, t.at),
    index("login_attempts_at_idx").on(t.at),
  ],
);

/**
 * One row per request that a rate limit counts (forgot-password, sign-up,
 * complaints): `bucket` names the limit, `key` what it is counted against
 * (an address, an e-mail, a product). Old rows are pruned.
 */
export const rateLimitHits = sqliteTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("rate_limit_hits_key_idx").on(t.bucket, t.key, t.at),
    index("rate_limit_hits_at_idx").on(t.at),
  ],
);

/**
 * A sign-up waiting for its e-mail to be confirmed: the form's answers (the
 * password already hashed) and a one-time token of which only the SHA-256 is
 * kept. The account is created when the link is followed.
 */
export const pendingSignups = sqliteTable(
  "pending_signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("pending_signups_email_idx").on(t.email)],
);

/**
 * A change of a buyer unit's approval amount waits for a second person:
 * another admin of the unit or the office. Old and new values are kept.
 */
export const thresholdChanges = sqliteTable(
  "threshold_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id),
    oldFen: integer("old_fen"),
    newFen: integer("new_fen"),
    status: text("status", { enum: ["pending", "approved", "rejected", "withdrawn"] })
      .notNull()
      .default("pending"),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    reason: text("reason"),
  },
  (t) => [
    index("threshold_changes_org_idx").on(t.orgId, t.status),
    check(
      "threshold_changes_two_people",
      sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.requestedBy}`,
    ),
  ],
);

export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

/** Mail the product sends; there is no mail server here, so it waits in this outbox. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("outbox_to_idx").on(t.toEmail)],
);

/** Who did what, when, from where, with the old and new values. Never edited. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id"),
    actorOrgId: integer("actor_org_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    ip: text("ip").notNull().default(""),
    oldValue: text("old_value", { mode: "json" }),
    newValue: text("new_value", { mode: "json" }),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
  ],
);

/**
 * Running sums of the ledger per campaign year and dimension (total,
 * jurisdiction, county, buyer type, kind, channel, certified, month, stats
 * organisation, seller), kept by a trigger on every append, so the dashboard
 * reads a few rows instead of summing a million entries.
 */
export const ledgerSummary = sqliteTable(
  "ledger_summary",
  {
    year: integer("year").notNull(),
    dimension: text("dimension").notNull(),
    key: text("key").notNull(),
    amountFen: integer("amount_fen").notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.dimension, t.key] })],
);

/**
 * A sale made outside the marketplace, recorded with its evidence and counted
 * only once a second office person verifies it (maker ≠ checker).
 */
export const outsideRecords = sqliteTable(
  "outside_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    status: text("status", { enum: ["pending", "verified", "rejected"] })
      .notNull()
      .default("pending"),
    buyerOrgId: integer("buyer_org_id").references(() => organisations.id),
    buyerName: text("buyer_name").notNull(),
    buyerType: text("buyer_type", {
      enum: ["budget_unit", "trade_union", "enterprise", "channel", "individual"],
    }).notNull(),
    jurisdictionCode: text("jurisdiction_code")
      .notNull()
      .references(() => jurisdictions.code),
    countyCode: text("county_code")
      .notNull()
      .references(() => originCounties.code),
    sellerOrgId: integer("seller_org_id").references(() => organisations.id),
    sellerName: text("seller_name").notNull(),
    productDescription: text("product_description").notNull(),
    categorySlug: text("category_slug").references(() => categories.slug),
    amountFen: integer("amount_fen").notNull(),
    saleDate: text("sale_date").notNull(),
    kind: text("kind", { enum: ["purchase", "helped_sale"] }).notNull(),
    channel: text("channel", { enum: ["online", "offline"] }).notNull(),
    certified: integer("certified", { mode: "boolean" }).notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    contractRef: text("contract_ref").notNull().default(""),
    evidenceKey: text("evidence_key"),
    evidenceType: text("evidence_type"),
    evidenceSha256: text("evidence_sha256"),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedOrgId: integer("recorded_org_id").references(() => organisations.id),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
    verifiedBy: integer("verified_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    rejectReason: text("reject_reason"),
    ledgerSeq: integer("ledger_seq").references(() => ledgerEntries.seq),
    /** The CSV import a record came from (its file is the evidence), if any. */
    importBatch: text("import_batch"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("outside_records_status_idx").on(t.status, t.id),
    index("outside_records_batch_idx").on(t.importBatch, t.status),
    check("outside_records_amount_positive", sql`${t.amountFen} > 0`),
  ],
);

/** The online face of the 12317 supervision hotline: anyone may file; the office answers. */
export const complaints = sqliteTable(
  "complaints",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subjectType: text("subject_type", { enum: ["product", "seller", "record", "other"] }).notNull(),
    subjectRef: text("subject_ref").notNull().default(""),
    /** The product, seller organisation or ledger entry the reference resolved to. */
    subjectId: integer("subject_id"),
    body: text("body").notNull(),
    contactName: text("contact_name").notNull().default(""),
    contact: text("contact").notNull().default(""),
    status: text("status", { enum: ["open", "in_progress", "resolved"] })
      .notNull()
      .default("open"),
    reply: text("reply").notNull().default(""),
    handledBy: integer("handled_by").references(() => users.id),
    /**
     * Filed while more than the per-target rate of complaints about the same
     * subject arrived: kept and answerable, but listed apart so a flood does
     * not bury the others.
     */
    surge: integer("surge", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("complaints_status_idx").on(t.status, t.id),
    index("complaints_surge_idx").on(t.surge, t.id),
  ],
);

/**
 * A budget unit's declared canteen food budget for a year; its reserved share
 * (预留份额) of it is what it pledges to buy from poverty areas.
 */
export const reservedPledges = sqliteTable(
  "reserved_pledges",
  {
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    canteenBudgetFen: integer("canteen_budget_fen").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.year] }),
    check("reserved_pledges_budget_nonnegative", sql`${t.canteenBudgetFen} >= 0`),
  ],
);

/**
 * A buyer organisation's cart, kept on the server so it survives signing out
 * and moving to another device. `seenUnitPriceFen` is the unit price the buyer
 * last saw, so a price that changed since is shown before placing.
 */
export const cartItems = sqliteTable(
  "cart_items",
  {
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    qty: integer("qty").notNull(),
    seenUnitPriceFen: integer("seen_unit_price_fen").notNull(),
    addedBy: integer("added_by").references(() => users.id),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.productId] }),
    check("cart_items_qty_positive", sql`${t.qty} > 0`),
  ],
);

export { orderStatuses };
export type { OrderStatus } from "../app/domain/order-status";

/**
 * One placing of a cart: the details the buyer gave once, and the key that
 * makes placing idempotent (a double click or a retried request finds it).
 */
export const checkouts = sqliteTable(
  "checkouts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id),
    placedBy: integer("placed_by")
      .notNull()
      .references(() => users.id),
    idempotencyKey: text("idempotency_key").notNull(),
    totalFen: integer("total_fen").notNull(),
    needsApproval: integer("needs_approval", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("checkouts_key_idx").on(t.buyerOrgId, t.idempotencyKey)],
);

/** One seller's share of a checkout: it is approved, paid, shipped and counted on its own. */
export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The number people quote: "FD" + Shanghai date + sequence. */
    number: text("number").notNull().unique(),
    checkoutId: integer("checkout_id")
      .notNull()
      .references(() => checkouts.id),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id),
    sellerOrgId: integer("seller_org_id")
      .notNull()
      .references(() => organisations.id),
    placedBy: integer("placed_by")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: orderStatuses }).notNull(),
    totalFen: integer("total_fen").notNull(),
    paymentMethod: text("payment_method", { enum: ["bank_transfer", "stripe"] }).notNull(),
    /** What the buyer writes on the bank transfer so the seller can match it. */
    transferReference: text("transfer_reference").notNull().unique(),
    deliveryAddress: text("delivery_address").notNull(),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    invoiceTitle: text("invoice_title").notNull(),
    taxNumber: text("tax_number").notNull(),
    poReference: text("po_reference").notNull().default(""),
    purpose: text("purpose", {
      enum: ["canteen", "staff_welfare", "holiday_gifts", "event", "resale", "other"],
    }).notNull(),
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    approvalComment: text("approval_comment"),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    paymentConfirmedBy: integer("payment_confirmed_by").references(() => users.id),
    /** The office's reason when it confirms a bank transfer without the buyer's slip. */
    paymentConfirmationNote: text("payment_confirmation_note"),
    transferSlipKey: text("transfer_slip_key"),
    transferSlipType: text("transfer_slip_type"),
    stripeSessionId: text("stripe_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    shippedAt: integer("shipped_at", { mode: "timestamp_ms" }),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    acceptedBy: integer("accepted_by").references(() => users.id),
    acceptanceNote: text("acceptance_note"),
    acceptancePhotoKey: text("acceptance_photo_key"),
    invoiceNumber: text("invoice_number"),
    invoiceKey: text("invoice_key"),
    invoiceType: text("invoice_type"),
    invoicedAt: integer("invoiced_at", { mode: "timestamp_ms" }),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    cancelReason: text("cancel_reason"),
    refundedAt: integer("refunded_at", { mode: "timestamp_ms" }),
    refundReason: text("refund_reason"),
    /** The ledger entry it was counted as, and the reversal if refunded after counting. */
    countedSeq: integer("counted_seq").references(() => ledgerEntries.seq),
    reversalSeq: integer("reversal_seq").references(() => ledgerEntries.seq),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("orders_buyer_idx").on(t.buyerOrgId, t.id),
    index("orders_seller_idx").on(t.sellerOrgId, t.status, t.id),
    index("orders_status_idx").on(t.status, t.updatedAt),
    index("orders_checkout_idx").on(t.checkoutId),
    check("orders_total_positive", sql`${t.totalFen} > 0`),
  ],
);

/** What was ordered, frozen as it was when placed: the price, the county, the certification. */
export const orderLines = sqliteTable(
  "order_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    unitCode: text("unit_code").notNull(),
    countyCode: text("county_code")
      .notNull()
      .references(() => originCounties.code),
    certified: integer("certified", { mode: "boolean" }).notNull(),
    certificationNumber: text("certification_number"),
    qty: integer("qty").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
    /** The first tier's price, so the saving at this quantity can be shown. */
    baseUnitPriceFen: integer("base_unit_price_fen").notNull(),
    tierMinQty: integer("tier_min_qty").notNull(),
    lineTotalFen: integer("line_total_fen").notNull(),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId),
    index("order_lines_product_idx").on(t.productId),
    check("order_lines_qty_positive", sql`${t.qty} > 0`),
    check("order_lines_total", sql`${t.lineTotalFen} = ${t.qty} * ${t.unitPriceFen}`),
  ],
);

/** Every step of every order, with who took it, when and why. Never edited. */
export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    actorOrgId: integer("actor_org_id").references(() => organisations.id),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    note: text("note"),
    detail: text("detail", { mode: "json" }),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

/**
 * Every Stripe event received, by its id, with what it did: a replayed or
 * duplicated delivery finds its row and changes nothing.
 */
export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
  orderId: integer("order_id").references(() => orders.id),
  effect: text("effect").notNull(),
});

/** The in-app list of what happened to a person's organisation (mail goes to the outbox too). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id),
    key: text("key").notNull(),
    values: text("values", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    link: text("link").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_org_idx").on(t.orgId, t.id)],
);

/**
 * One row: a number that every committed change to what a public page shows
 * moves on (triggers on each such table, migration 0012). The server's page
 * cache keys its entries by it, so a cached page can never outlive its data.
 */
export const dataVersion = sqliteTable("data_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});
