CREATE TABLE "program_settings" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"value" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "program_settings_key_version_pk" PRIMARY KEY("key","version")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "mission_locations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "mission_locations" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "ranks" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "ranks" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "program_settings" ADD CONSTRAINT "program_settings_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_name_en_ck" CHECK (length(trim("agencies"."name_en")) > 0);--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_name_fr_ck" CHECK (length(trim("agencies"."name_fr")) > 0);--> statement-breakpoint
ALTER TABLE "mission_locations" ADD CONSTRAINT "mission_locations_name_en_ck" CHECK (length(trim("mission_locations"."name_en")) > 0);--> statement-breakpoint
ALTER TABLE "mission_locations" ADD CONSTRAINT "mission_locations_name_fr_ck" CHECK (length(trim("mission_locations"."name_fr")) > 0);--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_name_en_ck" CHECK (length(trim("missions"."name_en")) > 0);--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_name_fr_ck" CHECK (length(trim("missions"."name_fr")) > 0);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_name_en_ck" CHECK (length(trim("organizations"."name_en")) > 0);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_name_fr_ck" CHECK (length(trim("organizations"."name_fr")) > 0);--> statement-breakpoint
ALTER TABLE "ranks" ADD CONSTRAINT "ranks_name_en_ck" CHECK (length(trim("ranks"."name_en")) > 0);--> statement-breakpoint
ALTER TABLE "ranks" ADD CONSTRAINT "ranks_name_fr_ck" CHECK (length(trim("ranks"."name_fr")) > 0);--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_name_en_ck" CHECK (length(trim("courses"."name_en")) > 0);--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_name_fr_ck" CHECK (length(trim("courses"."name_fr")) > 0);