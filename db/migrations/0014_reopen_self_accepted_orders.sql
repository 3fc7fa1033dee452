-- Before separation of duties (issue 11) whoever placed an order could also
-- accept it. Such an order, accepted and not yet counted, can never count now:
-- the ledger refuses an entry recorded and verified by one person. Each one is
-- moved back to `delivered` so that another person of the buying unit accepts
-- it; its history, the audit log and both organisations' notices say why, and
-- the acceptance that was undone is kept in the event's detail.
INSERT INTO `order_events` (`order_id`, `at`, `actor_user_id`, `actor_org_id`, `action`, `from_status`, `to_status`, `note`, `detail`)
SELECT `id`, CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, NULL, 'reopen_acceptance', 'accepted', 'delivered', NULL,
  json_object('reason', CASE WHEN `accepted_by` IS NULL THEN 'missing_person' ELSE 'same_person' END,
    'acceptedBy', `accepted_by`, 'acceptedAt', `accepted_at`, 'acceptanceNote', `acceptance_note`,
    'acceptancePhotoKey', `acceptance_photo_key`)
FROM `orders`
WHERE `status` = 'accepted' AND (`accepted_by` IS NULL OR `accepted_by` = `placed_by`);
--> statement-breakpoint
INSERT INTO `audit_log` (`at`, `actor_user_id`, `actor_org_id`, `action`, `target_type`, `target_id`, `ip`, `old_value`, `new_value`)
SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, NULL, 'order.reopen_acceptance', 'order', CAST(`id` AS TEXT), '',
  json_object('status', 'accepted', 'acceptedBy', `accepted_by`, 'placedBy', `placed_by`),
  json_object('status', 'delivered', 'reason', CASE WHEN `accepted_by` IS NULL THEN 'missing_person' ELSE 'same_person' END)
FROM `orders`
WHERE `status` = 'accepted' AND (`accepted_by` IS NULL OR `accepted_by` = `placed_by`);
--> statement-breakpoint
INSERT INTO `notifications` (`org_id`, `key`, `values`, `link`, `created_at`)
SELECT `org_id`, 'notices.acceptanceReopened', json_object('number', `number`, 'id', `id`), '/orders/' || `id`,
  CAST(unixepoch('subsec') * 1000 AS INTEGER)
FROM (
  SELECT `buyer_org_id` AS `org_id`, `number`, `id` FROM `orders`
  WHERE `status` = 'accepted' AND (`accepted_by` IS NULL OR `accepted_by` = `placed_by`)
  UNION ALL
  SELECT `seller_org_id`, `number`, `id` FROM `orders`
  WHERE `status` = 'accepted' AND (`accepted_by` IS NULL OR `accepted_by` = `placed_by`)
);
--> statement-breakpoint
UPDATE `orders`
SET `status` = 'delivered', `delivered_at` = coalesce(`delivered_at`, `accepted_at`), `accepted_at` = NULL,
  `accepted_by` = NULL, `acceptance_note` = NULL, `acceptance_photo_key` = NULL,
  `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE `status` = 'accepted' AND (`accepted_by` IS NULL OR `accepted_by` = `placed_by`);
