CREATE TABLE "officer_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"next_of_kin" boolean DEFAULT false NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"badge_number" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"gender" text NOT NULL,
	"date_of_birth" date,
	"rank_code" text NOT NULL,
	"agency_rank_title" text,
	"service_start" date NOT NULL,
	"email" text,
	"phone" text,
	"preferred_language" text DEFAULT 'en' NOT NULL,
	"user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "officers_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "officers_agency_badge_uq" UNIQUE("agency_id","badge_number"),
	CONSTRAINT "officers_gender_ck" CHECK ("officers"."gender" in ('woman','man','another','undisclosed')),
	CONSTRAINT "officers_language_ck" CHECK ("officers"."preferred_language" in ('en','fr'))
);
--> statement-breakpoint
CREATE TABLE "prior_missions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"mission_id" uuid,
	"mission_name" text NOT NULL,
	"role" text,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"score" smallint,
	"passed" boolean,
	"obtained_on" date NOT NULL,
	"expires_on" date,
	"document_number" text,
	"detail" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qualifications_kind_ck" CHECK ("qualifications"."kind" in ('language','driving_licence','firearms','medical','security_clearance','passport','un_assessment','specialisation','skill')),
	CONSTRAINT "qualifications_score_ck" CHECK ("qualifications"."score" is null or "qualifications"."score" between 0 and 100),
	CONSTRAINT "qualifications_dates_ck" CHECK ("qualifications"."expires_on" is null or "qualifications"."expires_on" >= "qualifications"."obtained_on")
);
--> statement-breakpoint
ALTER TABLE "officer_contacts" ADD CONSTRAINT "officer_contacts_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_rank_code_ranks_code_fk" FOREIGN KEY ("rank_code") REFERENCES "public"."ranks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_missions" ADD CONSTRAINT "prior_missions_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_missions" ADD CONSTRAINT "prior_missions_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "officers_name_idx" ON "officers" USING btree ("family_name","given_name");--> statement-breakpoint
CREATE INDEX "officers_rank_idx" ON "officers" USING btree ("rank_code");--> statement-breakpoint
CREATE INDEX "qualifications_officer_idx" ON "qualifications" USING btree ("officer_id","kind");--> statement-breakpoint
CREATE INDEX "qualifications_expiry_idx" ON "qualifications" USING btree ("expires_on");