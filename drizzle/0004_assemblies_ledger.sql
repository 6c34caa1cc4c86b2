CREATE TABLE "assembly" (
	"id" text PRIMARY KEY NOT NULL,
	"estate_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"form" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"revote" text DEFAULT 'last' NOT NULL,
	"blank" text DEFAULT 'abstain' NOT NULL,
	"tallies_visible" boolean DEFAULT false NOT NULL,
	"review_comment" text,
	"announced_at" timestamp with time zone,
	"roll_json" text,
	"result_json" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_window_ck" CHECK ("assembly"."closes_at" > "assembly"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "assembly_document" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assembly_item" (
	"assembly_id" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"matter" integer NOT NULL,
	"seats" integer,
	"alternates" integer,
	CONSTRAINT "assembly_item_assembly_id_key_pk" PRIMARY KEY("assembly_id","key"),
	CONSTRAINT "item_matter_ck" CHECK ("assembly_item"."matter" between 1 and 9)
);
--> statement-breakpoint
CREATE TABLE "assembly_voter" (
	"assembly_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"pseudonym" text NOT NULL,
	"area_hundredths" bigint NOT NULL,
	CONSTRAINT "assembly_voter_assembly_id_owner_id_pk" PRIMARY KEY("assembly_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_idempotency" (
	"assembly_id" text NOT NULL,
	"account_id" text NOT NULL,
	"key" text NOT NULL,
	"seq" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballot_idempotency_assembly_id_account_id_key_pk" PRIMARY KEY("assembly_id","account_id","key")
);
--> statement-breakpoint
CREATE TABLE "candidate" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"item_key" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" text,
	"profile" text DEFAULT '' NOT NULL,
	"party_member" boolean DEFAULT false NOT NULL,
	"vetting" text DEFAULT 'pending' NOT NULL,
	"vetting_reason" text,
	"vetted_by" text,
	"vetted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkpoint" (
	"assembly_id" text NOT NULL,
	"tree_size" integer NOT NULL,
	"root" text NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkpoint_assembly_id_tree_size_pk" PRIMARY KEY("assembly_id","tree_size")
);
--> statement-breakpoint
CREATE TABLE "head_signature" (
	"assembly_id" text NOT NULL,
	"by" text NOT NULL,
	"public_key" text NOT NULL,
	"signature" text NOT NULL,
	"signed_by" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "head_signature_assembly_id_by_pk" PRIMARY KEY("assembly_id","by")
);
--> statement-breakpoint
CREATE TABLE "ledger_entry" (
	"assembly_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"prev" text NOT NULL,
	"hash" text NOT NULL,
	"body" text NOT NULL,
	"owner" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entry_assembly_id_seq_pk" PRIMARY KEY("assembly_id","seq")
);
--> statement-breakpoint
ALTER TABLE "assembly" ADD CONSTRAINT "assembly_estate_id_place_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly" ADD CONSTRAINT "assembly_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_document" ADD CONSTRAINT "assembly_document_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_item" ADD CONSTRAINT "assembly_item_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_voter" ADD CONSTRAINT "assembly_voter_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_voter" ADD CONSTRAINT "assembly_voter_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate" ADD CONSTRAINT "candidate_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate" ADD CONSTRAINT "candidate_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate" ADD CONSTRAINT "candidate_vetted_by_account_id_fk" FOREIGN KEY ("vetted_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint" ADD CONSTRAINT "checkpoint_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "head_signature" ADD CONSTRAINT "head_signature_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "head_signature" ADD CONSTRAINT "head_signature_signed_by_account_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assembly_estate_idx" ON "assembly" USING btree ("estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_voter_pseudonym_uq" ON "assembly_voter" USING btree ("assembly_id","pseudonym");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_key_uq" ON "candidate" USING btree ("assembly_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_prev_uq" ON "ledger_entry" USING btree ("assembly_id","prev");--> statement-breakpoint
CREATE INDEX "ledger_owner_idx" ON "ledger_entry" USING btree ("assembly_id","owner");