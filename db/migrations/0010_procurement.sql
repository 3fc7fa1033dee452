CREATE TABLE `cart_items` (
	`org_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`qty` integer NOT NULL,
	`seen_unit_price_fen` integer NOT NULL,
	`added_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `product_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cart_items_qty_positive" CHECK("cart_items"."qty" > 0)
);
--> statement-breakpoint
CREATE TABLE `checkouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`buyer_org_id` integer NOT NULL,
	`placed_by` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`total_fen` integer NOT NULL,
	`needs_approval` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkouts_key_idx` ON `checkouts` (`buyer_org_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`key` text NOT NULL,
	`values` text NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_org_idx` ON `notifications` (`org_id`,`id`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_org_id` integer,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`note` text,
	`detail` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`unit_code` text NOT NULL,
	`county_code` text NOT NULL,
	`certified` integer NOT NULL,
	`certification_number` text,
	`qty` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`base_unit_price_fen` integer NOT NULL,
	`tier_min_qty` integer NOT NULL,
	`line_total_fen` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_code`) REFERENCES `origin_counties`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_lines_qty_positive" CHECK("order_lines"."qty" > 0),
	CONSTRAINT "order_lines_total" CHECK("order_lines"."line_total_fen" = "order_lines"."qty" * "order_lines"."unit_price_fen")
);
--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_product_idx` ON `order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`checkout_id` integer NOT NULL,
	`buyer_org_id` integer NOT NULL,
	`seller_org_id` integer NOT NULL,
	`placed_by` integer NOT NULL,
	`status` text NOT NULL,
	`total_fen` integer NOT NULL,
	`payment_method` text NOT NULL,
	`transfer_reference` text NOT NULL,
	`delivery_address` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`invoice_title` text NOT NULL,
	`tax_number` text NOT NULL,
	`po_reference` text DEFAULT '' NOT NULL,
	`purpose` text NOT NULL,
	`approved_by` integer,
	`approved_at` integer,
	`approval_comment` text,
	`paid_at` integer,
	`payment_confirmed_by` integer,
	`transfer_slip_key` text,
	`transfer_slip_type` text,
	`stripe_session_id` text,
	`stripe_payment_intent_id` text,
	`confirmed_at` integer,
	`shipped_at` integer,
	`carrier` text,
	`tracking_number` text,
	`delivered_at` integer,
	`accepted_at` integer,
	`accepted_by` integer,
	`acceptance_note` text,
	`acceptance_photo_key` text,
	`invoice_number` text,
	`invoice_key` text,
	`invoice_type` text,
	`invoiced_at` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`cancel_reason` text,
	`refunded_at` integer,
	`refund_reason` text,
	`counted_seq` integer,
	`reversal_seq` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`checkout_id`) REFERENCES `checkouts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counted_seq`) REFERENCES `ledger_entries`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversal_seq`) REFERENCES `ledger_entries`(`seq`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orders_total_positive" CHECK("orders"."total_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_number_unique` ON `orders` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_transfer_reference_unique` ON `orders` (`transfer_reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_stripe_session_id_unique` ON `orders` (`stripe_session_id`);--> statement-breakpoint
CREATE INDEX `orders_buyer_idx` ON `orders` (`buyer_org_id`,`id`);--> statement-breakpoint
CREATE INDEX `orders_seller_idx` ON `orders` (`seller_org_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `orders_checkout_idx` ON `orders` (`checkout_id`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL,
	`order_id` integer,
	`effect` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
