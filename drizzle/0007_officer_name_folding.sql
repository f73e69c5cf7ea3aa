-- Name search ignores case and accents: "gelinas" finds Gélinas, "oneil" does not but "o'neil"
-- finds O’Neil. fold_name is immutable (a fixed translate, no extension), so the prefix indexes
-- can be built on it; the query folds its words with the same function.
CREATE OR REPLACE FUNCTION fold_name(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN replace(replace(
    translate(lower(name), 'àâäáãåāçćčéèêëēėęíìîïīñńóòôöõøōúùûüūýÿšžł’', 'aaaaaaaccceeeeeeeiiiiinnooooooouuuuuyyszl'''),
    'œ', 'oe'), 'æ', 'ae');
--> statement-breakpoint
DROP INDEX IF EXISTS officers_family_name_prefix_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS officers_given_name_prefix_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS officers_family_name_folded_idx ON officers (fold_name(family_name) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS officers_given_name_folded_idx ON officers (fold_name(given_name) text_pattern_ops);
