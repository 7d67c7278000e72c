CREATE TRIGGER organization_logos_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_logos
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
