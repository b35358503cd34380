-- INSERT INTO vellum.operations goes through apply_ops's path (the BEFORE
-- INSERT trigger): an applied row gets its seq and the server-observed old
-- value; a duplicate or superseded row is skipped with a NOTICE; a rejected
-- row raises an error. A row that comes with a seq is history being restored
-- (pg_dump data) and is kept as is when the seq is one the file has applied.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0006-000000000001
\set file 00000000-0000-0000-0006-0000000000f1
\set other 00000000-0000-0000-0006-0000000000f2
\set trashed 00000000-0000-0000-0006-0000000000f3
\set missing 00000000-0000-0000-0006-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'file', 'Inserts', :'owner'), (:'other', 'Other', :'owner');
INSERT INTO vellum.files (id, name, owner_id, deleted_at) VALUES (:'trashed', 'Trashed', :'owner', now());

-- The SQLSTATE and message of a statement's error, or 'ok'.
CREATE FUNCTION pg_temp.outcome(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- Applied: seq, old_value (and the key) are filled in by the server; the
-- old_value the client wrote is replaced by what the server saw.
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id, idempotency_key)
VALUES (:'file', 'create', 'r1', '{"type": "rectangle", "x": 1}', 1000, 'alice', 'k1')
RETURNING seq, operation_type, object_id, property_path, old_value, new_value, idempotency_key;
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, old_value, "timestamp", client_id, user_id)
VALUES (:'file', 'update', 'r1', 'x', '2', '"made up"', 1001, 'alice', :'owner')
RETURNING seq, property_path, old_value, new_value, idempotency_key, user_id = :'owner' AS by_owner;
-- Several rows in one statement apply in order.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, idempotency_key)
VALUES (:'file', 'create', 'f1', NULL, '{"type": "frame"}', 1002, 'bob', 'k3'),
       (:'file', 'move', 'r1', NULL, '{"parentId": "f1", "index": "a0"}', 1003, 'bob', 'k4'),
       (:'file', 'update', 'r1', NULL, '{"fill": "#00ff00", "x": 3}', 1004, 'bob', 'k5')
RETURNING seq, operation_type, object_id, old_value;
-- An INSERT ... SELECT works the same way.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
SELECT :'file', 'update', 'r1', 'width', to_jsonb(w), 1005 + w, 'carol' FROM generate_series(1, 3) AS w
RETURNING seq, new_value, old_value;
SELECT vellum.document(:'file');
SELECT last_seq FROM vellum.files WHERE id = :'file';

-- Duplicate key: skipped with a NOTICE naming the seq it was applied as.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, idempotency_key)
VALUES (:'file', 'update', 'r1', 'x', '100', 2000, 'alice', 'k1');
-- Superseded: skipped with a NOTICE.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', 'update', 'r1', 'x', '100', 10, 'alice');
-- A statement mixing applied and skipped rows inserts only the applied ones.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, idempotency_key)
VALUES (:'file', 'update', 'r1', 'y', '7', 3000, 'alice', 'k6'),
       (:'file', 'update', 'r1', 'y', '8', 3001, 'alice', 'k6'),
       (:'file', 'update', 'r1', 'y', '9', 1, 'alice', 'k7')
RETURNING seq, new_value;
SELECT last_seq FROM vellum.files WHERE id = :'file';

-- Rejected: the statement fails with the reason, and nothing of it stays.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', 'update', 'r1', 'x', '"ten"', 4000, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', 'update', 'nope', 'x', '1', 4000, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id)
VALUES (:'file', 'move', 'f1', '{"parentId": "r1", "index": "a0"}', 4000, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id)
VALUES (:'file', 'rename', 'r1', '"r2"', 4000, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp")
VALUES (:'file', 'create', 'r9', '{"type": "rectangle"}', 4000);
-- (An hour ahead of the clock; the figures in the message are masked.)
SELECT regexp_replace(pg_temp.outcome(format(
    'INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id) VALUES (%L, %L, %L, %L, %s, %L)',
    :'file', 'create', 'r9', '{"type": "rectangle"}', (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 3600000, 'alice')),
    '[0-9]+', 'N', 'g') AS too_far_ahead;
-- One bad row fails the whole statement, good rows included.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', 'update', 'r1', 'height', '5', 4000, 'alice'),
       (:'file', 'update', 'r1', 'height', '-5', 4001, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id)
VALUES (NULL, 'create', 'r9', '{"type": "rectangle"}', 4000, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id)
VALUES (:'missing', 'create', 'r9', '{"type": "rectangle"}', 4000, 'alice');
INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id)
VALUES (:'trashed', 'create', 'r9', '{"type": "rectangle"}', 4000, 'alice');
SELECT last_seq FROM vellum.files WHERE id = :'file';
SELECT count(*) AS logged FROM vellum.operations WHERE file_id = :'file';

-- Rows that carry a seq: beyond the file's last seq (or below 1) they are
-- refused, since vellum gives every applied op its seq.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, seq)
VALUES (:'file', 'update', 'r1', 'x', '50', 5000, 'alice', 11);
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, seq)
VALUES (:'file', 'update', 'r1', 'x', '50', 5000, 'alice', 0);
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, seq)
VALUES (:'other', 'create', 'r1', NULL, '{"type": "frame"}', 5000, 'alice', 1);
-- A seq that is already in the log is a duplicate row.
\set VERBOSITY terse
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id, seq)
VALUES (:'file', 'update', 'r1', 'x', '2', 1001, 'alice', 2);
\set VERBOSITY default
-- A row with a seq the file applied and whose log row is missing (as when a
-- dump is restored) is taken as history: stored verbatim, the document is
-- unchanged and last_seq does not move.
CREATE TEMP TABLE before AS SELECT vellum.document(:'file') AS doc;
CREATE TEMP TABLE removed AS SELECT * FROM vellum.operations WHERE file_id = :'file' AND seq = 2;
DELETE FROM vellum.operations WHERE file_id = :'file' AND seq = 2;
INSERT INTO vellum.operations (id, file_id, user_id, operation_type, object_id, property_path, old_value, new_value,
                               "timestamp", client_id, created_at, idempotency_key, seq)
SELECT id, file_id, user_id, operation_type, object_id, property_path, old_value, new_value,
       "timestamp", client_id, created_at, idempotency_key, seq FROM removed
RETURNING seq, operation_type, property_path, old_value, new_value;
SELECT vellum.document(:'file') = doc AS document_unchanged FROM before;
SELECT last_seq FROM vellum.files WHERE id = :'file';
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS rebuild_matches;
DROP TABLE before, removed;

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'other', :'trashed');
DELETE FROM vellum.users WHERE id = :'owner';
