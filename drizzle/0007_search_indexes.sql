-- unaccent() is not immutable (it reads a dictionary), so it cannot be indexed as it is. This
-- wrapper names the dictionary explicitly, which makes it safe to declare immutable and to
-- index: accent-insensitive name search can then use trigram indexes.
CREATE OR REPLACE FUNCTION a87_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
DROP INDEX IF EXISTS organizations_name_trgm_idx;--> statement-breakpoint
DROP INDEX IF EXISTS organization_translations_name_trgm_idx;--> statement-breakpoint
CREATE INDEX organizations_name_search_idx ON organizations USING gin (a87_unaccent(lower(name)) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX organization_translations_name_search_idx ON organization_translations USING gin (a87_unaccent(lower(name)) gin_trgm_ops);--> statement-breakpoint
-- Trigram similarity on plain lower(name) serves duplicate detection.
CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (lower(name) gin_trgm_ops);
