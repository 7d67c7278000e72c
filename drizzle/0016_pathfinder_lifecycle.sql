CREATE TABLE "pathfinder_stage_moves" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"from_stage" text,
	"stage" text NOT NULL,
	"on_date" date,
	"date_precision" text DEFAULT 'day' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decision_reference" text,
	"decision_date" date,
	"gcg_decision_id" integer,
	"source_url" text,
	"source_read_on" date,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pathfinder_countries" ADD COLUMN "report_due_on" date;--> statement-breakpoint
ALTER TABLE "pathfinder_countries" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "pathfinder_stage_moves" ADD CONSTRAINT "pathfinder_stage_moves_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_stage_moves" ADD CONSTRAINT "pathfinder_stage_moves_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pathfinder_stage_moves_country_idx" ON "pathfinder_stage_moves" USING btree ("iso3","id");--> statement-breakpoint
-- The first stage is now named as the lifecycle names it.
UPDATE "pathfinder_countries" SET "stage" = 'interest_expressed' WHERE "stage" = 'expression_of_interest';--> statement-breakpoint
-- Public pathfinder pages depend on the moves too (see 0001 for the mechanism).
CREATE TRIGGER pathfinder_stage_moves_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_stage_moves
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
