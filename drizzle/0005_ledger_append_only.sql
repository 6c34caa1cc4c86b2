-- The ballot ledger and its checkpoints are append-only: UPDATE and DELETE are refused.
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
	FOR EACH ROW EXECUTE FUNCTION gongyi_refuse_change();
--> statement-breakpoint
CREATE TRIGGER checkpoint_append_only BEFORE UPDATE OR DELETE ON checkpoint
	FOR EACH ROW EXECUTE FUNCTION gongyi_refuse_change();
