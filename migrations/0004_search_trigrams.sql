-- Search: pg_trgm for typo tolerance (similarity of a misspelt word to the words of the offers), where it can be
-- installed. PostgreSQL ships it in contrib and PGlite as an extension; without it search still corrects typos,
-- comparing in JavaScript (src/modules/directory/search/queries.ts). No trigram index: row-level security keeps
-- the non-leakproof similarity operators from using one, so the word list is read per tenant instead.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_trgm kon niet worden geïnstalleerd (geen rechten); zoeken werkt zonder.';
    END;
  END IF;
END $$;
--> statement-breakpoint
-- A search reads every document of the tenant: keep the tsvector inline and uncompressed (it is small) and move
-- the long plain text out of line without compressing it, so reading a document costs no decompression.
ALTER TABLE search_documents ALTER COLUMN text SET STORAGE EXTERNAL;
