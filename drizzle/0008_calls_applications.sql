CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic" text NOT NULL,
	"to_address" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_status_ck" CHECK ("mail_outbox"."status" in ('queued','sent','failed'))
);
--> statement-breakpoint
CREATE TABLE "application_posts" (
	"application_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"preference" smallint NOT NULL,
	CONSTRAINT "application_posts_application_id_post_id_pk" PRIMARY KEY("application_id","post_id"),
	CONSTRAINT "application_posts_preference_uq" UNIQUE("application_id","preference"),
	CONSTRAINT "application_posts_preference_ck" CHECK ("application_posts"."preference" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"nominated_by" uuid,
	"release_decided_by" uuid,
	"release_decided_at" timestamp with time zone,
	"release_reason" text,
	"withdrawn_reason" text,
	"reserve_rank" smallint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_call_officer_uq" UNIQUE("call_id","officer_id"),
	CONSTRAINT "applications_status_ck" CHECK ("applications"."status" in ('submitted','endorsed','not_released','screened_in','screened_out','assessed','selected','reserve','not_selected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"score" smallint,
	"passed" boolean NOT NULL,
	"competencies" jsonb,
	"assessed_on" date NOT NULL,
	"expires_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_kind_ck" CHECK ("assessments"."kind" in ('language_test','driving_test','firearms_test','interview','un_assessment')),
	CONSTRAINT "assessments_score_ck" CHECK ("assessments"."score" is null or "assessments"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "call_agencies" (
	"call_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"invited" boolean DEFAULT true NOT NULL,
	"cap" smallint,
	CONSTRAINT "call_agencies_call_id_agency_id_pk" PRIMARY KEY("call_id","agency_id"),
	CONSTRAINT "call_agencies_cap_ck" CHECK ("call_agencies"."cap" is null or "call_agencies"."cap" >= 0)
);
--> statement-breakpoint
CREATE TABLE "call_posts" (
	"call_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	CONSTRAINT "call_posts_call_id_post_id_pk" PRIMARY KEY("call_id","post_id")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"mission_id" uuid NOT NULL,
	"closes_on" date NOT NULL,
	"audience" text NOT NULL,
	"women_floor_percent" smallint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"opened_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_number_unique" UNIQUE("number"),
	CONSTRAINT "calls_status_ck" CHECK ("calls"."status" in ('open','closed','ratified','cancelled')),
	CONSTRAINT "calls_audience_ck" CHECK ("calls"."audience" in ('all','chosen')),
	CONSTRAINT "calls_floor_ck" CHECK ("calls"."women_floor_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"mission_id" uuid NOT NULL,
	"post_id" uuid,
	"application_id" uuid,
	"state" text DEFAULT 'selected' NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployments_state_ck" CHECK ("deployments"."state" in ('selected','preparing','ready','in_transit','in_theatre','remote','repatriating','returned','closed','withdrawn')),
	CONSTRAINT "deployments_dates_ck" CHECK ("deployments"."planned_end" > "deployments"."planned_start")
);
--> statement-breakpoint
ALTER TABLE "officers" ADD COLUMN "record_flag" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "application_posts" ADD CONSTRAINT "application_posts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_posts" ADD CONSTRAINT "application_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_release_decided_by_users_id_fk" FOREIGN KEY ("release_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_agencies" ADD CONSTRAINT "call_agencies_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_agencies" ADD CONSTRAINT "call_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_posts" ADD CONSTRAINT "call_posts_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_posts" ADD CONSTRAINT "call_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_queued_idx" ON "mail_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "applications_officer_idx" ON "applications" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "assessments_application_idx" ON "assessments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "call_posts_post_idx" ON "call_posts" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "calls_mission_idx" ON "calls" USING btree ("mission_id");--> statement-breakpoint
CREATE INDEX "deployments_officer_idx" ON "deployments" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "deployments_mission_idx" ON "deployments" USING btree ("mission_id");