CREATE TABLE "organization_action_groups" (
	"organization_id" integer NOT NULL,
	"action_group" text NOT NULL,
	CONSTRAINT "organization_action_groups_organization_id_action_group_pk" PRIMARY KEY("organization_id","action_group")
);
--> statement-breakpoint
CREATE TABLE "organization_status_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "organization_translations" (
	"organization_id" integer NOT NULL,
	"locale" char(2) NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "organization_translations_organization_id_locale_pk" PRIMARY KEY("organization_id","locale")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organization_action_groups" ADD CONSTRAINT "organization_action_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_status_history" ADD CONSTRAINT "organization_status_history_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_translations" ADD CONSTRAINT "organization_translations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_status_history_org_idx" ON "organization_status_history" USING btree ("organization_id","valid_from");