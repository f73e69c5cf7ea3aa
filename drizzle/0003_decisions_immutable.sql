-- A final decision is a permanent record: the database refuses to change or delete it. A later
-- change of mind is a new decision that supersedes it (decisions.supersedes_id).
CREATE OR REPLACE FUNCTION decisions_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'decisions are immutable (% refused): record a new decision that supersedes it', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER decisions_no_change BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION decisions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION decisions_refuse_change();
--> statement-breakpoint
ALTER TABLE decisions ADD CONSTRAINT decisions_supersedes_fk FOREIGN KEY (supersedes_id) REFERENCES decisions(id);
