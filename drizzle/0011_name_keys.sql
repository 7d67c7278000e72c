ALTER TABLE "organization_translations" ADD COLUMN "name_key" text GENERATED ALWAYS AS (a87_unaccent(lower(name))) STORED;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "name_key" text GENERATED ALWAYS AS (a87_unaccent(lower(name))) STORED;--> statement-breakpoint
DROP INDEX IF EXISTS organizations_name_search_idx;--> statement-breakpoint
DROP INDEX IF EXISTS organization_translations_name_search_idx;--> statement-breakpoint
CREATE INDEX organizations_name_key_trgm_idx ON organizations USING gin (name_key gin_trgm_ops);--> statement-breakpoint
CREATE INDEX organization_translations_name_key_trgm_idx ON organization_translations USING gin (name_key gin_trgm_ops);
