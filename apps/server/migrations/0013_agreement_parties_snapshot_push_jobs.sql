CREATE TABLE "provincial_push_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"graduation_year" integer NOT NULL,
	"requested_by" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"already_delivered" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "parties_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "provincial_push_jobs" ADD CONSTRAINT "provincial_push_jobs_school_id_organizations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provincial_push_jobs" ADD CONSTRAINT "provincial_push_jobs_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "provincial_push_jobs_one_running" ON "provincial_push_jobs" USING btree ("school_id") WHERE "provincial_push_jobs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "provincial_push_jobs_school_idx" ON "provincial_push_jobs" USING btree ("school_id","created_at");