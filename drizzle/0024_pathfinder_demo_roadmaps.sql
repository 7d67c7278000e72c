ALTER TABLE "pathfinder_stage_moves" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "pathfinder_roadmap_versions" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "pathfinder_reports" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The moves the demonstration loader wrote before this column: those of demonstration countries
-- that nobody recorded (a move someone records always names them).
UPDATE "pathfinder_stage_moves" m SET "is_demo" = true
  FROM "pathfinder_countries" c
 WHERE c."iso3" = m."iso3" AND c."is_demo" AND m."recorded_by" IS NULL;
