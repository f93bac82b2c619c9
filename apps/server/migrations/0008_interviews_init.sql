CREATE TABLE "interview_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"status" text DEFAULT 'ringing' NOT NULL,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interview_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"seeker_account_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 30 NOT NULL,
	"mode" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"result" text,
	"result_notes" text,
	"seen_at" timestamp with time zone,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviews_duration_check" CHECK ("interviews"."duration_minutes" between 5 and 480)
);
--> statement-breakpoint
ALTER TABLE "interview_calls" ADD CONSTRAINT "interview_calls_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_calls" ADD CONSTRAINT "interview_calls_started_by_accounts_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_jobs" ADD CONSTRAINT "interview_jobs_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_seeker_account_id_accounts_id_fk" FOREIGN KEY ("seeker_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_invited_by_accounts_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interview_calls_interview_idx" ON "interview_calls" USING btree ("interview_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_calls_one_active_key" ON "interview_calls" USING btree ("interview_id") WHERE "interview_calls"."status" in ('ringing', 'connected');--> statement-breakpoint
CREATE INDEX "interview_jobs_due_idx" ON "interview_jobs" USING btree ("due_at") WHERE "interview_jobs"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "interviews_one_open_per_application_key" ON "interviews" USING btree ("application_id") WHERE "interviews"."status" in ('invited', 'attending', 'confirmed');--> statement-breakpoint
CREATE INDEX "interviews_org_starts_idx" ON "interviews" USING btree ("organization_id","starts_at");--> statement-breakpoint
CREATE INDEX "interviews_seeker_starts_idx" ON "interviews" USING btree ("seeker_account_id","starts_at");