-- Drop and create in one ALTER each: orders_operator_idx serves the operator_id foreign key, which
-- refuses to lose its index between two statements.
ALTER TABLE `orders` DROP INDEX `orders_status_idx`, ADD INDEX `orders_status_idx` (`status`,`created_at`,`id`,`payment_status`,`origin`,`operator_id`,`total`);--> statement-breakpoint
ALTER TABLE `orders` DROP INDEX `orders_payment_status_idx`, ADD INDEX `orders_payment_status_idx` (`payment_status`,`created_at`,`id`,`origin`,`operator_id`,`total`);--> statement-breakpoint
ALTER TABLE `orders` DROP INDEX `orders_operator_idx`, ADD INDEX `orders_operator_idx` (`operator_id`,`created_at`,`id`,`origin`,`total`);--> statement-breakpoint
ALTER TABLE `orders` DROP INDEX `orders_origin_idx`, ADD INDEX `orders_origin_idx` (`origin`,`created_at`,`id`,`total`);
