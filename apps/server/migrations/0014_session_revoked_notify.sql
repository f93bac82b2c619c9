-- Open sockets end with their session: a revoked session or a disabled account NOTIFYs every
-- server process (after the commit), which disconnects its sockets of that session or account.
CREATE OR REPLACE FUNCTION "hirehall_session_revoked_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hirehall_sessions', 's:' || NEW.token_hash);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_revoked_notify" AFTER UPDATE OF "revoked_at" ON "sessions"
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION "hirehall_session_revoked_notify"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "hirehall_account_disabled_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hirehall_sessions', 'a:' || NEW.id::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "accounts_disabled_notify" AFTER UPDATE OF "status" ON "accounts"
  FOR EACH ROW WHEN (OLD.status = 'active' AND NEW.status <> 'active')
  EXECUTE FUNCTION "hirehall_account_disabled_notify"();
