-- Full-text search over listed products. The application writes pre-segmented
-- text (one token per Han character, see app/domain/search-text.ts), so the
-- plain unicode61 tokenizer gives exact Chinese substring search by phrase.
CREATE VIRTUAL TABLE `product_search` USING fts5(
  `name`, `tags`, `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- The ledger is append-only: nothing counted is ever edited or deleted.
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
-- products.certified_until mirrors the approved certification in force, so the
-- listing rule (listed, approved, not expired) is one indexed comparison.
-- Triggers keep it true whichever code path changes a product or a certificate.
CREATE TRIGGER `products_certified_until_on_insert` AFTER INSERT ON `products`
WHEN NEW.certification_id IS NOT NULL
BEGIN
  UPDATE `products` SET `certified_until` = (
    SELECT `valid_until` FROM `certifications`
    WHERE `id` = NEW.certification_id AND `status` = 'approved'
  ) WHERE `id` = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `products_certified_until_on_link` AFTER UPDATE OF `certification_id` ON `products`
BEGIN
  UPDATE `products` SET `certified_until` = (
    SELECT `valid_until` FROM `certifications`
    WHERE `id` = NEW.certification_id AND `status` = 'approved'
  ) WHERE `id` = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `certifications_sync_products` AFTER UPDATE OF `status`, `valid_until` ON `certifications`
BEGIN
  UPDATE `products`
  SET `certified_until` = CASE WHEN NEW.status = 'approved' THEN NEW.valid_until END
  WHERE `certification_id` = NEW.id;
END;
