CREATE TABLE `product_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_org_id` integer,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text,
	`detail` text,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_events_product_idx` ON `product_events` (`product_id`,`id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`at` integer NOT NULL,
	`delta` integer NOT NULL,
	`stock_after` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`actor_user_id` integer,
	`order_ref` text,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_movements_after_nonnegative" CHECK("stock_movements"."stock_after" >= 0)
);
--> statement-breakpoint
CREATE INDEX `stock_movements_product_idx` ON `stock_movements` (`product_id`,`id`);--> statement-breakpoint
ALTER TABLE `certifications` ADD `document_key` text;--> statement-breakpoint
ALTER TABLE `certifications` ADD `document_type` text;--> statement-breakpoint
ALTER TABLE `certifications` ADD `document_sha256` text;--> statement-breakpoint
ALTER TABLE `certifications` ADD `submitted_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `certifications` ADD `reviewed_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `certifications_status_idx` ON `certifications` (`status`,`id`);--> statement-breakpoint
ALTER TABLE `product_images` ADD `original_key` text;--> statement-breakpoint
-- Hand-written instead of drizzle-kit's table rebuild, which would drop the
-- certified_until triggers of migration 0001 and copy columns the old table lacks.
ALTER TABLE `products` ADD `monthly_capacity` integer DEFAULT 0 NOT NULL CONSTRAINT "products_capacity_nonnegative" CHECK("monthly_capacity" >= 0);--> statement-breakpoint
ALTER TABLE `products` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `products` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `submitted_at` integer;
