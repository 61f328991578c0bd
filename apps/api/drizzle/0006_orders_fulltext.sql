-- Free-text order search (reference, client name/code/phone/email, tracking code).
-- drizzle-kit cannot declare FULLTEXT indexes, hence this hand-written migration.
CREATE FULLTEXT INDEX `orders_search_ft` ON `orders` (`search_text`);
