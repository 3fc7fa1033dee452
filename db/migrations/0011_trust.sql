CREATE TABLE `pending_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`email` text NOT NULL,
	`payload` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_signups_token_hash_unique` ON `pending_signups` (`token_hash`);--> statement-breakpoint
CREATE INDEX `pending_signups_email_idx` ON `pending_signups` (`email`);--> statement-breakpoint
CREATE TABLE `rate_limit_hits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_hits_key_idx` ON `rate_limit_hits` (`bucket`,`key`,`at`);--> statement-breakpoint
CREATE INDEX `rate_limit_hits_at_idx` ON `rate_limit_hits` (`at`);--> statement-breakpoint
CREATE TABLE `threshold_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`old_fen` integer,
	`new_fen` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`reason` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "threshold_changes_two_people" CHECK("threshold_changes"."decided_by" is null or "threshold_changes"."decided_by" <> "threshold_changes"."requested_by")
);
--> statement-breakpoint
CREATE INDEX `threshold_changes_org_idx` ON `threshold_changes` (`org_id`,`status`);--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_confirmation_note` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `parent_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `organisations` ADD `parent_confirmed_by` integer;--> statement-breakpoint
CREATE INDEX `login_attempts_pair_idx` ON `login_attempts` (`email`,`ip`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_at_idx` ON `login_attempts` (`at`);--> statement-breakpoint
-- The audit log is append-only, like the ledger.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Separation of duties: an amount counts only when two different people stand
-- behind it, one who recorded it and another who verified it. A reversal
-- (negative) may be made by the payment system (no person) or by one person,
-- but never names the same person twice.
CREATE TRIGGER `ledger_entries_two_people` BEFORE INSERT ON `ledger_entries`
WHEN (NEW.amount_fen > 0 AND (NEW.recorded_by IS NULL OR NEW.verified_by IS NULL
        OR NEW.recorded_by = NEW.verified_by))
  OR (NEW.amount_fen < 0 AND NEW.recorded_by IS NOT NULL AND NEW.recorded_by = NEW.verified_by)
BEGIN
  SELECT RAISE(ABORT, 'ledger entry needs two different people: recorded_by and verified_by');
END;
--> statement-breakpoint
-- Trade unions approved by the office before this release had their parent
-- unit reviewed with the registration: that review stands as the confirmation.
UPDATE `organisations` SET `parent_confirmed_at` = `reviewed_at`, `parent_confirmed_by` = `reviewed_by`
WHERE `parent_id` IS NOT NULL AND `status` = 'approved' AND `reviewed_at` IS NOT NULL;
