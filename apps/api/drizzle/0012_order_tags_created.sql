-- A common tag's page of the orders list read from order_tags, newest first (docs/decisions/0016):
-- the order's creation time copied next to the tag (it never changes). Added nullable, filled
-- from the orders, then made NOT NULL, so existing rows never hold a zero date.
ALTER TABLE `order_tags` ADD `order_created_at` datetime(3) NULL;--> statement-breakpoint
UPDATE `order_tags` t JOIN `orders` o ON o.`id` = t.`order_id` SET t.`order_created_at` = o.`created_at`;--> statement-breakpoint
ALTER TABLE `order_tags` MODIFY `order_created_at` datetime(3) NOT NULL;--> statement-breakpoint
CREATE INDEX `order_tags_tag_created_idx` ON `order_tags` (`tag`,`order_created_at`,`order_id`);
