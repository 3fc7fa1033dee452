-- Every committed change to what a public page shows moves data_version on,
-- in the same transaction (triggers), so the page cache cannot serve a page
-- older than its data. Tables that no public page reads do not move it:
-- sessions, sign-in attempts, rate limits, pending sign-ups, reset tokens,
-- the outbox, notifications, the audit log, complaints, carts, checkouts,
-- order events, Stripe events, approval-amount requests; nor ledger_summary,
-- which only ledger_entries' own trigger writes. A user's sign-in time does
-- not move it either (only name, e-mail and status do).
CREATE TABLE `data_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `data_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `origin_counties_moves_data_version_insert` AFTER INSERT ON `origin_counties` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `origin_counties_moves_data_version_update` AFTER UPDATE ON `origin_counties` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `origin_counties_moves_data_version_delete` AFTER DELETE ON `origin_counties` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `jurisdictions_moves_data_version_insert` AFTER INSERT ON `jurisdictions` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `jurisdictions_moves_data_version_update` AFTER UPDATE ON `jurisdictions` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `jurisdictions_moves_data_version_delete` AFTER DELETE ON `jurisdictions` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `pairings_moves_data_version_insert` AFTER INSERT ON `pairings` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `pairings_moves_data_version_update` AFTER UPDATE ON `pairings` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `pairings_moves_data_version_delete` AFTER DELETE ON `pairings` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `categories_moves_data_version_insert` AFTER INSERT ON `categories` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `categories_moves_data_version_update` AFTER UPDATE ON `categories` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `categories_moves_data_version_delete` AFTER DELETE ON `categories` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `units_moves_data_version_insert` AFTER INSERT ON `units` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `units_moves_data_version_update` AFTER UPDATE ON `units` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `units_moves_data_version_delete` AFTER DELETE ON `units` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `campaign_years_moves_data_version_insert` AFTER INSERT ON `campaign_years` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `campaign_years_moves_data_version_update` AFTER UPDATE ON `campaign_years` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `campaign_years_moves_data_version_delete` AFTER DELETE ON `campaign_years` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `jurisdiction_targets_moves_data_version_insert` AFTER INSERT ON `jurisdiction_targets` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `jurisdiction_targets_moves_data_version_update` AFTER UPDATE ON `jurisdiction_targets` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `jurisdiction_targets_moves_data_version_delete` AFTER DELETE ON `jurisdiction_targets` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_moves_data_version_insert` AFTER INSERT ON `organisations` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_moves_data_version_update` AFTER UPDATE ON `organisations` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_moves_data_version_delete` AFTER DELETE ON `organisations` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `products_moves_data_version_insert` AFTER INSERT ON `products` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `products_moves_data_version_update` AFTER UPDATE ON `products` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `products_moves_data_version_delete` AFTER DELETE ON `products` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `price_tiers_moves_data_version_insert` AFTER INSERT ON `price_tiers` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `price_tiers_moves_data_version_update` AFTER UPDATE ON `price_tiers` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `price_tiers_moves_data_version_delete` AFTER DELETE ON `price_tiers` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `product_images_moves_data_version_insert` AFTER INSERT ON `product_images` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `product_images_moves_data_version_update` AFTER UPDATE ON `product_images` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `product_images_moves_data_version_delete` AFTER DELETE ON `product_images` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `certifications_moves_data_version_insert` AFTER INSERT ON `certifications` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `certifications_moves_data_version_update` AFTER UPDATE ON `certifications` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `certifications_moves_data_version_delete` AFTER DELETE ON `certifications` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `product_events_moves_data_version_insert` AFTER INSERT ON `product_events` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `product_events_moves_data_version_update` AFTER UPDATE ON `product_events` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `product_events_moves_data_version_delete` AFTER DELETE ON `product_events` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_moves_data_version_insert` AFTER INSERT ON `stock_movements` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_moves_data_version_update` AFTER UPDATE ON `stock_movements` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `stock_movements_moves_data_version_delete` AFTER DELETE ON `stock_movements` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_moves_data_version_insert` AFTER INSERT ON `ledger_entries` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_moves_data_version_update` AFTER UPDATE ON `ledger_entries` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_moves_data_version_delete` AFTER DELETE ON `ledger_entries` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `outside_records_moves_data_version_insert` AFTER INSERT ON `outside_records` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `outside_records_moves_data_version_update` AFTER UPDATE ON `outside_records` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `outside_records_moves_data_version_delete` AFTER DELETE ON `outside_records` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `reserved_pledges_moves_data_version_insert` AFTER INSERT ON `reserved_pledges` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `reserved_pledges_moves_data_version_update` AFTER UPDATE ON `reserved_pledges` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `reserved_pledges_moves_data_version_delete` AFTER DELETE ON `reserved_pledges` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `orders_moves_data_version_insert` AFTER INSERT ON `orders` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `orders_moves_data_version_update` AFTER UPDATE ON `orders` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `orders_moves_data_version_delete` AFTER DELETE ON `orders` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_moves_data_version_insert` AFTER INSERT ON `order_lines` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_moves_data_version_update` AFTER UPDATE ON `order_lines` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_moves_data_version_delete` AFTER DELETE ON `order_lines` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `memberships_moves_data_version_insert` AFTER INSERT ON `memberships` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `memberships_moves_data_version_update` AFTER UPDATE ON `memberships` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `memberships_moves_data_version_delete` AFTER DELETE ON `memberships` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_moves_data_version_insert` AFTER INSERT ON `users` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_moves_data_version_update` AFTER UPDATE OF `name`, `email`, `status` ON `users` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_moves_data_version_delete` AFTER DELETE ON `users` BEGIN UPDATE `data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
