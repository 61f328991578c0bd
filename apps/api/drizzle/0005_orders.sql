CREATE TABLE `coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(40) NOT NULL,
	`kind` varchar(8) NOT NULL,
	`percent_bp` int unsigned,
	`amount` bigint,
	`valid_from` datetime(3),
	`valid_until` datetime(3),
	`usage_limit` int unsigned,
	`used_count` int unsigned NOT NULL DEFAULT 0,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `coupons_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupons_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`principal` varchar(40) NOT NULL,
	`route` varchar(80) NOT NULL,
	`idem_key` varchar(255) NOT NULL,
	`request_hash` char(64) NOT NULL,
	`state` varchar(8) NOT NULL,
	`response_status` int,
	`response_body` json,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `idempotency_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `idempotency_keys_uq` UNIQUE(`principal`,`route`,`idem_key`)
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`type` varchar(10) NOT NULL,
	`channel` varchar(12) NOT NULL,
	`actor_type` varchar(10) NOT NULL,
	`actor_id` bigint unsigned,
	`actor_label` varchar(200) NOT NULL,
	`from_status` varchar(12),
	`to_status` varchar(12),
	`changes` json NOT NULL,
	`comment` text,
	`data` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`position` int unsigned NOT NULL,
	`product_id` bigint unsigned,
	`sku` varchar(40),
	`name` varchar(200) NOT NULL,
	`quantity` int unsigned NOT NULL,
	`unit_price` bigint NOT NULL,
	`discount_bp` int unsigned NOT NULL DEFAULT 0,
	`vat_rate` varchar(6) NOT NULL,
	`total` bigint NOT NULL,
	`restocked_quantity` int unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `order_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`order_id` bigint unsigned NOT NULL,
	`kind` varchar(8) NOT NULL,
	`amount` bigint NOT NULL,
	`method` varchar(60),
	`reference` varchar(120),
	`reason` varchar(500),
	`paid_at` datetime(3) NOT NULL,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `order_payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_sequences` (
	`scope` varchar(20) NOT NULL,
	`value` int unsigned NOT NULL,
	CONSTRAINT `order_sequences_scope` PRIMARY KEY(`scope`)
);
--> statement-breakpoint
CREATE TABLE `order_tags` (
	`order_id` bigint unsigned NOT NULL,
	`tag` varchar(40) NOT NULL,
	CONSTRAINT `order_tags_order_id_tag_pk` PRIMARY KEY(`order_id`,`tag`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`reference` varchar(40) NOT NULL,
	`client_id` bigint unsigned NOT NULL,
	`operator_id` bigint unsigned,
	`origin` varchar(12) NOT NULL,
	`status` varchar(12) NOT NULL,
	`payment_status` varchar(20) NOT NULL,
	`payment_method` varchar(60),
	`shipping_method` varchar(60),
	`carrier` varchar(60),
	`tracking_code` varchar(80),
	`billing_address` json NOT NULL,
	`shipping_same_as_billing` boolean NOT NULL DEFAULT true,
	`shipping_address` json NOT NULL,
	`coupon_id` bigint unsigned,
	`coupon_code` varchar(40),
	`coupon_kind` varchar(8),
	`coupon_value` bigint,
	`client_discount_bp` int unsigned NOT NULL DEFAULT 0,
	`shipping_fee` bigint NOT NULL DEFAULT 0,
	`shipping_vat_rate` varchar(6) NOT NULL,
	`totals` json NOT NULL,
	`total` bigint NOT NULL,
	`currency` char(3) NOT NULL,
	`paid_amount` bigint NOT NULL DEFAULT 0,
	`refunded_amount` bigint NOT NULL DEFAULT 0,
	`stock_state` varchar(10) NOT NULL,
	`internal_note` text,
	`tags` json NOT NULL,
	`line_count` int unsigned NOT NULL,
	`requested_delivery_date` date,
	`search_text` varchar(1000) NOT NULL,
	`shipped_at` datetime(3),
	`completed_at` datetime(3),
	`cancelled_at` datetime(3),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_reference_uq` UNIQUE(`reference`)
);
--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`scope` varchar(20) NOT NULL,
	`name` varchar(80) NOT NULL,
	`filters` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `saved_views_id` PRIMARY KEY(`id`),
	CONSTRAINT `saved_views_name_uq` UNIQUE(`user_id`,`scope`,`name`)
);
--> statement-breakpoint
ALTER TABLE `order_events` ADD CONSTRAINT `order_events_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_lines` ADD CONSTRAINT `order_lines_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_lines` ADD CONSTRAINT `order_lines_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_payments` ADD CONSTRAINT `order_payments_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_payments` ADD CONSTRAINT `order_payments_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `order_tags` ADD CONSTRAINT `order_tags_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_client_id_clients_id_fk` FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_operator_id_users_id_fk` FOREIGN KEY (`operator_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_coupon_id_coupons_id_fk` FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `saved_views` ADD CONSTRAINT `saved_views_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`,`position`);--> statement-breakpoint
CREATE INDEX `order_lines_product_idx` ON `order_lines` (`product_id`);--> statement-breakpoint
CREATE INDEX `order_payments_order_idx` ON `order_payments` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_tags_tag_idx` ON `order_tags` (`tag`,`order_id`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_updated_idx` ON `orders` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_total_idx` ON `orders` (`total`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_idx` ON `orders` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_payment_status_idx` ON `orders` (`payment_status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_client_idx` ON `orders` (`client_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_operator_idx` ON `orders` (`operator_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_origin_idx` ON `orders` (`origin`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_payment_method_idx` ON `orders` (`payment_method`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_shipping_method_idx` ON `orders` (`shipping_method`,`created_at`,`id`);