CREATE TABLE "owner_verification" (
	"account_id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"method" text NOT NULL,
	"verified_by" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_code" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_code_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "registration_request" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"owner_id" text,
	"unit_id" text,
	"claimed_name" text NOT NULL,
	"claimed_id_last4" text NOT NULL,
	"phone" text,
	"certificate_file" text,
	"certificate_type" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roll_objection" (
	"id" text PRIMARY KEY NOT NULL,
	"publication_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"filed_by" text NOT NULL,
	"text" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roll_publication" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"state" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"objections_until" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"roll_hash" text NOT NULL,
	"frozen_at" timestamp with time zone,
	"frozen_by" text
);
--> statement-breakpoint
CREATE TABLE "unit_co_owner" (
	"unit_id" text NOT NULL,
	"owner_id" text NOT NULL,
	CONSTRAINT "unit_co_owner_unit_id_owner_id_pk" PRIMARY KEY("unit_id","owner_id")
);
--> statement-breakpoint
ALTER TABLE "account" ADD COLUMN "totp_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "two_factor_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "owner_verification" ADD CONSTRAINT "owner_verification_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_verification" ADD CONSTRAINT "owner_verification_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_verification" ADD CONSTRAINT "owner_verification_verified_by_account_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_code" ADD CONSTRAINT "registration_code_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_code" ADD CONSTRAINT "registration_code_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_code" ADD CONSTRAINT "registration_code_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_request" ADD CONSTRAINT "registration_request_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_request" ADD CONSTRAINT "registration_request_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_request" ADD CONSTRAINT "registration_request_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_request" ADD CONSTRAINT "registration_request_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_request" ADD CONSTRAINT "registration_request_reviewed_by_account_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objection" ADD CONSTRAINT "roll_objection_publication_id_roll_publication_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."roll_publication"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objection" ADD CONSTRAINT "roll_objection_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objection" ADD CONSTRAINT "roll_objection_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objection" ADD CONSTRAINT "roll_objection_filed_by_account_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_objection" ADD CONSTRAINT "roll_objection_answered_by_account_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_publication" ADD CONSTRAINT "roll_publication_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_publication" ADD CONSTRAINT "roll_publication_published_by_account_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_publication" ADD CONSTRAINT "roll_publication_frozen_by_account_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_co_owner" ADD CONSTRAINT "unit_co_owner_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_co_owner" ADD CONSTRAINT "unit_co_owner_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "owner_verification_owner_idx" ON "owner_verification" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "registration_code_owner_idx" ON "registration_code" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "registration_request_estate_idx" ON "registration_request" USING btree ("estate_id","state");--> statement-breakpoint
CREATE INDEX "roll_objection_pub_idx" ON "roll_objection" USING btree ("publication_id","state");--> statement-breakpoint
CREATE INDEX "roll_publication_estate_idx" ON "roll_publication" USING btree ("estate_id");