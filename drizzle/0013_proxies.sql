CREATE TABLE "proxy_authorisation" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"proxy_account_id" text NOT NULL,
	"directed" text DEFAULT '{}' NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"document_path" text NOT NULL,
	"document_type" text NOT NULL,
	"document_sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"seq" integer
);
--> statement-breakpoint
ALTER TABLE "estate_setting" ADD COLUMN "proxy_max" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "proxy_authorisation" ADD CONSTRAINT "proxy_authorisation_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_authorisation" ADD CONSTRAINT "proxy_authorisation_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_authorisation" ADD CONSTRAINT "proxy_authorisation_proxy_account_id_account_id_fk" FOREIGN KEY ("proxy_account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_authorisation" ADD CONSTRAINT "proxy_authorisation_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_authorisation" ADD CONSTRAINT "proxy_authorisation_reviewed_by_account_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_live_uq" ON "proxy_authorisation" USING btree ("assembly_id","owner_id") WHERE "proxy_authorisation"."state" in ('pending', 'verified', 'used');--> statement-breakpoint
CREATE INDEX "proxy_account_idx" ON "proxy_authorisation" USING btree ("assembly_id","proxy_account_id");