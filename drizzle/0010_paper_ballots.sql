CREATE TABLE "paper_attachment" (
	"id" text PRIMARY KEY NOT NULL,
	"paper_ballot_id" text NOT NULL,
	"sha256" text NOT NULL,
	"path" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_ballot" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"state" text DEFAULT 'issued' NOT NULL,
	"seq" integer,
	"issued_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "paper_entry" (
	"id" text PRIMARY KEY NOT NULL,
	"paper_ballot_id" text NOT NULL,
	"round" integer NOT NULL,
	"account_id" text NOT NULL,
	"choices" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_entry_round_ck" CHECK ("paper_entry"."round" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "paper_rule" (
	"assembly_id" text PRIMARY KEY NOT NULL,
	"late_minutes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "paper_rule_late_ck" CHECK ("paper_rule"."late_minutes" between 0 and 10080)
);
--> statement-breakpoint
ALTER TABLE "paper_attachment" ADD CONSTRAINT "paper_attachment_paper_ballot_id_paper_ballot_id_fk" FOREIGN KEY ("paper_ballot_id") REFERENCES "public"."paper_ballot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_attachment" ADD CONSTRAINT "paper_attachment_uploaded_by_account_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_ballot" ADD CONSTRAINT "paper_ballot_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_ballot" ADD CONSTRAINT "paper_ballot_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_ballot" ADD CONSTRAINT "paper_ballot_issued_by_account_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entry" ADD CONSTRAINT "paper_entry_paper_ballot_id_paper_ballot_id_fk" FOREIGN KEY ("paper_ballot_id") REFERENCES "public"."paper_ballot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entry" ADD CONSTRAINT "paper_entry_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_rule" ADD CONSTRAINT "paper_rule_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "paper_ballot_code_uq" ON "paper_ballot" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "paper_ballot_owner_idx" ON "paper_ballot" USING btree ("assembly_id","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_ballot_seq_uq" ON "paper_ballot" USING btree ("assembly_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_entry_round_uq" ON "paper_entry" USING btree ("paper_ballot_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_entry_person_uq" ON "paper_entry" USING btree ("paper_ballot_id","account_id");