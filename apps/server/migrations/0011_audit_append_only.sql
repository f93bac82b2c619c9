CREATE TABLE "audit_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_id" bigint,
	"last_hash" text,
	"row_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "audit_head_one_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
-- The head starts from the rows already there (a database migrated before this change).
INSERT INTO "audit_head" ("id", "last_id", "last_hash", "row_count")
SELECT 1,
  (SELECT "id" FROM "audit_log" ORDER BY "id" DESC LIMIT 1),
  (SELECT "hash" FROM "audit_log" ORDER BY "id" DESC LIMIT 1),
  (SELECT count(*) FROM "audit_log");
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE FUNCTION audit_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "audit_head" SET "last_id" = NEW."id", "last_hash" = NEW."hash",
    "row_count" = "row_count" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_advance_head AFTER INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_head_advance();
--> statement-breakpoint
-- The head changes only from audit_head_advance (trigger depth 2); a direct UPDATE, DELETE or
-- TRUNCATE is refused.
CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_head changes only with an audit_log insert: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_head_guard_rows BEFORE UPDATE OR DELETE ON "audit_head"
  FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_head_guard_truncate BEFORE TRUNCATE ON "audit_head"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard();
