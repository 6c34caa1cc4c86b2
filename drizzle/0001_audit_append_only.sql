-- The audit trail is append-only: UPDATE and DELETE are refused at the database.
CREATE OR REPLACE FUNCTION gongyi_refuse_change() RETURNS trigger AS $$
BEGIN
	RAISE EXCEPTION '% on % is not allowed: append-only table', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION gongyi_refuse_change();
