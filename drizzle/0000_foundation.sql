CREATE TABLE "audit_entries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text,
	"outcome" text NOT NULL,
	"changes" jsonb,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"type" text NOT NULL,
	"province" text,
	"agreement_status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_code_unique" UNIQUE("code"),
	CONSTRAINT "agencies_type_ck" CHECK ("agencies"."type" in ('federal','provincial','municipal','first_nations','regional')),
	CONSTRAINT "agencies_agreement_ck" CHECK ("agencies"."agreement_status" in ('active','inactive','pending'))
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"code" text PRIMARY KEY NOT NULL,
	"iso3" text,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"dissolved_on" date
);
--> statement-breakpoint
CREATE TABLE "mission_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"latitude" text,
	"longitude" text
);
--> statement-breakpoint
CREATE TABLE "mission_roles" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	CONSTRAINT "mission_roles_kind_ck" CHECK ("mission_roles"."kind" in ('role','specialised_team'))
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"acronym" text NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"organization_code" text NOT NULL,
	"host_country_code" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" text NOT NULL,
	"working_language" text NOT NULL,
	"risk_level" text DEFAULT 'moderate' NOT NULL,
	"armed" boolean DEFAULT false NOT NULL,
	"headquarters" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "missions_code_unique" UNIQUE("code"),
	CONSTRAINT "missions_status_ck" CHECK ("missions"."status" in ('planned','active','suspended','closed')),
	CONSTRAINT "missions_language_ck" CHECK ("missions"."working_language" in ('en','fr')),
	CONSTRAINT "missions_risk_ck" CHECK ("missions"."risk_level" in ('low','moderate','high','extreme')),
	CONSTRAINT "missions_dates_ck" CHECK ("missions"."end_date" is null or "missions"."end_date" >= "missions"."start_date")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "organizations_kind_ck" CHECK ("organizations"."kind" in ('un','eu','osce','regional','bilateral','other'))
);
--> statement-breakpoint
CREATE TABLE "post_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"partner" text,
	"agency_id" uuid,
	"mission_id" uuid,
	"locale" text DEFAULT 'en' NOT NULL,
	"disabled_at" timestamp with time zone,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_ck" CHECK ("users"."role" in ('program_admin','program_officer','decision_partner','agency_coordinator','officer','contingent_commander','auditor')),
	CONSTRAINT "users_partner_scope_ck" CHECK (("users"."role" = 'decision_partner') = ("users"."partner" is not null)),
	CONSTRAINT "users_agency_scope_ck" CHECK ("users"."role" <> 'agency_coordinator' or "users"."agency_id" is not null),
	CONSTRAINT "users_mission_scope_ck" CHECK (("users"."role" = 'contingent_commander') = ("users"."mission_id" is not null)),
	CONSTRAINT "users_locale_ck" CHECK ("users"."locale" in ('en','fr'))
);
--> statement-breakpoint
ALTER TABLE "mission_locations" ADD CONSTRAINT "mission_locations_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_organization_code_organizations_code_fk" FOREIGN KEY ("organization_code") REFERENCES "public"."organizations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_host_country_code_countries_code_fk" FOREIGN KEY ("host_country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_record_idx" ON "audit_entries" USING btree ("record_type","record_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_entries" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree (lower("email"));