CREATE TABLE "file_blobs" (
	"key" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resume_access_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "resume_access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"seeker_account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"actor_account_id" uuid,
	"kind" text NOT NULL,
	"attachment_id" uuid,
	"application_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resume_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resumes" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"content" jsonb NOT NULL,
	"education_level" text,
	"political_status" text,
	"facts_confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_shares" (
	"token" text PRIMARY KEY NOT NULL,
	"card_id" uuid NOT NULL,
	"show_contact" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "card_views" (
	"organization_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"view_count" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_reveals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"actor_account_id" uuid,
	"points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'private' NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"birth_date" text,
	"city" text DEFAULT '' NOT NULL,
	"education_level" text,
	"certification_domains" text[] DEFAULT '{}' NOT NULL,
	"position_level" text DEFAULT '' NOT NULL,
	"intention" text DEFAULT '' NOT NULL,
	"phone" text,
	"email" text,
	"pushed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seeker_account_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"fair_id" uuid,
	"attachment_id" uuid,
	"status" text DEFAULT 'submitted' NOT NULL,
	"mark" text,
	"resume_snapshot" jsonb NOT NULL,
	"consent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "resume_access_log" ADD CONSTRAINT "resume_access_log_seeker_account_id_accounts_id_fk" FOREIGN KEY ("seeker_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resume_access_log" ADD CONSTRAINT "resume_access_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resume_access_log" ADD CONSTRAINT "resume_access_log_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resume_access_log" ADD CONSTRAINT "resume_access_log_attachment_id_resume_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."resume_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resume_attachments" ADD CONSTRAINT "resume_attachments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resume_attachments" ADD CONSTRAINT "resume_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resumes" ADD CONSTRAINT "resumes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_shares" ADD CONSTRAINT "card_shares_card_id_talent_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."talent_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_views" ADD CONSTRAINT "card_views_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_views" ADD CONSTRAINT "card_views_card_id_talent_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."talent_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reveals" ADD CONSTRAINT "contact_reveals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reveals" ADD CONSTRAINT "contact_reveals_card_id_talent_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."talent_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_reveals" ADD CONSTRAINT "contact_reveals_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_cards" ADD CONSTRAINT "talent_cards_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_seeker_account_id_accounts_id_fk" FOREIGN KEY ("seeker_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_job_id_job_postings_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."job_postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_attachment_id_resume_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."resume_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resume_access_log_seeker_idx" ON "resume_access_log" USING btree ("seeker_account_id","created_at");--> statement-breakpoint
CREATE INDEX "resume_attachments_account_idx" ON "resume_attachments" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "card_views_org_card_key" ON "card_views" USING btree ("organization_id","card_id");--> statement-breakpoint
CREATE INDEX "card_views_org_last_idx" ON "card_views" USING btree ("organization_id","last_viewed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reveals_org_card_key" ON "contact_reveals" USING btree ("organization_id","card_id");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_cards_account_key" ON "talent_cards" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "talent_cards_pool_idx" ON "talent_cards" USING btree ("city","position_level") WHERE "talent_cards"."status" = 'pooled';--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_current_per_job_key" ON "applications" USING btree ("seeker_account_id","job_id") WHERE "applications"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "applications_seeker_idx" ON "applications" USING btree ("seeker_account_id","status");--> statement-breakpoint
CREATE INDEX "applications_org_job_idx" ON "applications" USING btree ("organization_id","job_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_fair_idx" ON "applications" USING btree ("fair_id");