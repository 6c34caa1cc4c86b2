CREATE TABLE "password_reset" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "place" DROP CONSTRAINT "place_parent_ck";--> statement-breakpoint
ALTER TABLE "account" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
ALTER TABLE "throttle" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "password_reset" ADD CONSTRAINT "password_reset_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset" ADD CONSTRAINT "password_reset_issued_by_account_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_reset_account_idx" ON "password_reset" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_root_ck" CHECK (("place"."kind" = 'platform') = ("place"."path" = '/'));--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_parent_ck" CHECK (("place"."kind" in ('platform', 'district')) = ("place"."parent_id" is null));--> statement-breakpoint
INSERT INTO "place" ("id", "kind", "name", "path") VALUES ('platform', 'platform', '平台', '/') ON CONFLICT DO NOTHING;
