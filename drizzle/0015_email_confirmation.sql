CREATE TABLE "email_confirmations" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"record_id" integer NOT NULL,
	"email" text NOT NULL,
	"locale" char(2) NOT NULL,
	"token_hash" text NOT NULL,
	"requested_ip" text,
	"sends" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "email_confirmations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "partner_applications" ALTER COLUMN "status" SET DEFAULT 'unconfirmed';--> statement-breakpoint
ALTER TABLE "partner_applications" ALTER COLUMN "website" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_applications" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_applications" ADD COLUMN "review_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_applications" ADD COLUMN "status_token_hash" text;--> statement-breakpoint
CREATE INDEX "email_confirmations_email_idx" ON "email_confirmations" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "email_confirmations_ip_idx" ON "email_confirmations" USING btree ("requested_ip","created_at");--> statement-breakpoint
CREATE INDEX "email_confirmations_record_idx" ON "email_confirmations" USING btree ("kind","record_id");--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_status_token_hash_unique" UNIQUE("status_token_hash");