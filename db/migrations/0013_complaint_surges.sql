ALTER TABLE `complaints` ADD `subject_id` integer;--> statement-breakpoint
ALTER TABLE `complaints` ADD `surge` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `complaints_surge_idx` ON `complaints` (`surge`,`id`);