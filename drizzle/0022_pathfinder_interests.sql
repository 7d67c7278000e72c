CREATE TABLE "pathfinder_interest_letters" (
	"interest_id" integer PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathfinder_interests" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"iso3" char(3),
	"reasons" text DEFAULT '' NOT NULL,
	"commitment" text DEFAULT '' NOT NULL,
	"recent_successes" text DEFAULT '' NOT NULL,
	"focal_point_name" text DEFAULT '' NOT NULL,
	"focal_point_title" text DEFAULT '' NOT NULL,
	"focal_point_ministry" text DEFAULT '' NOT NULL,
	"focal_point_email" text DEFAULT '' NOT NULL,
	"locale" text NOT NULL,
	"draft_token_hash" text,
	"created_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"decline_reason" text,
	CONSTRAINT "pathfinder_interests_draft_token_hash_unique" UNIQUE("draft_token_hash")
);
--> statement-breakpoint
ALTER TABLE "pathfinder_interest_letters" ADD CONSTRAINT "pathfinder_interest_letters_interest_id_pathfinder_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."pathfinder_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathfinder_interests" ADD CONSTRAINT "pathfinder_interests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pathfinder_interests_status_idx" ON "pathfinder_interests" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "pathfinder_interests_created_ip_idx" ON "pathfinder_interests" USING btree ("created_ip","created_at");