CREATE TABLE "un_contribution_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "un_contribution_imports_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"imported_by" uuid,
	"imported_by_role" text,
	"imported_at" timestamp with time zone NOT NULL,
	"rows" integer NOT NULL,
	"months" date[] NOT NULL,
	"status" text DEFAULT 'imported' NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "un_contribution_imports_status_ck" CHECK ("un_contribution_imports"."status" in ('imported','partly_superseded','superseded'))
);
--> statement-breakpoint
CREATE TABLE "un_contributions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "un_contributions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"month" date NOT NULL,
	"contributor" text NOT NULL,
	"contributor_iso3" text NOT NULL,
	"mission" text NOT NULL,
	"mission_raw" text NOT NULL,
	"aggregate" boolean NOT NULL,
	"police_male" integer,
	"police_female" integer,
	"police_total" integer,
	"fpu_male" integer,
	"fpu_female" integer,
	"fpu_total" integer,
	"experts_male" integer,
	"experts_female" integer,
	"experts_total" integer,
	"troops_male" integer,
	"troops_female" integer,
	"troops_total" integer,
	"total_male" integer,
	"total_female" integer,
	"total_total" integer,
	CONSTRAINT "un_contributions_aggregate_ck" CHECK ("un_contributions"."aggregate" = ("un_contributions"."contributor" = 'all' or "un_contributions"."mission" = 'all'))
);
--> statement-breakpoint
ALTER TABLE "un_contribution_imports" ADD CONSTRAINT "un_contribution_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "un_contributions" ADD CONSTRAINT "un_contributions_import_id_un_contribution_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."un_contribution_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "un_contribution_imports_seq_idx" ON "un_contribution_imports" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "un_contributions_month_idx" ON "un_contributions" USING btree ("month");--> statement-breakpoint
CREATE INDEX "un_contributions_contributor_idx" ON "un_contributions" USING btree ("contributor_iso3","month");--> statement-breakpoint
CREATE INDEX "un_contributions_mission_idx" ON "un_contributions" USING btree ("mission","month");--> statement-breakpoint
CREATE INDEX "un_contributions_import_idx" ON "un_contributions" USING btree ("import_id");