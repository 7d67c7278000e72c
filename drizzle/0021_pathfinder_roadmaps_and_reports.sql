CREATE TABLE "pathfinder_roadmap_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"priority_key" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"responsible_body" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"budget_amount" numeric(16, 2),
	"budget_currency" char(3),
	"status" text DEFAULT 'planned' NOT NULL,
	"indicator_codes" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_roadmap_priorities" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_roadmap_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"locale" char(2) NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted_on" date,
	"adopted_by" integer
);
--> statement-breakpoint
CREATE TABLE "pathfinder_report_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"action_key" text NOT NULL,
	"status" text NOT NULL,
	"narrative" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_report_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"year" integer NOT NULL,
	"roadmap_version_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"locale" char(2) NOT NULL,
	"overall_narrative" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_on" date,
	"submitted_by" integer,
	"acknowledged_on" date,
	"acknowledged_by" integer,
	"acknowledgement_note" text
);
--> statement-breakpoint
ALTER TABLE "pathfinder_roadmap_actions" ADD CONSTRAINT "pathfinder_roadmap_actions_version_id_pathfinder_roadmap_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."pathfinder_roadmap_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_roadmap_priorities" ADD CONSTRAINT "pathfinder_roadmap_priorities_version_id_pathfinder_roadmap_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."pathfinder_roadmap_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_roadmap_versions" ADD CONSTRAINT "pathfinder_roadmap_versions_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_roadmap_versions" ADD CONSTRAINT "pathfinder_roadmap_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_roadmap_versions" ADD CONSTRAINT "pathfinder_roadmap_versions_adopted_by_users_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_report_actions" ADD CONSTRAINT "pathfinder_report_actions_report_id_pathfinder_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."pathfinder_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_report_attachments" ADD CONSTRAINT "pathfinder_report_attachments_report_id_pathfinder_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."pathfinder_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_report_attachments" ADD CONSTRAINT "pathfinder_report_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_reports" ADD CONSTRAINT "pathfinder_reports_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_reports" ADD CONSTRAINT "pathfinder_reports_roadmap_version_id_pathfinder_roadmap_versions_id_fk" FOREIGN KEY ("roadmap_version_id") REFERENCES "public"."pathfinder_roadmap_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_reports" ADD CONSTRAINT "pathfinder_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_reports" ADD CONSTRAINT "pathfinder_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_reports" ADD CONSTRAINT "pathfinder_reports_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_roadmap_actions_key_idx" ON "pathfinder_roadmap_actions" USING btree ("version_id","key");--> statement-breakpoint
CREATE INDEX "pathfinder_roadmap_actions_priority_idx" ON "pathfinder_roadmap_actions" USING btree ("version_id","priority_key");--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_roadmap_priorities_key_idx" ON "pathfinder_roadmap_priorities" USING btree ("version_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_roadmap_versions_number_idx" ON "pathfinder_roadmap_versions" USING btree ("iso3","number");--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_roadmap_versions_draft_idx" ON "pathfinder_roadmap_versions" USING btree ("iso3") WHERE "pathfinder_roadmap_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_roadmap_versions_adopted_idx" ON "pathfinder_roadmap_versions" USING btree ("iso3") WHERE "pathfinder_roadmap_versions"."status" = 'adopted';--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_report_actions_key_idx" ON "pathfinder_report_actions" USING btree ("report_id","action_key");--> statement-breakpoint
CREATE INDEX "pathfinder_report_attachments_report_idx" ON "pathfinder_report_attachments" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_reports_year_idx" ON "pathfinder_reports" USING btree ("iso3","year");--> statement-breakpoint
CREATE INDEX "pathfinder_reports_waiting_idx" ON "pathfinder_reports" USING btree ("submitted_on") WHERE "pathfinder_reports"."status" = 'submitted';--> statement-breakpoint
-- A country's public page shows its adopted roadmap and acknowledged reports (see 0001).
CREATE TRIGGER pathfinder_roadmap_versions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_roadmap_versions
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_roadmap_priorities_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_roadmap_priorities
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_roadmap_actions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_roadmap_actions
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_reports_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_reports
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_report_actions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_report_actions
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
