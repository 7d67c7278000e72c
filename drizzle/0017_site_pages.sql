CREATE TABLE "content_figures" (
	"key" text PRIMARY KEY NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"value" double precision NOT NULL,
	"approximate" boolean DEFAULT false NOT NULL,
	"label" jsonb NOT NULL,
	"detail" jsonb,
	"source" text NOT NULL,
	"published" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_menu_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"path" text NOT NULL,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"label_es" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_page_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"page_id" integer NOT NULL,
	"locale" char(2) NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_markdown" text DEFAULT '' NOT NULL,
	"author_id" integer,
	"author_label" text NOT NULL,
	"published_at" timestamp with time zone,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_slug_redirects" (
	"old_slug" text PRIMARY KEY NOT NULL,
	"page_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_page_translations" ADD COLUMN "revision_id" integer;--> statement-breakpoint
ALTER TABLE "content_pages" ADD COLUMN "key" text;--> statement-breakpoint
ALTER TABLE "content_page_revisions" ADD CONSTRAINT "content_page_revisions_page_id_content_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."content_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_slug_redirects" ADD CONSTRAINT "content_slug_redirects_page_id_content_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."content_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_page_revisions_page_locale" ON "content_page_revisions" USING btree ("page_id","locale","id");--> statement-breakpoint
ALTER TABLE "content_pages" ADD CONSTRAINT "content_pages_key_unique" UNIQUE("key");--> statement-breakpoint
-- The pages the platform links to by name keep their name whatever their slug becomes.
UPDATE "content_pages" SET "key" = "slug" WHERE "slug" IN ('home', 'about');--> statement-breakpoint
CREATE TRIGGER content_slug_redirects_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_slug_redirects
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER content_menu_items_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_menu_items
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
--> statement-breakpoint
-- The home and about texts shipped with the platform are its starting texts, not demonstration content.
UPDATE "content_page_translations" SET "is_demo" = false
  WHERE "page_id" IN (SELECT "id" FROM "content_pages" WHERE "key" IN ('home', 'about'));
--> statement-breakpoint
CREATE TRIGGER content_figures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_figures
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
