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
