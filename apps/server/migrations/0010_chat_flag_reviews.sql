CREATE TABLE "chat_flag_reviews" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"suspended_organization" boolean DEFAULT false NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_flag_reviews" ADD CONSTRAINT "chat_flag_reviews_message_id_chat_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_flag_reviews" ADD CONSTRAINT "chat_flag_reviews_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;