-- TRUNCATE bypasses row triggers: refuse it on the append-only tables too (statement triggers).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION gongyi_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
	FOR EACH STATEMENT EXECUTE FUNCTION gongyi_refuse_change();
--> statement-breakpoint
CREATE TRIGGER checkpoint_no_truncate BEFORE TRUNCATE ON checkpoint
	FOR EACH STATEMENT EXECUTE FUNCTION gongyi_refuse_change();
