CREATE TABLE "pathfinder_focal_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"user_id" integer,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"ministry" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pathfinder_focal_points" ADD CONSTRAINT "pathfinder_focal_points_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_focal_points" ADD CONSTRAINT "pathfinder_focal_points_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_focal_points" ADD CONSTRAINT "pathfinder_focal_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_focal_points_current_idx" ON "pathfinder_focal_points" USING btree ("iso3") WHERE "pathfinder_focal_points"."ended_on" IS NULL;--> statement-breakpoint
-- A country's public page shows its focal point's ministry (see 0001 for the mechanism).
CREATE TRIGGER pathfinder_focal_points_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_focal_points
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
