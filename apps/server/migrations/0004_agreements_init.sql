CREATE TABLE "agreement_counters" (
	"school_id" uuid NOT NULL,
	"graduation_year" integer NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agreement_counters_school_id_graduation_year_pk" PRIMARY KEY("school_id","graduation_year")
);
--> statement-breakpoint
CREATE TABLE "agreement_request_keys" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_request_keys_account_id_key_pk" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
CREATE TABLE "agreement_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"reviewer_account_id" uuid NOT NULL,
	"reviewer_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_terminations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"initiated_by" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"letter_file_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"response_reason" text,
	"responded_by" uuid,
	"consented_at" timestamp with time zone,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"graduation_year" integer NOT NULL,
	"graduate_record_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_status" text,
	"terms" jsonb NOT NULL,
	"confirmed_clauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"employer_snapshot" jsonb NOT NULL,
	"deadline_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"response_reason" text,
	"return_reason" text,
	"agreement_number" text,
	"verification_code" text,
	"content_sha256" text,
	"signed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_review_only_when_accepted" CHECK ("agreements"."review_status" is null or "agreements"."review_status" = 'returned' or "agreements"."status" in ('accepted', 'terminated'))
);
--> statement-breakpoint
CREATE TABLE "provincial_report_deliveries" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"agreement_id" uuid NOT NULL,
	"reported_status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_counters" ADD CONSTRAINT "agreement_counters_school_id_organizations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_request_keys" ADD CONSTRAINT "agreement_request_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_reviewer_account_id_accounts_id_fk" FOREIGN KEY ("reviewer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_terminations" ADD CONSTRAINT "agreement_terminations_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_terminations" ADD CONSTRAINT "agreement_terminations_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_terminations" ADD CONSTRAINT "agreement_terminations_letter_file_id_files_id_fk" FOREIGN KEY ("letter_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_terminations" ADD CONSTRAINT "agreement_terminations_responded_by_accounts_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_terminations" ADD CONSTRAINT "agreement_terminations_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_school_id_organizations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_graduate_record_id_graduate_records_id_fk" FOREIGN KEY ("graduate_record_id") REFERENCES "public"."graduate_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_employer_id_organizations_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provincial_report_deliveries" ADD CONSTRAINT "provincial_report_deliveries_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_reviews_agreement_idx" ON "agreement_reviews" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_terminations_one_open" ON "agreement_terminations" USING btree ("agreement_id") WHERE "agreement_terminations"."status" in ('requested', 'consented');--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_one_accepted_per_graduate" ON "agreements" USING btree ("graduate_record_id") WHERE "agreements"."status" = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_one_open_offer_per_pair" ON "agreements" USING btree ("employer_id","graduate_record_id") WHERE "agreements"."status" in ('draft', 'sent');--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_school_number_key" ON "agreements" USING btree ("school_id","agreement_number") WHERE "agreements"."agreement_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_verification_code_key" ON "agreements" USING btree ("verification_code") WHERE "agreements"."verification_code" is not null;--> statement-breakpoint
CREATE INDEX "agreements_employer_idx" ON "agreements" USING btree ("employer_id","school_id","graduation_year");--> statement-breakpoint
CREATE INDEX "agreements_school_idx" ON "agreements" USING btree ("school_id","graduation_year","status");--> statement-breakpoint
CREATE INDEX "agreements_deadline_idx" ON "agreements" USING btree ("deadline_at") WHERE "agreements"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "provincial_report_deliveries_agreement_idx" ON "provincial_report_deliveries" USING btree ("agreement_id");