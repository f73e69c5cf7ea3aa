CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"enrolment_id" uuid,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_enrolment_id_unique" UNIQUE("enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "course_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text,
	"virtual_link" text,
	"capacity" smallint NOT NULL,
	"language" text NOT NULL,
	"instructors" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_sessions_dates_ck" CHECK ("course_sessions"."ends_on" >= "course_sessions"."starts_on"),
	CONSTRAINT "course_sessions_capacity_ck" CHECK ("course_sessions"."capacity" between 1 and 500),
	CONSTRAINT "course_sessions_where_ck" CHECK ("course_sessions"."place" is not null or "course_sessions"."virtual_link" is not null),
	CONSTRAINT "course_sessions_language_ck" CHECK ("course_sessions"."language" in ('en','fr','bilingual')),
	CONSTRAINT "course_sessions_status_ck" CHECK ("course_sessions"."status" in ('scheduled','cancelled','completed'))
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"description_fr" text DEFAULT '' NOT NULL,
	"delivery" text NOT NULL,
	"duration_days" smallint NOT NULL,
	"pass_mark" smallint,
	"validity_months" smallint,
	"required_for" jsonb DEFAULT '{"everyone":false,"postTypes":[],"teams":[],"missionCodes":[]}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_code_unique" UNIQUE("code"),
	CONSTRAINT "courses_delivery_ck" CHECK ("courses"."delivery" in ('in_person','virtual','blended')),
	CONSTRAINT "courses_duration_ck" CHECK ("courses"."duration_days" between 1 and 365),
	CONSTRAINT "courses_pass_mark_ck" CHECK ("courses"."pass_mark" is null or "courses"."pass_mark" between 0 and 100),
	CONSTRAINT "courses_validity_ck" CHECK ("courses"."validity_months" is null or "courses"."validity_months" > 0)
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"waitlist_position" integer,
	"grade" smallint,
	"result_recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_session_officer_uq" UNIQUE("session_id","officer_id"),
	CONSTRAINT "enrolments_status_ck" CHECK ("enrolments"."status" in ('enrolled','waitlisted','withdrawn','attended','absent','passed','failed')),
	CONSTRAINT "enrolments_grade_ck" CHECK ("enrolments"."grade" is null or "enrolments"."grade" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_result_recorded_by_users_id_fk" FOREIGN KEY ("result_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_officer_idx" ON "certificates" USING btree ("officer_id","course_id");--> statement-breakpoint
CREATE INDEX "course_sessions_course_idx" ON "course_sessions" USING btree ("course_id","starts_on");--> statement-breakpoint
CREATE INDEX "enrolments_officer_idx" ON "enrolments" USING btree ("officer_id");