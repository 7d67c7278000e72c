-- The public directory is searched in each app process's memory (src/modules/partners/
-- partners.directory-index.ts): the folded name columns, their trigram indexes and the
-- immutable unaccent wrapper they needed have no reader left.
ALTER TABLE "organization_translations" DROP COLUMN "name_key";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "name_key";--> statement-breakpoint
DROP FUNCTION IF EXISTS a87_unaccent(text);
