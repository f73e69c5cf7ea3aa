CREATE TABLE "mission_event_effects" (
	"event_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"accounted_at" timestamp with time zone,
	"accounted_by" uuid,
	"accounted_how" text,
	"note" text,
	CONSTRAINT "mission_event_effects_event_id_deployment_id_pk" PRIMARY KEY("event_id","deployment_id")
);
--> statement-breakpoint
CREATE TABLE "mission_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"destination" text,
	"instructions_en" text NOT NULL,
	"instructions_fr" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" uuid,
	"started_by_role" text,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"reverses_id" uuid,
	CONSTRAINT "mission_events_kind_ck" CHECK ("mission_events"."kind" in ('lockdown','evacuation','return_to_theatre','suspension')),
	CONSTRAINT "mission_events_destination_ck" CHECK (("mission_events"."kind" = 'evacuation') = ("mission_events"."destination" is not null)),
	CONSTRAINT "mission_events_ended_ck" CHECK ("mission_events"."ended_at" is null or "mission_events"."ended_at" >= "mission_events"."started_at")
);
--> statement-breakpoint
CREATE TABLE "check_in_alerts" (
	"deployment_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"step" text NOT NULL,
	"mission_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "check_in_alerts_deployment_id_due_at_step_pk" PRIMARY KEY("deployment_id","due_at","step"),
	CONSTRAINT "check_in_alerts_step_ck" CHECK ("check_in_alerts"."step" in ('reminder','commander','duty_officer','needs_support','urgent'))
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"mission_id" uuid NOT NULL,
	"status" text NOT NULL,
	"location" text,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_by_role" text,
	CONSTRAINT "check_ins_status_ck" CHECK ("check_ins"."status" in ('ok','needs_support','urgent'))
);
--> statement-breakpoint
ALTER TABLE "mission_event_effects" ADD CONSTRAINT "mission_event_effects_event_id_mission_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."mission_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_event_effects" ADD CONSTRAINT "mission_event_effects_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_events" ADD CONSTRAINT "mission_events_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_alerts" ADD CONSTRAINT "check_in_alerts_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_alerts" ADD CONSTRAINT "check_in_alerts_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mission_event_effects_deployment_idx" ON "mission_event_effects" USING btree ("deployment_id");--> statement-breakpoint
CREATE INDEX "mission_events_mission_idx" ON "mission_events" USING btree ("mission_id","started_at");--> statement-breakpoint
CREATE INDEX "check_in_alerts_mission_idx" ON "check_in_alerts" USING btree ("mission_id","resolved_at");--> statement-breakpoint
CREATE INDEX "check_ins_deployment_idx" ON "check_ins" USING btree ("deployment_id","at");