ALTER TABLE `outside_records` ADD `import_batch` text;--> statement-breakpoint
CREATE INDEX `outside_records_batch_idx` ON `outside_records` (`import_batch`,`status`);