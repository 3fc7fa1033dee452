-- Running sums per year and dimension, in the same transaction as every
-- append: the dashboard and /progress.json read these rows, not the ledger.
-- Months are Shanghai months (UTC+8, no daylight saving).
CREATE TRIGGER `ledger_entries_summarise` AFTER INSERT ON `ledger_entries`
BEGIN
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'total', '', NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'jurisdiction', NEW.jurisdiction_code, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'county', NEW.county_code, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'buyer_type', NEW.buyer_type, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'kind', NEW.kind, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'channel', NEW.channel, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'certified', CASE WHEN NEW.certified THEN '1' ELSE '0' END, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'paired', CASE WHEN NEW.paired THEN '1' ELSE '0' END, NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'month', strftime('%Y-%m', NEW.counted_at / 1000, 'unixepoch', '+8 hours'), NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'stats_org', coalesce(CAST(NEW.stats_org_id AS TEXT), ''), NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
  INSERT INTO `ledger_summary` (`year`, `dimension`, `key`, `amount_fen`, `entries`)
  VALUES (NEW.year, 'seller', coalesce(CAST(NEW.seller_org_id AS TEXT), 'name:' || NEW.seller_name), NEW.amount_fen, 1)
  ON CONFLICT (`year`, `dimension`, `key`) DO UPDATE
  SET `amount_fen` = `amount_fen` + excluded.`amount_fen`, `entries` = `entries` + 1;
END;
