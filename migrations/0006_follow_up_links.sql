-- 0006_follow_up_links: which activity each follow-up belongs to, sealed in the audit chain.
--
-- A follow-up's activity is written in its identity row (follow_ups.facilitation_id), and
-- identity rows carry no change_id: the audit chain seals only rows written by a change, so the
-- link was neither proven by `iku audit verify` nor carried in an export bundle, and the regency
-- could not compute IKU 2 from the rows it received. Here the link is a row of its own, written by
-- the change that creates the follow-up. Follow-ups recorded before this migration get theirs
-- from `iku migrate`, in one audited change right after the schema migrations (plain SQL cannot
-- seal the chain). The identity row stays the one the queries join on; the trigger keeps the two
-- the same.
CREATE TABLE follow_up_links (
    follow_up_id INTEGER PRIMARY KEY REFERENCES follow_ups(id),
    facilitation_id INTEGER NOT NULL REFERENCES facilitations(id),
    change_id INTEGER NOT NULL REFERENCES changes(id)
) STRICT;

CREATE TRIGGER follow_up_links_match_identity BEFORE INSERT ON follow_up_links
WHEN NEW.facilitation_id IS NOT (SELECT facilitation_id FROM follow_ups WHERE id = NEW.follow_up_id)
BEGIN SELECT RAISE(ABORT, 'follow_up_links must name the activity of the follow-up''s identity row'); END;
CREATE TRIGGER follow_up_links_no_update BEFORE UPDATE ON follow_up_links
BEGIN SELECT RAISE(ABORT, 'follow_up_links is append-only: record a correction or a void instead'); END;
CREATE TRIGGER follow_up_links_no_delete BEFORE DELETE ON follow_up_links
BEGIN SELECT RAISE(ABORT, 'follow_up_links is append-only: record a correction or a void instead'); END;
