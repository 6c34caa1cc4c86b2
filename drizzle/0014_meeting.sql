CREATE TABLE "meeting_checkin" (
	"assembly_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"via" text NOT NULL,
	"checked_in_by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_checkin_assembly_id_owner_id_pk" PRIMARY KEY("assembly_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_item" (
	"assembly_id" text NOT NULL,
	"item_key" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "meeting_item_assembly_id_item_key_pk" PRIMARY KEY("assembly_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "meeting_screen" (
	"assembly_id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_checkin" ADD CONSTRAINT "meeting_checkin_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_checkin" ADD CONSTRAINT "meeting_checkin_owner_id_owner_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_checkin" ADD CONSTRAINT "meeting_checkin_checked_in_by_account_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_item" ADD CONSTRAINT "meeting_item_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_screen" ADD CONSTRAINT "meeting_screen_assembly_id_assembly_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assembly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_screen_token_uq" ON "meeting_screen" USING btree ("token");