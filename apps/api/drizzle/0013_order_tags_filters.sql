-- A tag with another list filter is paged and counted from order_tags' own indexes (decision
-- 0018): the order's status, payment status, operator, origin and total are copied next to each
-- tag. The database keeps the copy in step, whoever writes: a BEFORE INSERT trigger fills a new
-- tag row from its order (the column defaults never last), and an AFTER UPDATE trigger on
-- orders rewrites the order's tag rows when one of those columns changes. Triggers first, then
-- the backfill, so a write made during the migration is not lost.
ALTER TABLE `order_tags`
  ADD `status` varchar(12) DEFAULT 'pending' NOT NULL,
  ADD `payment_status` varchar(20) DEFAULT 'unpaid' NOT NULL,
  ADD `operator_id` bigint unsigned,
  ADD `origin` varchar(12) DEFAULT 'manual' NOT NULL,
  ADD `total` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `order_tags_copy_order` BEFORE INSERT ON `order_tags` FOR EACH ROW
BEGIN
  DECLARE v_created datetime(3);
  DECLARE v_status varchar(12);
  DECLARE v_payment varchar(20);
  DECLARE v_operator bigint unsigned;
  DECLARE v_origin varchar(12);
  DECLARE v_total bigint;
  SELECT `created_at`, `status`, `payment_status`, `operator_id`, `origin`, `total`
    INTO v_created, v_status, v_payment, v_operator, v_origin, v_total
    FROM `orders` WHERE `id` = NEW.`order_id`;
  -- An order this connection cannot see (a bulk load from other connections) keeps the values
  -- the writer gave.
  IF v_status IS NOT NULL THEN
    SET NEW.`order_created_at` = v_created, NEW.`status` = v_status,
      NEW.`payment_status` = v_payment, NEW.`operator_id` = v_operator,
      NEW.`origin` = v_origin, NEW.`total` = v_total;
  END IF;
END;--> statement-breakpoint
CREATE TRIGGER `orders_tags_follow` AFTER UPDATE ON `orders` FOR EACH ROW
BEGIN
  IF NOT (NEW.`status` <=> OLD.`status` AND NEW.`payment_status` <=> OLD.`payment_status`
      AND NEW.`operator_id` <=> OLD.`operator_id` AND NEW.`origin` <=> OLD.`origin`
      AND NEW.`total` <=> OLD.`total`) THEN
    UPDATE `order_tags`
      SET `status` = NEW.`status`, `payment_status` = NEW.`payment_status`,
        `operator_id` = NEW.`operator_id`, `origin` = NEW.`origin`, `total` = NEW.`total`
      WHERE `order_id` = NEW.`id`;
  END IF;
END;--> statement-breakpoint
UPDATE `order_tags` t JOIN `orders` o ON o.`id` = t.`order_id`
  SET t.`status` = o.`status`, t.`payment_status` = o.`payment_status`,
    t.`operator_id` = o.`operator_id`, t.`origin` = o.`origin`, t.`total` = o.`total`;--> statement-breakpoint
ALTER TABLE `order_tags`
  ADD INDEX `order_tags_tag_status_idx` (`tag`,`status`,`order_created_at`,`order_id`),
  ADD INDEX `order_tags_tag_payment_idx` (`tag`,`payment_status`,`order_created_at`,`order_id`),
  ADD INDEX `order_tags_tag_operator_idx` (`tag`,`operator_id`,`order_created_at`,`order_id`),
  ADD INDEX `order_tags_tag_origin_idx` (`tag`,`origin`,`order_created_at`,`order_id`),
  ADD INDEX `order_tags_tag_total_idx` (`tag`,`total`,`order_id`);
