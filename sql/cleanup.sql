-- vellum.cleanup(auto_save_days 90, keep_auto_saves 10, operation_days 30,
-- trash_days 30): the seeds' retention. Auto-saves older than 90 days go but
-- each file keeps its 10 newest; named versions stay; files in the trash for
-- over 30 days are purged; ops older than 30 days are folded into the file's
-- baseline (vellum.compact_operations), so rebuild keeps working and catch-up
-- from before the baseline fails with a clear error. Rows are aged by
-- moving their timestamps back.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0012-000000000001
\set file 00000000-0000-0000-0012-0000000000f1
\set old_trash 00000000-0000-0000-0012-0000000000f2
\set recent_trash 00000000-0000-0000-0012-0000000000f3
\set few 00000000-0000-0000-0012-0000000000f4
\set missing 00000000-0000-0000-0012-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES
    (:'file', 'Kept', :'owner'), (:'old_trash', 'Long in the trash', :'owner'),
    (:'recent_trash', 'Just trashed', :'owner'), (:'few', 'Few versions', :'owner');

CREATE FUNCTION pg_temp.op(key text, object_id text, x int, t bigint) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_array(jsonb_build_object('id', key, 'operationType', 'update', 'objectId', object_id,
        'propertyPath', 'x', 'newValue', x, 'timestamp', t, 'clientId', 'a'))
