CREATE TABLE `ledger_summary` (
	`year` integer NOT NULL,
	`dimension` text NOT NULL,
	`key` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`entries` integer NOT NULL,
	PRIMARY KEY(`year`, `dimension`, `key`)
);
--> statement-breakpoint
CREATE TABLE `outside_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`buyer_org_id` integer,
	`buyer_name` text NOT NULL,
	`buyer_type` text NOT NULL,
	`jurisdiction_code` text NOT NULL,
	`county_code` text NOT NULL,
	`seller_org_id` integer,
	`seller_name` text NOT NULL,
	`product_description` text NOT NULL,
	`category_slug` text,
	`amount_fen` integer NOT NULL,
	`sale_date` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`certified` integer NOT NULL,
	`invoice_number` text NOT NULL,
	`contract_ref` text DEFAULT '' NOT NULL,
	`evidence_key` text,
	`evidence_type` text,
	`evidence_sha256` text,
	`recorded_by` integer NOT NULL,
	`recorded_org_id` integer,
	`recorded_at` integer NOT NULL,
	`verified_by` integer,
	`decided_at` integer,
	`reject_reason` text,
	`ledger_seq` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_code`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_code`) REFERENCES `origin_counties`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_slug`) REFERENCES `categories`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ledger_seq`) REFERENCES `ledger_entries`(`seq`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outside_records_amount_positive" CHECK("outside_records"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `outside_records_status_idx` ON `outside_records` (`status`,`id`);--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `seller_key` text GENERATED ALWAYS AS (coalesce(cast(seller_org_id as text), 'name:' || seller_name)) VIRTUAL;--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_invoice_idx` ON `ledger_entries` (`seller_key`,`invoice_number`) WHERE "ledger_entries"."invoice_number" is not null and "ledger_entries"."source_kind" <> 'reversal';--> statement-breakpoint
CREATE INDEX `ledger_year_seq_idx` ON `ledger_entries` (`year`,`seq`);