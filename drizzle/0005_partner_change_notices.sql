-- Pages that show partners depend on these tables too (see 0001 for the mechanism).
CREATE TRIGGER organization_translations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_translations
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER organization_status_history_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER organization_action_groups_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_action_groups
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
-- Name search (similar names, duplicate detection) uses trigrams.
CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (lower(name) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX organization_translations_name_trgm_idx ON organization_translations USING gin (lower(name) gin_trgm_ops);
