CREATE TABLE "pathfinder_support_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"workshop_id" integer NOT NULL,
	"what" text NOT NULL,
	"needed_by" date NOT NULL,
	"requested_by" integer,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pathfinder_workshop_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"workshop_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_workshop_organizers" (
	"workshop_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	CONSTRAINT "pathfinder_workshop_organizers_workshop_id_organization_id_pk" PRIMARY KEY("workshop_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "pathfinder_workshops" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"participants" integer,
	"outcomes_fr" text DEFAULT '' NOT NULL,
	"outcomes_en" text DEFAULT '' NOT NULL,
	"outcomes_es" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_commitments" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"commitment" text NOT NULL,
	"year" smallint,
	"note" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"recorded_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_instruments" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" char(3) NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"year" smallint NOT NULL,
	"url" text,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_ratifications" (
	"iso3" char(3) NOT NULL,
	"standard" text NOT NULL,
	"status" text NOT NULL,
	"on_date" date,
	"source" text NOT NULL,
	"recorded_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathfinder_ratifications_iso3_standard_pk" PRIMARY KEY("iso3","standard"),
	CONSTRAINT "pathfinder_ratifications_source_given" CHECK (length(trim("pathfinder_ratifications"."source")) > 0)
);
--> statement-breakpoint
ALTER TABLE "pathfinder_support_requests" ADD CONSTRAINT "pathfinder_support_requests_workshop_id_pathfinder_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."pathfinder_workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_support_requests" ADD CONSTRAINT "pathfinder_support_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_support_requests" ADD CONSTRAINT "pathfinder_support_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_workshop_documents" ADD CONSTRAINT "pathfinder_workshop_documents_workshop_id_pathfinder_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."pathfinder_workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_workshop_documents" ADD CONSTRAINT "pathfinder_workshop_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_workshop_organizers" ADD CONSTRAINT "pathfinder_workshop_organizers_workshop_id_pathfinder_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."pathfinder_workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_workshop_organizers" ADD CONSTRAINT "pathfinder_workshop_organizers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_workshops" ADD CONSTRAINT "pathfinder_workshops_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_workshops" ADD CONSTRAINT "pathfinder_workshops_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_commitments" ADD CONSTRAINT "pathfinder_commitments_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_commitments" ADD CONSTRAINT "pathfinder_commitments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_instruments" ADD CONSTRAINT "pathfinder_instruments_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_instruments" ADD CONSTRAINT "pathfinder_instruments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_ratifications" ADD CONSTRAINT "pathfinder_ratifications_iso3_pathfinder_countries_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."pathfinder_countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_ratifications" ADD CONSTRAINT "pathfinder_ratifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pathfinder_support_requests_workshop_idx" ON "pathfinder_support_requests" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "pathfinder_workshop_documents_workshop_idx" ON "pathfinder_workshop_documents" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "pathfinder_workshops_country_idx" ON "pathfinder_workshops" USING btree ("iso3","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "pathfinder_commitments_country_idx" ON "pathfinder_commitments" USING btree ("iso3","commitment");--> statement-breakpoint
-- A country's public page shows its workshops, commitments and standards (see 0001).
CREATE TRIGGER pathfinder_workshops_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_workshops
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_workshop_organizers_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_workshop_organizers
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_workshop_documents_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_workshop_documents
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_instruments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_instruments
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_commitments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_commitments
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();--> statement-breakpoint
CREATE TRIGGER pathfinder_ratifications_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pathfinder_ratifications
  FOR EACH STATEMENT EXECUTE FUNCTION a87_announce_change();
