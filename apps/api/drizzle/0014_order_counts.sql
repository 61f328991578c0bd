-- The number of orders per status, payment status, origin and operator (0 = none), for the
-- orders list's total and tabs on those filters (decision 0018). Kept by triggers in the
-- writer's transaction, each connection in its own shard (CONNECTION_ID() % 16). An order whose
-- reference begins with "~" is being created (the service takes the reference last, in the
-- same transaction) and is counted when it gets its reference. Filled from the orders before
-- the triggers exist: migrations run before the API serves.
CREATE TABLE `order_counts` (
	`status` varchar(12) NOT NULL,
	`payment_status` varchar(20) NOT NULL,
	`origin` varchar(12) NOT NULL,
	`operator_id` bigint unsigned NOT NULL,
	`shard` tinyint unsigned NOT NULL,
	`n` int NOT NULL,
	CONSTRAINT `order_counts_status_payment_status_origin_operator_id_shard_pk` PRIMARY KEY(`status`,`payment_status`,`origin`,`operator_id`,`shard`)
);--> statement-breakpoint
INSERT INTO `order_counts` (`status`, `payment_status`, `origin`, `operator_id`, `shard`, `n`)
  SELECT `status`, `payment_status`, `origin`, COALESCE(`operator_id`, 0), 0, COUNT(*)
    FROM `orders` WHERE `reference` NOT LIKE '~%'
    GROUP BY `status`, `payment_status`, `origin`, COALESCE(`operator_id`, 0);--> statement-breakpoint
CREATE PROCEDURE `order_counts_add`(IN p_status varchar(12), IN p_payment varchar(20),
    IN p_origin varchar(12), IN p_operator bigint unsigned, IN p_delta int)
  INSERT INTO `order_counts` (`status`, `payment_status`, `origin`, `operator_id`, `shard`, `n`)
    VALUES (p_status, p_payment, p_origin, COALESCE(p_operator, 0), CONNECTION_ID() % 16, p_delta)
    ON DUPLICATE KEY UPDATE `n` = `n` + p_delta;--> statement-breakpoint
CREATE TRIGGER `orders_count_insert` AFTER INSERT ON `orders` FOR EACH ROW
BEGIN
  IF NEW.`reference` NOT LIKE '~%' THEN
    CALL order_counts_add(NEW.`status`, NEW.`payment_status`, NEW.`origin`, NEW.`operator_id`, 1);
  END IF;
END;--> statement-breakpoint
CREATE TRIGGER `orders_count_update` AFTER UPDATE ON `orders` FOR EACH ROW
BEGIN
  DECLARE unchanged boolean DEFAULT NEW.`status` <=> OLD.`status`
    AND NEW.`payment_status` <=> OLD.`payment_status` AND NEW.`origin` <=> OLD.`origin`
    AND NEW.`operator_id` <=> OLD.`operator_id`;
  IF OLD.`reference` NOT LIKE '~%' AND NOT (unchanged AND NEW.`reference` NOT LIKE '~%') THEN
    CALL order_counts_add(OLD.`status`, OLD.`payment_status`, OLD.`origin`, OLD.`operator_id`, -1);
  END IF;
  IF NEW.`reference` NOT LIKE '~%' AND (OLD.`reference` LIKE '~%' OR NOT unchanged) THEN
    CALL order_counts_add(NEW.`status`, NEW.`payment_status`, NEW.`origin`, NEW.`operator_id`, 1);
  END IF;
END;--> statement-breakpoint
CREATE TRIGGER `orders_count_delete` AFTER DELETE ON `orders` FOR EACH ROW
BEGIN
  IF OLD.`reference` NOT LIKE '~%' THEN
    CALL order_counts_add(OLD.`status`, OLD.`payment_status`, OLD.`origin`, OLD.`operator_id`, -1);
  END IF;
END;
