CREATE TABLE "news_images" (
	"story_id" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" "bytea" NOT NULL,
	CONSTRAINT "news_images_story_id_width_pk" PRIMARY KEY("story_id","width")
);
--> statement-breakpoint
CREATE TABLE "news_stories" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"source_locale" char(2),
	"organization_id" integer,
	"submitted_by" integer,
	"submitter_email" text,
	"submitter_locale" char(2),
	"decline_reason" text,
	"image_version" text,
	"image_width" integer,
	"image_height" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_stories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "news_story_translations" (
	"story_id" integer NOT NULL,
	"locale" char(2) NOT NULL,
	"title" text NOT NULL,
	"lead" text DEFAULT '' NOT NULL,
	"body_markdown" text DEFAULT '' NOT NULL,
	"image_alt" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_story_translations_story_id_locale_pk" PRIMARY KEY("story_id","locale")
);
--> statement-breakpoint
ALTER TABLE "news_images" ADD CONSTRAINT "news_images_story_id_news_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."news_stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_stories" ADD CONSTRAINT "news_stories_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_story_translations" ADD CONSTRAINT "news_story_translations_story_id_news_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."news_stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_stories_status_publish_at" ON "news_stories" USING btree ("status","publish_at");--> statement-breakpoint
-- Public news pages and the home page depend on these tables (see 0001).
CREATE TRIGGER news_stories_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news_stories
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER news_story_translations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news_story_translations
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
