CREATE TABLE "ranks" (
	"code" text PRIMARY KEY NOT NULL,
	"ordinal" integer NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	CONSTRAINT "ranks_ordinal_unique" UNIQUE("ordinal")
);
--> statement-breakpoint
CREATE TABLE "request_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"post_count" integer NOT NULL,
	"post_type_code" text NOT NULL,
	"team_code" text,
	"location_id" uuid,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_rank_code" text,
	"min_years_service" integer,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"women_sought" boolean DEFAULT false NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "request_lines_no_uq" UNIQUE("request_id","line_no"),
	CONSTRAINT "request_lines_count_ck" CHECK ("request_lines"."post_count" between 1 and 500),
	CONSTRAINT "request_lines_years_ck" CHECK ("request_lines"."min_years_service" is null or "request_lines"."min_years_service" between 0 and 45)
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_code" text,
	"requesting_country_code" text,
	"mission_id" uuid NOT NULL,
	"note_reference" text NOT NULL,
	"received_on" date NOT NULL,
	"response_due" date NOT NULL,
	"start_date" date NOT NULL,
	"tour_months" integer NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"outcome" text,
	"withdrawn_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_number_unique" UNIQUE("number"),
	CONSTRAINT "requests_status_ck" CHECK ("requests"."status" in ('received','under_review','decided','withdrawn')),
	CONSTRAINT "requests_outcome_ck" CHECK ("requests"."outcome" is null or "requests"."outcome" in ('approved','approved_with_conditions','declined')),
	CONSTRAINT "requests_requester_ck" CHECK ("requests"."organization_code" is not null or "requests"."requesting_country_code" is not null),
	CONSTRAINT "requests_deadline_ck" CHECK ("requests"."response_due" >= "requests"."received_on"),
	CONSTRAINT "requests_tour_ck" CHECK ("requests"."tour_months" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"outcome" text NOT NULL,
	"ceiling" integer NOT NULL,
	"conditions" text,
	"funding_note" text,
	"decided_on" date NOT NULL,
	"rule" text NOT NULL,
	"positions" jsonb NOT NULL,
	"supersedes_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decisions_supersedes_id_unique" UNIQUE("supersedes_id"),
	CONSTRAINT "decisions_request_sequence_uq" UNIQUE("request_id","sequence"),
	CONSTRAINT "decisions_outcome_ck" CHECK ("decisions"."outcome" in ('approved','approved_with_conditions','declined')),
	CONSTRAINT "decisions_ceiling_ck" CHECK (("decisions"."outcome" = 'declined' and "decisions"."ceiling" = 0) or ("decisions"."outcome" <> 'declined' and "decisions"."ceiling" between 1 and 2000))
);
--> statement-breakpoint
CREATE TABLE "partner_positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"partner" text NOT NULL,
	"stance" text NOT NULL,
	"reasons" text NOT NULL,
	"conditions" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partner_positions_request_partner_uq" UNIQUE("request_id","partner"),
	CONSTRAINT "partner_positions_partner_ck" CHECK ("partner_positions"."partner" in ('GAC','PS','RCMP')),
	CONSTRAINT "partner_positions_stance_ck" CHECK ("partner_positions"."stance" in ('support','support_with_conditions','oppose'))
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"request_line_id" uuid,
	"post_type_code" text NOT NULL,
	"team_code" text,
	"location_id" uuid,
	"requirements" jsonb NOT NULL,
	"tour_start" date NOT NULL,
	"tour_end" date NOT NULL,
	"status" text DEFAULT 'vacant' NOT NULL,
	"succeeds_post_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posts_mission_seq_uq" UNIQUE("mission_id","seq"),
	CONSTRAINT "posts_status_ck" CHECK ("posts"."status" in ('vacant','filled','cancelled')),
	CONSTRAINT "posts_tour_ck" CHECK ("posts"."tour_end" > "posts"."tour_start")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"rating" text NOT NULL,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lessons_learned" text DEFAULT '' NOT NULL,
	"recommendations" text DEFAULT '' NOT NULL,
	"author_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_kind_ck" CHECK ("evaluations"."kind" in ('periodic','end_of_mission')),
	CONSTRAINT "evaluations_rating_ck" CHECK ("evaluations"."rating" in ('exceeded','met','partially_met','not_met')),
	CONSTRAINT "evaluations_period_ck" CHECK ("evaluations"."period_end" >= "evaluations"."period_start")
);
--> statement-breakpoint
CREATE TABLE "tour_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"deployment_id" uuid,
	"officer_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"achievements" text DEFAULT '' NOT NULL,
	"challenges" text DEFAULT '' NOT NULL,
	"lessons_learned" text DEFAULT '' NOT NULL,
	"recommendations" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tour_reports_status_ck" CHECK ("tour_reports"."status" in ('draft','submitted'))
);
--> statement-breakpoint
ALTER TABLE "missions" DROP CONSTRAINT "missions_status_ck";--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "authorized_strength" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "request_documents" ADD CONSTRAINT "request_documents_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_documents" ADD CONSTRAINT "request_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_lines" ADD CONSTRAINT "request_lines_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_lines" ADD CONSTRAINT "request_lines_post_type_code_post_types_code_fk" FOREIGN KEY ("post_type_code") REFERENCES "public"."post_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_lines" ADD CONSTRAINT "request_lines_team_code_mission_roles_code_fk" FOREIGN KEY ("team_code") REFERENCES "public"."mission_roles"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_lines" ADD CONSTRAINT "request_lines_location_id_mission_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."mission_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_lines" ADD CONSTRAINT "request_lines_min_rank_code_ranks_code_fk" FOREIGN KEY ("min_rank_code") REFERENCES "public"."ranks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_organization_code_organizations_code_fk" FOREIGN KEY ("organization_code") REFERENCES "public"."organizations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_requesting_country_code_countries_code_fk" FOREIGN KEY ("requesting_country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_positions" ADD CONSTRAINT "partner_positions_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_positions" ADD CONSTRAINT "partner_positions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_request_line_id_request_lines_id_fk" FOREIGN KEY ("request_line_id") REFERENCES "public"."request_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_post_type_code_post_types_code_fk" FOREIGN KEY ("post_type_code") REFERENCES "public"."post_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_team_code_mission_roles_code_fk" FOREIGN KEY ("team_code") REFERENCES "public"."mission_roles"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_location_id_mission_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."mission_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_succeeds_post_id_posts_id_fk" FOREIGN KEY ("succeeds_post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_reports" ADD CONSTRAINT "tour_reports_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_documents_request_idx" ON "request_documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "requests_mission_idx" ON "requests" USING btree ("mission_id");--> statement-breakpoint
CREATE INDEX "requests_status_due_idx" ON "requests" USING btree ("status","response_due");--> statement-breakpoint
CREATE INDEX "posts_mission_idx" ON "posts" USING btree ("mission_id","tour_start");--> statement-breakpoint
CREATE INDEX "posts_line_idx" ON "posts" USING btree ("request_line_id");--> statement-breakpoint
CREATE INDEX "evaluations_mission_idx" ON "evaluations" USING btree ("mission_id","period_end");--> statement-breakpoint
CREATE INDEX "tour_reports_deployment_idx" ON "tour_reports" USING btree ("deployment_id");--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_strength_ck" CHECK ("missions"."authorized_strength" >= 0);--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_status_ck" CHECK ("missions"."status" in ('planned','active','suspended','closing','closed'));