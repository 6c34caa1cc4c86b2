CREATE TABLE "cosignature" (
	"assembly_id" text NOT NULL,
	"tree_size" integer NOT NULL,
	"public_key" text NOT NULL,
	"name" text NOT NULL,
	"line" text NOT NULL,
	"timestamp" bigint NOT NULL,
	"submitted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cosignature_assembly_id_tree_size_public_key_pk" PRIMARY KEY("assembly_id","tree_size","public_key")
);
--> statement-breakpoint
CREATE TABLE "ledger_origin" (
	"assembly_id" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_key" (
	"public_key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "roll_opening" (
	"assembly_id" text NOT NULL,
	"record_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"label" text NOT NULL,
	"salt" text NOT NULL,
	CONSTRAINT "roll_opening_assembly_id_record_id_pk" PRIMARY KEY("assembly_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "cosignature" ADD CONSTRAINT "cosignature_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cosignature" ADD CONSTRAINT "cosignature_submitted_by_account_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_origin" ADD CONSTRAINT "ledger_origin_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_opening" ADD CONSTRAINT "roll_opening_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roll_opening" ADD CONSTRAINT "roll_opening_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cosignature_key_idx" ON "cosignature" USING btree ("public_key","assembly_id");--> statement-breakpoint
CREATE INDEX "roll_opening_unit_idx" ON "roll_opening" USING btree ("assembly_id","unit_id");