CREATE TABLE "data_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"format" text,
	"file_name" text,
	"restored_from_number" integer,
	"observations" integer NOT NULL,
	"added" integer NOT NULL,
	"changed" integer NOT NULL,
	"removed" integer NOT NULL,
	"actor_id" integer,
	"actor_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_translations" (
	"indicator_id" integer NOT NULL,
	"locale" char(2) NOT NULL,
	"name" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"methodology" text DEFAULT '' NOT NULL,
	CONSTRAINT "indicator_translations_indicator_id_locale_pk" PRIMARY KEY("indicator_id","locale")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"sdg_indicator" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"custodian" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"current_version_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"from_version_id" integer NOT NULL,
	"until_version_id" integer,
	"dimensions_key" text NOT NULL,
	"geo" text NOT NULL,
	"geo_kind" text NOT NULL,
	"year" smallint NOT NULL,
	"sex" text DEFAULT 'total' NOT NULL,
	"age" text DEFAULT 'all' NOT NULL,
	"nature" text,
	"value" double precision NOT NULL,
	"lower" double precision,
	"upper" double precision,
	"unit" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"footnote" text DEFAULT '' NOT NULL,
	"disaggregations" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_versions" ADD CONSTRAINT "data_versions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_translations" ADD CONSTRAINT "indicator_translations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_from_version_id_data_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."data_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_until_version_id_data_versions_id_fk" FOREIGN KEY ("until_version_id") REFERENCES "public"."data_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_versions_indicator_number_idx" ON "data_versions" USING btree ("indicator_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_live_key_idx" ON "observations" USING btree ("indicator_id","dimensions_key") WHERE "observations"."until_version_id" IS NULL;--> statement-breakpoint
CREATE INDEX "observations_live_geo_year_idx" ON "observations" USING btree ("indicator_id","geo","year") WHERE "observations"."until_version_id" IS NULL;--> statement-breakpoint
CREATE INDEX "observations_from_version_idx" ON "observations" USING btree ("from_version_id");--> statement-breakpoint
CREATE INDEX "observations_until_version_idx" ON "observations" USING btree ("until_version_id");--> statement-breakpoint
-- Pages and API answers built from indicator data depend on these tables (see 0001).
CREATE TRIGGER indicators_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER indicator_translations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_translations
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER data_versions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON data_versions
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER observations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON observations
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
