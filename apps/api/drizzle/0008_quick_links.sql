CREATE TABLE `quick_links` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`client_id` bigint unsigned NOT NULL,
	`token_hash` char(64) NOT NULL,
	`token_hint` varchar(8) NOT NULL,
	`label` varchar(120),
	`expires_at` datetime(3),
	`revoked_at` datetime(3),
	`revoked_by` bigint unsigned,
	`replaced_by_id` bigint unsigned,
	`last_used_at` datetime(3),
	`order_count` int unsigned NOT NULL DEFAULT 0,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `quick_links_id` PRIMARY KEY(`id`),
	CONSTRAINT `quick_links_token_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `exchange_rate` varchar(20) DEFAULT '1' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `base_total` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `quick_link_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `quick_links` ADD CONSTRAINT `quick_links_client_id_clients_id_fk` FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `quick_links` ADD CONSTRAINT `quick_links_revoked_by_users_id_fk` FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `quick_links` ADD CONSTRAINT `quick_links_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `quick_links_client_idx` ON `quick_links` (`client_id`,`id`);--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_quick_link_id_quick_links_id_fk` FOREIGN KEY (`quick_link_id`) REFERENCES `quick_links`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
UPDATE `orders` SET `base_total` = `total`;