DROP INDEX "conversations_org_idx";--> statement-breakpoint
DROP INDEX "conversations_seeker_idx";--> statement-breakpoint
CREATE INDEX "conversations_org_idx" ON "conversations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "conversations_seeker_idx" ON "conversations" USING btree ("seeker_account_id");--> statement-breakpoint
-- Rows updated on every chat message (the conversation's sequence and read pointers) or every
-- hit (rate counters): room on each page for the new row versions, so updates stay HOT.
ALTER TABLE "conversations" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "rate_counters" SET (fillfactor = 50);
--> statement-breakpoint
-- The outbox trigger fired for every statement with an outbox INSERT, also when it inserted no
-- row (a chat message that notifies nobody). NOTIFY serializes commits (PostgreSQL takes one
-- database-wide lock from the NOTIFY's commit until the commit is flushed), so every chat message
-- waited for the previous one's WAL flush. Now only statements that add events notify.
CREATE OR REPLACE FUNCTION "hirehall_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted) THEN
    PERFORM pg_notify('hirehall_outbox', '');
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER "outbox_events_notify" ON "outbox_events";--> statement-breakpoint
CREATE TRIGGER "outbox_events_notify" AFTER INSERT ON "outbox_events" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "hirehall_outbox_notify"();
