ALTER TABLE "assembly" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "estate_setting" ADD COLUMN "vote_min_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "estate_setting" ADD COLUMN "vote_max_days" integer DEFAULT 60 NOT NULL;