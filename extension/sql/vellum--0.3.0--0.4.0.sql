-- Vellum 0.3.0 -> 0.4.0: versions keep the registers they were taken from, so
-- that rebuilding the document at any seq (time travel) starts from the
-- nearest version instead of the file's first op; and file and comment
-- changes are announced, so that file lists and comment threads update live.
\echo Use "ALTER EXTENSION vellum UPDATE" to load this file. \quit

-- The LWW registers and tombstone of every object of the file at the
-- version's seq, as vellum.file_baselines.objects keeps them
-- ({"<objectId>": {"registers", "tombstone"}}). vellum.rebuild(file, upto)
-- replays the log from the newest version at or before upto that has them.
-- NULL for versions taken before 0.4.0 and for versions taken within
-- vellum.checkpoint_every_ops ops of the previous one that has them.
ALTER TABLE vellum.file_versions ADD COLUMN registers jsonb;
ALTER TABLE vellum.file_versions ALTER COLUMN registers SET COMPRESSION lz4;
CREATE INDEX idx_file_versions_checkpoint ON vellum.file_versions (file_id, seq) WHERE registers IS NOT NULL;

-- As in 0.2.0, plus the registers: read in the same statement as the
-- document, so both are of the same MVCC snapshot (the same seq). Registers
-- are kept when the previous version that has them is at least
-- checkpoint_every_ops ops older (the setting vellum.checkpoint_every_ops,
-- 1,000 by default): a replay from a version then stays short without
-- doubling the size of every auto-save of a file edited a little.
CREATE OR REPLACE FUNCTION vellum.snapshot(file_id uuid, name text DEFAULT NULL, created_by uuid DEFAULT NULL)
RETURNS vellum.file_versions
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    doc jsonb;
    regs jsonb;
    next_number integer;
    version vellum.file_versions;
    every_ops bigint := coalesce(nullif(current_setting('vellum.checkpoint_every_ops', true), ''), '1000')::bigint;
    last_checkpoint bigint;
BEGIN
    IF $1 IS NULL THEN
        RAISE EXCEPTION 'file_id must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF $2 IS NOT NULL AND (length(btrim($2)) = 0 OR length($2) > 255) THEN
        RAISE EXCEPTION 'a version name must have 1 to 255 characters' USING ERRCODE = 'invalid_parameter_value',
            DETAIL = CASE WHEN length(btrim($2)) = 0 THEN 'The name given is blank.'
                          ELSE format('The name given has %s characters.', length($2)) END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM vellum.files f WHERE f.id = $1) THEN
        RAISE EXCEPTION 'file % does not exist', $1 USING ERRCODE = 'no_data_found';
    END IF;
    SELECT max(v.seq) INTO last_checkpoint
    FROM vellum.file_versions v WHERE v.file_id = $1 AND v.registers IS NOT NULL;
    SELECT d.doc,
           CASE WHEN (d.doc ->> 'seq')::bigint - coalesce(last_checkpoint, 0) >= every_ops THEN
               (SELECT coalesce(jsonb_object_agg(o.object_id, jsonb_build_object('registers', o.registers,
                                                                                'tombstone', o.tombstone)), '{}')
                FROM vellum.objects o WHERE o.file_id = $1)
           END
    INTO doc, regs
    FROM (SELECT vellum.document($1) AS doc) d;
    LOOP
        SELECT coalesce(max(v.version_number), 0) + 1 INTO next_number
        FROM vellum.file_versions v WHERE v.file_id = $1;
        BEGIN
            INSERT INTO vellum.file_versions (file_id, version_number, name, canvas_data, created_by, is_auto_save, seq,
                                              registers)
            VALUES ($1, next_number, $2, doc, $3, $2 IS NULL, (doc ->> 'seq')::bigint, regs)
            RETURNING * INTO version;
            EXIT;
        EXCEPTION WHEN unique_violation THEN
            NULL;  -- another snapshot of the file took that number first
        END;
    END LOOP;
    UPDATE vellum.files f SET canvas_data = doc
    WHERE f.id = (SELECT g.id FROM vellum.files g
                  WHERE g.id = $1 AND coalesce((g.canvas_data ->> 'seq')::bigint, -1) < (doc ->> 'seq')::bigint
                  FOR NO KEY UPDATE SKIP LOCKED);
    RETURN version;
END
$$;

-- Live lists -----------------------------------------------------------------

-- NOTIFY vellum_files {"fileId"} when a file is created, renamed, moved,
-- trashed, restored, deleted or gets a new thumbnail: gateways tell the file
-- browsers of the users who can see it to refresh. Edits (last_seq,
-- updated_at, canvas_data) are not announced here: vellum_changes does that.
CREATE FUNCTION vellum.notify_file_listed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vellum_files', jsonb_build_object('fileId', coalesce(NEW.id, OLD.id))::text);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION vellum.notify_file_listed() IS
    'NOTIFY vellum_files {"fileId"} when a file is created, renamed, moved, trashed, restored, deleted or gets a thumbnail.';

CREATE TRIGGER files_listed AFTER INSERT OR DELETE OR UPDATE OF name, project_id, team_id, owner_id, deleted_at,
                                                             thumbnail_url ON vellum.files
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_file_listed();

-- NOTIFY vellum_comments {"fileId", "commentId", "action"} (created, updated
-- or deleted) for every change to a comment, from the REST API or from SQL:
-- gateways tell the file's open editors. A thread deleted with its first
-- comment announces each reply too (ON DELETE CASCADE fires the trigger).
CREATE FUNCTION vellum.notify_comment_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r record := coalesce(NEW, OLD);
BEGIN
    PERFORM pg_notify('vellum_comments',
                      jsonb_build_object('fileId', r.file_id, 'commentId', r.id,
                                         'action', CASE TG_OP WHEN 'INSERT' THEN 'created'
                                                              WHEN 'UPDATE' THEN 'updated'
                                                              ELSE 'deleted' END)::text);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION vellum.notify_comment_change() IS
    'NOTIFY vellum_comments {"fileId", "commentId", "action"} when a comment is created, updated or deleted.';

CREATE TRIGGER comments_changed AFTER INSERT OR UPDATE OR DELETE ON vellum.comments
    FOR EACH ROW EXECUTE FUNCTION vellum.notify_comment_change();

-- Thumbnails ---------------------------------------------------------------

-- One small PNG per file, rendered by an editor after edits settle and shown
-- by the file browser; replaced, never accumulated (unlike vellum.images,
-- which a canvas may reference for ever). files.thumbnail_url names it with
-- its hash, so that a new thumbnail is a new address and the old one can be
-- cached for good.
CREATE TABLE vellum.file_thumbnails (
    file_id uuid PRIMARY KEY REFERENCES vellum.files (id) ON DELETE CASCADE,
    sha256 char(64) NOT NULL,
    bytes bytea NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT pg_catalog.pg_extension_config_dump('vellum.file_thumbnails', '');
