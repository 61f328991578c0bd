CREATE TABLE `product_suppliers` (
	`product_id` bigint unsigned NOT NULL,
	`supplier_id` bigint unsigned NOT NULL,
	`reference` varchar(60),
	`cost_price` bigint unsigned,
	`lead_time_days` int unsigned,
	CONSTRAINT `product_suppliers_product_id_supplier_id_pk` PRIMARY KEY(`product_id`,`supplier_id`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`sku` varchar(40) NOT NULL,
	`name` varchar(160) NOT NULL,
	`description` text,
	`category` varchar(60),
	`specs` json NOT NULL,
	`unit_price` bigint unsigned NOT NULL,
	`vat_bp` int unsigned NOT NULL,
	`sales_unit` varchar(20) NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`track_stock` boolean NOT NULL DEFAULT true,
	`allow_backorder` boolean NOT NULL DEFAULT false,
	`reorder_point` int unsigned NOT NULL DEFAULT 0,
	`on_hand` int NOT NULL DEFAULT 0,
	`image_url` varchar(500),
	`archived_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `products_id` PRIMARY KEY(`id`),
	CONSTRAINT `products_sku_uq` UNIQUE(`sku`)
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`delta` int NOT NULL,
	`on_hand_after` int NOT NULL,
	`kind` varchar(16) NOT NULL,
	`reason` varchar(500),
	`ref_type` varchar(10),
	`ref_id` bigint unsigned,
	`actor_type` varchar(10) NOT NULL,
	`actor_id` bigint unsigned,
	`actor_label` varchar(254) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_movements_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stock_receipt_lines` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`receipt_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`quantity` int unsigned NOT NULL,
	`unit_cost` bigint unsigned,
	CONSTRAINT `stock_receipt_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stock_receipts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`supplier_id` bigint unsigned NOT NULL,
	`reference` varchar(60),
	`note` varchar(1000),
	`received_at` datetime(3) NOT NULL,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `stock_receipts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(160) NOT NULL,
	`contact_person` varchar(120),
	`email` varchar(254),
	`phone` varchar(20),
	`address_line1` varchar(160),
	`address_line2` varchar(160),
	`postal_code` varchar(20),
	`city` varchar(100),
	`country` char(2),
	`notes` text,
	`archived_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `suppliers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `product_suppliers` ADD CONSTRAINT `product_suppliers_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `product_suppliers` ADD CONSTRAINT `product_suppliers_supplier_id_suppliers_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD CONSTRAINT `stock_movements_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_receipt_lines` ADD CONSTRAINT `stock_receipt_lines_receipt_id_stock_receipts_id_fk` FOREIGN KEY (`receipt_id`) REFERENCES `stock_receipts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_receipt_lines` ADD CONSTRAINT `stock_receipt_lines_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_receipts` ADD CONSTRAINT `stock_receipts_supplier_id_suppliers_id_fk` FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stock_receipts` ADD CONSTRAINT `stock_receipts_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `product_suppliers_supplier_idx` ON `product_suppliers` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `products_name_idx` ON `products` (`archived_at`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category`,`name`);--> statement-breakpoint
CREATE INDEX `products_stock_idx` ON `products` (`track_stock`,`on_hand`);--> statement-breakpoint
CREATE INDEX `stock_movements_product_idx` ON `stock_movements` (`product_id`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_ref_idx` ON `stock_movements` (`ref_type`,`ref_id`);--> statement-breakpoint
CREATE INDEX `stock_receipt_lines_receipt_idx` ON `stock_receipt_lines` (`receipt_id`);--> statement-breakpoint
CREATE INDEX `stock_receipt_lines_product_idx` ON `stock_receipt_lines` (`product_id`);--> statement-breakpoint
CREATE INDEX `stock_receipts_supplier_idx` ON `stock_receipts` (`supplier_id`,`id`);--> statement-breakpoint
CREATE INDEX `suppliers_name_idx` ON `suppliers` (`archived_at`,`name`,`id`);