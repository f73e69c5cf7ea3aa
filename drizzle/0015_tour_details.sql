CREATE TABLE "deployment_debriefs" (
	"deployment_id" uuid PRIMARY KEY NOT NULL,
	"held_on" date NOT NULL,
	"notes" text NOT NULL,
	"follow_up" text,
	"recorded_by" uuid,
	"recorded_by_role" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"previous_end" date NOT NULL,
	"new_end" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid,
	"requested_by_role" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_by_role" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "deployment_extensions_status_ck" CHECK ("deployment_extensions"."status" in ('requested','approved','declined')),
	CONSTRAINT "deployment_extensions_later_ck" CHECK ("deployment_extensions"."new_end" > "deployment_extensions"."previous_end")
);
--> statement-breakpoint
DROP INDEX "tour_reports_deployment_idx";--> statement-breakpoint
ALTER TABLE "tour_reports" ADD COLUMN "welfare" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "predecessor_id" uuid;--> statement-breakpoint
ALTER TABLE "deployment_debriefs" ADD CONSTRAINT "deployment_debriefs_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_extensions" ADD CONSTRAINT "deployment_extensions_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_extensions_deployment_idx" ON "deployment_extensions" USING btree ("deployment_id","requested_at");--> statement-breakpoint
ALTER TABLE "tour_reports" ADD CONSTRAINT "tour_reports_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_reports" ADD CONSTRAINT "tour_reports_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_predecessor_id_deployments_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tour_reports_deployment_uq" ON "tour_reports" USING btree ("deployment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_predecessor_uq" ON "deployments" USING btree ("predecessor_id");