-- Vellum 0.1.0 -> 0.2.0: many files' ops in one transaction, and an access
-- check that is planned once per session. (A fresh CREATE EXTENSION vellum
-- installs 0.1.0 and then this script.)
\echo Use "ALTER EXTENSION vellum UPDATE" to load this file. \quit

-- The same rules and results as 0.1.0's LANGUAGE sql function, which
-- PostgreSQL planned again on every call (about 1.4 ms, most of a one-op
-- apply_ops call): in C, the query apply_ops checks edits with, prepared once
-- per session.
CREATE OR REPLACE FUNCTION vellum.file_access(file_id uuid, user_id uuid) RETURNS text
AS 'MODULE_PATHNAME', 'vellum_file_access'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION vellum.apply_ops_files(files jsonb) RETURNS jsonb
AS 'MODULE_PATHNAME', 'vellum_apply_ops_files'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION vellum.apply_ops_files(jsonb) IS
    'Many files'' batches in one transaction (one commit): files is [{"fileId", "batches": [{"userId", "ops"}]}], the result one {"fileId", "results"} (as apply_ops_batch returns) or {"fileId", "error": {"sqlstate", "message", "detail"}} per file, in the order given. Files are locked in id order; each keeps its own seq range and NOTIFY, and an error in one (trashed, unknown, bad input) rolls back that file only.';

-- No query reads the log by "timestamp" alone (catch-up goes by (file_id,
-- seq), retention by created_at, the newest stamp of a file by (file_id,
-- "timestamp")): one index fewer to write per op.
DROP INDEX vellum.idx_operations_timestamp;

-- The document as JSON text, written straight from the registers: what the
-- gateway sends a client that opens a file (vellum.document()::text builds a
-- jsonb and then prints it; for 100,000 objects this takes 375 ms, that 610).
CREATE FUNCTION vellum.document_text(file_id uuid) RETURNS text
AS 'MODULE_PATHNAME', 'vellum_document_text'
LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION vellum.document_text(uuid) IS
    'vellum.document(file_id) as JSON text, written directly: the same fileId, seq and objects (equal as jsonb).';

-- A snapshot no longer holds edits of its file back (0.1.0 took the file's
-- row lock first, so an auto-save of a 100,000-object file held every edit of
-- that file back for most of a second). The document is read in the
-- statement's MVCC snapshot: an ingestion in flight is in it whole or not at
-- all, and its seq is the seq of the ops it holds. Versions are numbered by
-- the unique (file_id, version_number): a snapshot that loses the race for a
-- number counts again. files.canvas_data is moved forward (never back) when
-- the file's row is free; while an ingestion holds it, the next snapshot
-- moves it instead. No lock is waited for that an ingestion holds, so the two
-- never deadlock.
CREATE OR REPLACE FUNCTION vellum.snapshot(file_id uuid, name text DEFAULT NULL, created_by uuid DEFAULT NULL)
RETURNS vellum.file_versions
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    doc jsonb;
    next_number integer;
    version vellum.file_versions;
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
    doc := vellum.document($1);
    LOOP
        SELECT coalesce(max(v.version_number), 0) + 1 INTO next_number
        FROM vellum.file_versions v WHERE v.file_id = $1;
        BEGIN
            INSERT INTO vellum.file_versions (file_id, version_number, name, canvas_data, created_by, is_auto_save, seq)
            VALUES ($1, next_number, $2, doc, $3, $2 IS NULL, (doc ->> 'seq')::bigint)
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

-- Periodic jobs (the maintenance worker runs them when the library is in
-- shared_preload_libraries; otherwise pg_cron can, see README) --------------

-- Files edited since their newest version (named or auto), not in the trash:
-- what an auto-save round saves. A file nobody changed gets no new version.
CREATE VIEW vellum.files_to_auto_save AS
SELECT f.id AS file_id, f.last_seq
FROM vellum.files f
WHERE f.deleted_at IS NULL
  AND f.last_seq > coalesce((SELECT max(v.seq) FROM vellum.file_versions v WHERE v.file_id = f.id), 0);
COMMENT ON VIEW vellum.files_to_auto_save IS
    'Files changed since their newest version and not in the trash: the next auto-save round.';

-- One auto-save round: a version of every file in files_to_auto_save, each
-- in a transaction of its own (a file's row is locked only while its own
-- version is written). For pg_cron: CALL vellum.auto_save().
CREATE PROCEDURE vellum.auto_save()
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    saved integer := 0;
BEGIN
    FOR r IN SELECT file_id FROM vellum.files_to_auto_save ORDER BY file_id LOOP
        PERFORM vellum.snapshot(r.file_id);
        COMMIT;
        saved := saved + 1;
    END LOOP;
    RAISE LOG 'vellum: auto-saved % file(s)', saved;
END
$$;
COMMENT ON PROCEDURE vellum.auto_save() IS
    'Saves an auto version of every file changed since its newest version (vellum.files_to_auto_save), one transaction per file.';