$$;
CREATE FUNCTION pg_temp.create_op(object_id text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_array(jsonb_build_object('id', 'create-' || object_id, 'operationType', 'create',
        'objectId', object_id, 'newValue', jsonb_build_object('type', 'rectangle'), 'timestamp', 1000, 'clientId', 'a'))
$$;

-- The kept file: six ops, the first four of them old.
SELECT vellum.apply_ops(:'file', pg_temp.create_op('r1')) -> 0 ->> 'status';
SELECT vellum.apply_ops(:'file', pg_temp.op('u2', 'r1', 2, 1002)) -> 0 ->> 'status';
SELECT vellum.apply_ops(:'file', pg_temp.op('u3', 'r1', 3, 1003)) -> 0 ->> 'status';
SELECT vellum.apply_ops(:'file', pg_temp.create_op('r2')) -> 0 ->> 'status';
SELECT vellum.apply_ops(:'file', pg_temp.op('u5', 'r1', 5, 1005)) -> 0 ->> 'status';
SELECT vellum.apply_ops(:'file', pg_temp.op('u6', 'r2', 6, 1006)) -> 0 ->> 'status';
UPDATE vellum.operations SET created_at = now() - interval '40 days' WHERE file_id = :'file' AND seq <= 4;
CREATE TEMP TABLE at_seq_4 AS SELECT vellum.rebuild(:'file', 4) AS doc;
-- Versions 1 to 13 auto-saves, 14 named. Version 3 is 80 days old, the
-- named one 200 days, every other one 100 days.
SELECT max((vellum.snapshot(:'file')).version_number) AS auto_saves FROM generate_series(1, 13);
SELECT version_number, is_auto_save FROM vellum.snapshot(:'file', 'Milestone');
UPDATE vellum.file_versions SET created_at = now() - interval '100 days' WHERE file_id = :'file';
UPDATE vellum.file_versions SET created_at = now() - interval '80 days' WHERE file_id = :'file' AND version_number = 3;
UPDATE vellum.file_versions SET created_at = now() - interval '200 days' WHERE file_id = :'file' AND version_number = 14;

-- Five old auto-saves of another file: fewer than ten, all kept.
SELECT max((vellum.snapshot(:'few')).version_number) AS auto_saves FROM generate_series(1, 5);
UPDATE vellum.file_versions SET created_at = now() - interval '400 days' WHERE file_id = :'few';

-- In the trash for 31 days, with versions, comments and ops: purged. In the
-- trash for 29 days, with old ops: kept, and its ops are left alone.
SELECT vellum.apply_ops(:'old_trash', pg_temp.create_op('t1')) -> 0 ->> 'status';
SELECT version_number FROM vellum.snapshot(:'old_trash');
INSERT INTO vellum.comments (file_id, content) VALUES (:'old_trash', 'Old');
SELECT vellum.apply_ops(:'recent_trash', pg_temp.create_op('t1')) -> 0 ->> 'status';
UPDATE vellum.operations SET created_at = now() - interval '40 days' WHERE file_id = :'recent_trash';
UPDATE vellum.files SET deleted_at = now() - interval '31 days' WHERE id = :'old_trash';
UPDATE vellum.files SET deleted_at = now() - interval '29 days' WHERE id = :'recent_trash';

-- Negative periods or counts are refused before anything is removed.
SELECT vellum.cleanup(auto_save_days => -1);
SELECT vellum.cleanup(keep_auto_saves => -1);
SELECT vellum.cleanup(operation_days => -1);
SELECT vellum.cleanup(trash_days => -1);
SELECT count(*) AS files FROM vellum.files WHERE id::text LIKE '00000000-0000-0000-0012-%';

-- Sign-in sessions: one expired, one still valid.
INSERT INTO vellum.sessions (token_hash, user_id, expires_at) VALUES
  (sha256('expired'), :'owner', now() - interval '1 minute'),
  (sha256('valid'), :'owner', now() + interval '1 day');

-- The run, and what it says it did.
SELECT vellum.cleanup();

-- Only the expired session is gone.
SELECT encode(token_hash, 'hex') = encode(sha256('valid'), 'hex') AS kept FROM vellum.sessions WHERE user_id = :'owner';

-- Files: the one 31 days in the trash is gone with everything it had.
SELECT name, deleted_at IS NOT NULL AS in_trash FROM vellum.files WHERE id::text LIKE '00000000-0000-0000-0012-%' ORDER BY name;
SELECT (SELECT count(*) FROM vellum.file_versions WHERE file_id = :'old_trash') AS versions,
       (SELECT count(*) FROM vellum.comments WHERE file_id = :'old_trash') AS comments,
       (SELECT count(*) FROM vellum.operations WHERE file_id = :'old_trash') AS operations,
       (SELECT count(*) FROM vellum.objects WHERE file_id = :'old_trash') AS objects;
-- Versions: 1 and 2 went (old, and not among the ten newest auto-saves);
-- 3 is not 90 days old; 4 to 13 are the ten newest; 14 is named.
SELECT version_number, is_auto_save, (now() - created_at) > interval '90 days' AS over_90_days
FROM vellum.file_versions WHERE file_id = :'file' ORDER BY version_number;
SELECT count(*) AS few_versions FROM vellum.file_versions WHERE file_id = :'few';
-- Operations: seqs 1 to 4 were folded into a baseline at seq 4; the file in
-- the trash kept its old op.
SELECT seq FROM vellum.operations WHERE file_id = :'file' ORDER BY seq;
SELECT seq, objects FROM vellum.file_baselines WHERE file_id = :'file';
SELECT count(*) AS recent_trash_ops FROM vellum.operations WHERE file_id = :'recent_trash';
SELECT count(*) AS recent_trash_baselines FROM vellum.file_baselines WHERE file_id = :'recent_trash';

-- rebuild still equals document(), and can still give the state at the
-- baseline; before it, it says why it cannot.
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS rebuild_matches;
SELECT vellum.rebuild(:'file', 4) = doc AS at_baseline FROM at_seq_4;
SELECT vellum.rebuild(:'file', 3);
-- Catch-up from the baseline on works; from before it fails, saying so.
SELECT seq, object_id, new_value FROM vellum.changes_since(:'file', 4);
SELECT * FROM vellum.changes_since(:'file', 3);
SELECT * FROM vellum.changes_since(:'file', 0);

-- The file keeps accepting ops, which replay from the baseline.
SELECT vellum.apply_ops(:'file', pg_temp.op('u7', 'r2', 7, 1007)) -> 0 ->> 'seq' AS seq;
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS rebuild_matches;
SELECT vellum.document(:'file');

-- A second run finds nothing more to do.
SELECT vellum.cleanup();

-- Shorter windows are honoured: everything older than 0 days (all of the
-- kept file's ops and auto-saves but the newest one).
SELECT vellum.cleanup(auto_save_days => 0, keep_auto_saves => 1, operation_days => 0, trash_days => 0);
SELECT name FROM vellum.files WHERE id::text LIKE '00000000-0000-0000-0012-%' ORDER BY name;
SELECT version_number, is_auto_save FROM vellum.file_versions WHERE file_id = :'file' ORDER BY version_number;
SELECT seq FROM vellum.file_baselines WHERE file_id = :'file';
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS rebuild_matches;
SELECT count(*) FROM vellum.changes_since(:'file', 7);

-- compact_operations directly: up to the baseline it has nothing to do; past
-- the last seq, a NULL seq, an unknown file or a file in the trash are errors.
SELECT vellum.compact_operations(:'file', 7);
SELECT vellum.compact_operations(:'file', 2);
SELECT vellum.compact_operations(:'file', 8);
SELECT vellum.compact_operations(:'file', NULL);
SELECT vellum.compact_operations(NULL, 1);
SELECT vellum.compact_operations(:'missing', 1);
UPDATE vellum.files SET deleted_at = now() WHERE id = :'few';
SELECT vellum.compact_operations(:'few', 0);

-- Clean up.
DROP TABLE at_seq_4;
DELETE FROM vellum.files WHERE id::text LIKE '00000000-0000-0000-0012-%';
DELETE FROM vellum.users WHERE id = :'owner';
