-- Extensions the search and duplicate detection features rely on (PostgreSQL and PGlite both ship them).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Every change to a table behind a public page announces itself on the channel
-- `a87_data_changed` with the table's name, so each app process can drop the cached pages
-- that depend on it, whoever made the change (the app, the CLI or an operator with psql).
CREATE OR REPLACE FUNCTION a87_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('a87_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER content_pages_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_pages
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER content_page_translations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_page_translations
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER organizations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_countries_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_countries
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
