CREATE TABLE `campaign_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`city_target_fen` integer NOT NULL,
	`people_target` integer NOT NULL,
	`reserved_share_bp` integer DEFAULT 1000 NOT NULL,
	CONSTRAINT "campaign_years_target_positive" CHECK("campaign_years"."city_target_fen" >= 0),
	CONSTRAINT "campaign_years_share_range" CHECK("campaign_years"."reserved_share_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`slug` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `certifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`authority` text NOT NULL,
	`level` text NOT NULL,
	`number` text NOT NULL,
	`issued_on` text NOT NULL,
	`valid_until` text NOT NULL,
	`value_fen` integer NOT NULL,
	`people_lifted` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reject_reason` text,
	`reviewed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "certifications_dates" CHECK("certifications"."valid_until" >= "certifications"."issued_on")
);
--> statement-breakpoint
CREATE INDEX `certifications_product_idx` ON `certifications` (`product_id`);--> statement-breakpoint
CREATE TABLE `jurisdiction_targets` (
	`year` integer NOT NULL,
	`jurisdiction_code` text NOT NULL,
	`target_fen` integer NOT NULL,
	PRIMARY KEY(`year`, `jurisdiction_code`),
	FOREIGN KEY (`year`) REFERENCES `campaign_years`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `jurisdictions` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`seq` integer PRIMARY KEY NOT NULL,
	`counted_at` integer NOT NULL,
	`year` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`reverses_seq` integer,
	`source_kind` text NOT NULL,
	`source_ref` text NOT NULL,
	`buyer_org_id` integer,
	`buyer_name` text NOT NULL,
	`buyer_type` text NOT NULL,
	`stats_org_id` integer,
	`jurisdiction_code` text NOT NULL,
	`county_code` text NOT NULL,
	`seller_org_id` integer,
	`seller_name` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`certified` integer NOT NULL,
	`paired` integer NOT NULL,
	`invoice_number` text,
	`evidence_ref` text,
	`recorded_by` integer,
	`verified_by` integer,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`reverses_seq`) REFERENCES `ledger_entries`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stats_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_code`) REFERENCES `origin_counties`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_hash_unique` ON `ledger_entries` (`hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_source_idx` ON `ledger_entries` (`source_kind`,`source_ref`);--> statement-breakpoint
CREATE INDEX `ledger_year_idx` ON `ledger_entries` (`year`);--> statement-breakpoint
CREATE INDEX `ledger_year_jurisdiction_idx` ON `ledger_entries` (`year`,`jurisdiction_code`);--> statement-breakpoint
CREATE INDEX `ledger_year_county_idx` ON `ledger_entries` (`year`,`county_code`);--> statement-breakpoint
CREATE INDEX `ledger_seller_year_idx` ON `ledger_entries` (`seller_org_id`,`year`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`side` text NOT NULL,
	`type` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`credit_code` text NOT NULL,
	`jurisdiction_code` text,
	`county_code` text,
	`parent_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`description_zh` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`people_lifted` integer DEFAULT 0 NOT NULL,
	`mechanism` text,
	`founded_year` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_code`) REFERENCES `origin_counties`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "organisations_people_nonnegative" CHECK("organisations"."people_lifted" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_credit_code_unique` ON `organisations` (`credit_code`);--> statement-breakpoint
CREATE INDEX `organisations_county_idx` ON `organisations` (`county_code`);--> statement-breakpoint
CREATE INDEX `organisations_jurisdiction_idx` ON `organisations` (`jurisdiction_code`);--> statement-breakpoint
CREATE TABLE `origin_counties` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`summary_zh` text NOT NULL,
	`summary_en` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pairings` (
	`jurisdiction_code` text PRIMARY KEY NOT NULL,
	`county_code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_code`) REFERENCES `origin_counties`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pairings_county_idx` ON `pairings` (`county_code`);--> statement-breakpoint
CREATE TABLE `price_tiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`min_qty` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "price_tiers_qty_positive" CHECK("price_tiers"."min_qty" > 0),
	CONSTRAINT "price_tiers_price_positive" CHECK("price_tiers"."unit_price_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_tiers_product_qty_idx` ON `price_tiers` (`product_id`,`min_qty`);--> statement-breakpoint
CREATE TABLE `product_images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`position` integer NOT NULL,
	`src` text NOT NULL,
	`thumb_src` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_images_position_idx` ON `product_images` (`product_id`,`position`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seller_id` integer NOT NULL,
	`county_code` text NOT NULL,
	`category_slug` text NOT NULL,
	`unit_code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`description_zh` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`spec_zh` text DEFAULT '' NOT NULL,
	`spec_en` text DEFAULT '' NOT NULL,
	`shelf_life_days` integer DEFAULT 0 NOT NULL,
	`storage_zh` text DEFAULT '' NOT NULL,
	`storage_en` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`price_fen` integer NOT NULL,
	`min_order_qty` integer NOT NULL,
	`stock` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`certification_id` integer,
	`certified_until` text,
	`featured` integer DEFAULT false NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`listed_at` integer,
	FOREIGN KEY (`seller_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_code`) REFERENCES `origin_counties`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_slug`) REFERENCES `categories`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_code`) REFERENCES `units`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`certification_id`) REFERENCES `certifications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "products_price_positive" CHECK("products"."price_fen" > 0),
	CONSTRAINT "products_min_order_positive" CHECK("products"."min_order_qty" > 0),
	CONSTRAINT "products_stock_nonnegative" CHECK("products"."stock" >= 0)
);
--> statement-breakpoint
CREATE INDEX `products_visible_idx` ON `products` (`status`,`certified_until`);--> statement-breakpoint
CREATE INDEX `products_featured_idx` ON `products` (`status`,`featured`);--> statement-breakpoint
CREATE INDEX `products_price_idx` ON `products` (`status`,`price_fen`);--> statement-breakpoint
CREATE INDEX `products_newest_idx` ON `products` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `products_county_idx` ON `products` (`county_code`,`status`,`certified_until`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_slug`,`status`,`certified_until`);--> statement-breakpoint
CREATE INDEX `products_seller_idx` ON `products` (`seller_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer NOT NULL
);
