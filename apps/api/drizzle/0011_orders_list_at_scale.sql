-- The orders list at scale (docs/decisions/0016): a (status, payment status) index for the status
-- tabs, and the status, payment status and total carried by the other filters' indexes.
-- One ALTER: orders_operator_idx serves the operator_id foreign key, which refuses to lose its
-- index between two statements, and the table's indexes are rebuilt in one pass.
ALTER TABLE `orders`
  DROP INDEX `orders_created_idx`, ADD INDEX `orders_created_idx` (`created_at`,`id`,`total`),
  DROP INDEX `orders_operator_idx`, ADD INDEX `orders_operator_idx` (`operator_id`,`created_at`,`id`,`status`,`payment_status`,`origin`,`total`),
  DROP INDEX `orders_origin_idx`, ADD INDEX `orders_origin_idx` (`origin`,`created_at`,`id`,`status`,`payment_status`,`operator_id`,`total`),
  DROP INDEX `orders_payment_method_idx`, ADD INDEX `orders_payment_method_idx` (`payment_method`,`created_at`,`id`,`status`,`payment_status`,`total`),
  DROP INDEX `orders_shipping_method_idx`, ADD INDEX `orders_shipping_method_idx` (`shipping_method`,`created_at`,`id`,`status`,`payment_status`,`total`),
  ADD INDEX `orders_status_payment_idx` (`status`,`payment_status`,`created_at`,`id`,`origin`,`operator_id`,`total`);
