-- Word-prefix search over 100k+ clients (MATCH … AGAINST 'dup*' IN BOOLEAN MODE).
-- drizzle-kit cannot declare FULLTEXT indexes, hence this hand-written migration.
CREATE FULLTEXT INDEX `clients_search_ft` ON `clients` (`search_text`);
