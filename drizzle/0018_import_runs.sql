CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"row_count" integer,
	"failure_code" text,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_runs_finished" CHECK (("import_runs"."status" = 'running') = ("import_runs"."finished_at" is null) and ("import_runs"."status" = 'failed') = ("import_runs"."failure_code" is not null))
);
--> statement-breakpoint
CREATE INDEX "import_runs_started_idx" ON "import_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "import_runs_running_idx" ON "import_runs" USING btree ("heartbeat_at") WHERE "import_runs"."status" = 'running';