-- Reports (docs/decisions/0015-reports.md): daily/monthly sales facts in the business time
-- zone, the refresh watermark, saved reports. The facts are built from the orders by the
-- reports module on first read (and kept exact on each read after), so no backfill here.
CREATE TABLE `report_facts` (
	`grain` char(1) NOT NULL,
	`dim` varchar(16) NOT NULL,
	`period` date NOT NULL,
	`status` varchar(12) NOT NULL,
	`value` varchar(80) NOT NULL,
	`orders` int NOT NULL DEFAULT 0,
	`units` bigint NOT NULL DEFAULT 0,
	`net` bigint NOT NULL DEFAULT 0,
	`gross` bigint NOT NULL DEFAULT 0,
	`discounts` bigint NOT NULL DEFAULT 0,
	`shipping` bigint NOT NULL DEFAULT 0,
	`refunded` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `report_facts_grain_dim_period_status_value_pk` PRIMARY KEY(`grain`,`dim`,`period`,`status`,`value`)
);
--> statement-breakpoint
CREATE TABLE `report_state` (
	`id` tinyint unsigned NOT NULL,
	`time_zone` varchar(64) NOT NULL,
	`format` int unsigned NOT NULL,
	`watermark` datetime(3) NOT NULL,
	`fingerprint` varchar(80) NOT NULL,
	`built_at` datetime(3) NOT NULL,
	CONSTRAINT `report_state_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `saved_reports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`name` varchar(80) NOT NULL,
	`spec` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `saved_reports_id` PRIMARY KEY(`id`),
	CONSTRAINT `saved_reports_name_uq` UNIQUE(`user_id`,`name`)
);
--> statement-breakpoint
ALTER TABLE `saved_reports` ADD CONSTRAINT `saved_reports_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `report_facts_value_idx` ON `report_facts` (`grain`,`dim`,`value`,`period`);