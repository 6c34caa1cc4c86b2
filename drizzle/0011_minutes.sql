CREATE TABLE "minutes" (
	"assembly_id" text NOT NULL,
	"version" integer NOT NULL,
	"locale" text NOT NULL,
	"reason" text NOT NULL,
	"figures" text NOT NULL,
	"sha256" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_assembly_id_version_locale_pk" PRIMARY KEY("assembly_id","version","locale")
);
--> statement-breakpoint
CREATE TABLE "scrutineer" (
	"id" text PRIMARY KEY NOT NULL,
	"assembly_id" text NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scrutineer" ADD CONSTRAINT "scrutineer_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scrutineer" ADD CONSTRAINT "scrutineer_added_by_account_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scrutineer_assembly_idx" ON "scrutineer" USING btree ("assembly_id");