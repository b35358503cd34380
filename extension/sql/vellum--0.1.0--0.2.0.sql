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
