CREATE TABLE `notification_templates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`event` varchar(24) NOT NULL,
	`language` char(2) NOT NULL,
	`subject` varchar(300) NOT NULL,
	`html` mediumtext NOT NULL,
	`text` mediumtext NOT NULL,
	`updated_by` bigint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `notification_templates_id` PRIMARY KEY(`id`),
	CONSTRAINT `notification_templates_uq` UNIQUE(`event`,`language`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`event` varchar(24) NOT NULL,
	`order_id` bigint unsigned,
	`client_id` bigint unsigned,
	`recipient_type` varchar(8) NOT NULL,
	`to_email` varchar(254) NOT NULL,
	`to_name` varchar(160),
	`language` char(2) NOT NULL,
	`payload` json NOT NULL,
	`status` varchar(8) NOT NULL,
	`transport` varchar(8) NOT NULL,
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`lease_until` datetime(3),
	`claimed_by` varchar(64),
	`subject` varchar(300),
	`html` mediumtext,
	`text` mediumtext,
	`provider_message_id` varchar(120),
	`provider_status` int,
	`last_error` text,
	`sent_at` datetime(3),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `notification_templates` ADD CONSTRAINT `notification_templates_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_order_id_orders_id_fk` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_client_id_clients_id_fk` FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_order_idx` ON `notifications` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_client_idx` ON `notifications` (`client_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_created_idx` ON `notifications` (`created_at`,`id`);