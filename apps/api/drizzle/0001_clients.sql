CREATE TABLE `client_notes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`client_id` bigint unsigned NOT NULL,
	`text` text NOT NULL,
	`priority` varchar(8) NOT NULL,
	`author_id` bigint unsigned,
	`author_name` varchar(254) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `client_notes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `clients` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(20) NOT NULL,
	`kind` varchar(12) NOT NULL,
	`name` varchar(160) NOT NULL,
	`vat_number` varchar(20),
	`contact_person` varchar(120),
	`email` varchar(254),
	`phone` varchar(20),
	`address_line1` varchar(160),
	`address_line2` varchar(160),
	`postal_code` varchar(20),
	`city` varchar(100),
	`country` char(2),
	`status` varchar(10) NOT NULL,
	`temperature` varchar(16) NOT NULL,
	`discount_bp` int unsigned NOT NULL DEFAULT 0,
	`currency` char(3) NOT NULL,
	`language` char(2) NOT NULL,
	`tags` json NOT NULL,
	`search_text` varchar(1000) NOT NULL,
	`archived_at` datetime(3),
	`active_email` varchar(254) GENERATED ALWAYS AS ((case when `archived_at` is null then `email` end)) STORED,
	`active_phone` varchar(20) GENERATED ALWAYS AS ((case when `archived_at` is null then `phone` end)) STORED,
	`order_count` int unsigned NOT NULL DEFAULT 0,
	`converted_at` datetime(3),
	`converted_by` bigint unsigned,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`version` int unsigned NOT NULL DEFAULT 1,
	CONSTRAINT `clients_id` PRIMARY KEY(`id`),
	CONSTRAINT `clients_code_uq` UNIQUE(`code`),
	CONSTRAINT `clients_active_email_uq` UNIQUE(`active_email`),
	CONSTRAINT `clients_active_phone_uq` UNIQUE(`active_phone`)
);
--> statement-breakpoint
ALTER TABLE `client_notes` ADD CONSTRAINT `client_notes_client_id_clients_id_fk` FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `client_notes` ADD CONSTRAINT `client_notes_author_id_users_id_fk` FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `clients` ADD CONSTRAINT `clients_converted_by_users_id_fk` FOREIGN KEY (`converted_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `clients` ADD CONSTRAINT `clients_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `client_notes_client_idx` ON `client_notes` (`client_id`,`id`);--> statement-breakpoint
CREATE INDEX `clients_phone_idx` ON `clients` (`phone`);--> statement-breakpoint
CREATE INDEX `clients_name_idx` ON `clients` (`archived_at`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_list_idx` ON `clients` (`archived_at`,`status`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_created_idx` ON `clients` (`archived_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `clients_updated_idx` ON `clients` (`archived_at`,`updated_at`,`id`);