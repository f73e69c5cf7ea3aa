CREATE TABLE "deployment_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "deployment_moves_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"deployment_id" uuid NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"actor_role" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "location" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "actual_start" date;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "actual_end" date;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "mode" text;--> statement-breakpoint
ALTER TABLE "deployment_moves" ADD CONSTRAINT "deployment_moves_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_moves_deployment_idx" ON "deployment_moves" USING btree ("deployment_id","seq");--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_actual_dates_ck" CHECK ("deployments"."actual_end" is null or ("deployments"."actual_start" is not null and "deployments"."actual_end" >= "deployments"."actual_start"));--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_mode_ck" CHECK ("deployments"."mode" is null or "deployments"."mode" in ('in_theatre','remote','virtual'));--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
-- No officer is ever in two overlapping deployments (the days from arrival, or the planned start,
-- to the return, or the planned end, both included); a withdrawn deployment holds no days.
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_no_overlap" EXCLUDE USING gist (
  "officer_id" WITH =,
  daterange(coalesce("actual_start", "planned_start"), coalesce("actual_end", "planned_end"), '[]') WITH &&
) WHERE ("state" <> 'withdrawn');
