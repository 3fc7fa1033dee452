CREATE TABLE `reserved_pledges` (
	`org_id` integer NOT NULL,
	`year` integer NOT NULL,
	`canteen_budget_fen` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `year`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reserved_pledges_budget_nonnegative" CHECK("reserved_pledges"."canteen_budget_fen" >= 0)
);
