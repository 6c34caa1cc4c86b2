CREATE TABLE "ballot_origin" (
	"assembly_id" text NOT NULL,
	"seq" integer NOT NULL,
	"address_hash" text NOT NULL,
	"device_hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballot_origin_assembly_id_seq_pk" PRIMARY KEY("assembly_id","seq")
);
--> statement-breakpoint
CREATE TABLE "result_announcement" (
	"assembly_id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"objections_until" timestamp with time zone NOT NULL,
	"published_by" text,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "result_objection" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"filed_by" text NOT NULL,
	"owner_id" text NOT NULL,
	"text" text NOT NULL,
	"attachment_path" text,
	"attachment_type" text,
	"attachment_size" integer,
	"state" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_objection_read" (
	"objection_id" text NOT NULL,
	"account_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "result_objection_read_objection_id_account_id_pk" PRIMARY KEY("objection_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "result_recount" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"ordered_by" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "estate_setting" ADD COLUMN "announcement_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_origin" ADD CONSTRAINT "ballot_origin_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_announcement" ADD CONSTRAINT "result_announcement_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_announcement" ADD CONSTRAINT "result_announcement_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_announcement" ADD CONSTRAINT "result_announcement_published_by_account_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection" ADD CONSTRAINT "result_objection_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection" ADD CONSTRAINT "result_objection_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection" ADD CONSTRAINT "result_objection_filed_by_account_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection" ADD CONSTRAINT "result_objection_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection" ADD CONSTRAINT "result_objection_answered_by_account_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection_read" ADD CONSTRAINT "result_objection_read_objection_id_result_objection_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."result_objection"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_objection_read" ADD CONSTRAINT "result_objection_read_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_recount" ADD CONSTRAINT "result_recount_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_recount" ADD CONSTRAINT "result_recount_ordered_by_account_id_fk" FOREIGN KEY ("ordered_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_origin_address_idx" ON "ballot_origin" USING btree ("assembly_id","address_hash","at");--> statement-breakpoint
CREATE INDEX "result_objection_assembly_idx" ON "result_objection" USING btree ("assembly_id","state");--> statement-breakpoint
CREATE INDEX "result_recount_assembly_idx" ON "result_recount" USING btree ("assembly_id","at");