-- Officer search by name is a prefix search ("trem" finds Tremblay), case-insensitive: these
-- indexes answer it without reading the whole register.
CREATE INDEX IF NOT EXISTS officers_family_name_prefix_idx ON officers (lower(family_name) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS officers_given_name_prefix_idx ON officers (lower(given_name) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS qualifications_kind_code_idx ON qualifications (kind, code, officer_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS officers_badge_number_idx ON officers (badge_number);
