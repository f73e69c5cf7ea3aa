CREATE TABLE "country_aliases" (
	"alias_key" text PRIMARY KEY NOT NULL,
	"alias" text NOT NULL,
	"country_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "country_successions" (
	"predecessor_code" text NOT NULL,
	"successor_code" text NOT NULL,
	CONSTRAINT "country_successions_predecessor_code_successor_code_pk" PRIMARY KEY("predecessor_code","successor_code")
);
--> statement-breakpoint
CREATE TABLE "mission_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alias" text NOT NULL,
	"alias_key" text NOT NULL,
	"mission_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"note_en" text NOT NULL,
	"note_fr" text NOT NULL,
	CONSTRAINT "mission_aliases_window_ck" CHECK ("mission_aliases"."valid_to" is null or "mission_aliases"."valid_from" is null or "mission_aliases"."valid_to" >= "mission_aliases"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "prior_missions" ADD COLUMN "country_code" text;--> statement-breakpoint
ALTER TABLE "prior_missions" ADD COLUMN "post_type_code" text;--> statement-breakpoint
ALTER TABLE "country_aliases" ADD CONSTRAINT "country_aliases_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "country_successions" ADD CONSTRAINT "country_successions_predecessor_code_countries_code_fk" FOREIGN KEY ("predecessor_code") REFERENCES "public"."countries"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "country_successions" ADD CONSTRAINT "country_successions_successor_code_countries_code_fk" FOREIGN KEY ("successor_code") REFERENCES "public"."countries"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_aliases" ADD CONSTRAINT "mission_aliases_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mission_aliases_key_mission_uq" ON "mission_aliases" USING btree ("alias_key","mission_id");--> statement-breakpoint
ALTER TABLE "prior_missions" ADD CONSTRAINT "prior_missions_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_missions" ADD CONSTRAINT "prior_missions_post_type_code_post_types_code_fk" FOREIGN KEY ("post_type_code") REFERENCES "public"."post_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prior_missions_officer_idx" ON "prior_missions" USING btree ("officer_id","start_date");