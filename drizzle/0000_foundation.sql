CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'zh' NOT NULL,
	"totp_secret" text,
	"owner_id" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_login_unique" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"prev" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "building" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "estate_setting" (
	"estate_id" text PRIMARY KEY NOT NULL,
	"counted_kinds" jsonb DEFAULT '["residence","shop","parking","other"]'::jsonb NOT NULL,
	"notice_days" integer DEFAULT 15 NOT NULL,
	"objection_days" integer DEFAULT 7 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "owner" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_key" text,
	"id_last4" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_parent_ck" CHECK (("place"."kind" = 'district') = ("place"."parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE "role_grant" (
	"account_id" text NOT NULL,
	"role" text NOT NULL,
	"place_id" text NOT NULL,
	CONSTRAINT "role_grant_account_id_role_place_id_pk" PRIMARY KEY("account_id","role","place_id")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"building_id" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"area_hundredths" bigint NOT NULL,
	"area_source" text NOT NULL,
	"owner_id" text NOT NULL,
	"certificate_no" text,
	CONSTRAINT "unit_area_positive_ck" CHECK ("unit"."area_hundredths" > 0)
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_account_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building" ADD CONSTRAINT "building_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estate_setting" ADD CONSTRAINT "estate_setting_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner" ADD CONSTRAINT "owner_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_parent_id_place_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_place_id_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit" ADD CONSTRAINT "unit_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit" ADD CONSTRAINT "unit_building_id_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."building"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit" ADD CONSTRAINT "unit_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_scope_seq_uq" ON "audit_log" USING btree ("scope","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_scope_prev_uq" ON "audit_log" USING btree ("scope","prev");--> statement-breakpoint
CREATE UNIQUE INDEX "building_estate_name_uq" ON "building" USING btree ("estate_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "owner_estate_idkey_uq" ON "owner" USING btree ("estate_id","id_key");--> statement-breakpoint
CREATE INDEX "owner_estate_idx" ON "owner" USING btree ("estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "place_path_uq" ON "place" USING btree ("path");--> statement-breakpoint
CREATE INDEX "place_parent_idx" ON "place" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "session_account_idx" ON "session" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_building_label_uq" ON "unit" USING btree ("building_id","label");--> statement-breakpoint
CREATE INDEX "unit_owner_idx" ON "unit" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "unit_estate_idx" ON "unit" USING btree ("estate_id");