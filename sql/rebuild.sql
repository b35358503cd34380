-- vellum.rebuild(file_id, upto_seq): the document replayed from the
-- operations log; equal to document() for NULL, and to the document as it
-- was after seq upto_seq for every intermediate seq.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0009-000000000001
\set file 00000000-0000-0000-0009-0000000000f1
\set empty 00000000-0000-0000-0009-0000000000f2
\set missing 00000000-0000-0000-0009-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'file', 'Rebuild', :'owner'), (:'empty', 'Empty', :'owner');

-- Apply ops one call at a time and keep the live document after each.
CREATE TEMP TABLE history (seq bigint PRIMARY KEY, doc jsonb);
CREATE FUNCTION pg_temp.step(ops jsonb) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result jsonb := vellum.apply_ops('00000000-0000-0000-0009-0000000000f1', ops);
    doc jsonb := vellum.document('00000000-0000-0000-0009-0000000000f1');
BEGIN
    INSERT INTO history VALUES ((doc ->> 'seq')::bigint, doc) ON CONFLICT (seq) DO NOTHING;
    RETURN (SELECT string_agg(r ->> 'status', ', ') FROM jsonb_array_elements(result) r);
END
$$;

SELECT pg_temp.step('[{"id": "1", "operationType": "create", "objectId": "fr", "newValue": {"type": "frame", "name": "Frame", "width": 400}, "timestamp": 1000, "clientId": "a"}]');
SELECT pg_temp.step('[{"id": "2", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle", "x": 1, "fill": "#111"}, "timestamp": 1001, "clientId": "a"},
                      {"id": "3", "operationType": "create", "objectId": "r2", "newValue": {"type": "ellipse", "parentId": "fr", "index": "a0"}, "timestamp": 1001, "clientId": "b"}]');
SELECT pg_temp.step('[{"id": "4", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 5, "timestamp": 1003, "clientId": "b"}]');
-- Late and conflicting writes: superseded and rejected ops are not logged,
-- a partly winning update is.
SELECT pg_temp.step('[{"id": "5", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 3, "timestamp": 1002, "clientId": "a"},
                      {"id": "6", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": "3", "timestamp": 1004, "clientId": "a"},
                      {"id": "7", "operationType": "update", "objectId": "r1", "newValue": {"x": 4, "y": 9}, "timestamp": 1002, "clientId": "c"}]');
SELECT pg_temp.step('[{"id": "8", "operationType": "move", "objectId": "r1", "newValue": {"parentId": "fr", "index": "a1"}, "timestamp": 1005, "clientId": "a"}]');
SELECT pg_temp.step('[{"id": "9", "operationType": "delete", "objectId": "r2", "timestamp": 1006, "clientId": "a"}]');
SELECT pg_temp.step('[{"id": "10", "operationType": "update", "objectId": "fr", "propertyPath": "width", "newValue": null, "timestamp": 1007, "clientId": "a"}]');
SELECT pg_temp.step('[{"id": "11", "operationType": "delete", "objectId": "fr", "timestamp": 1008, "clientId": "a"}]');
SELECT pg_temp.step('[{"id": "12", "operationType": "create", "objectId": "fr", "newValue": {"type": "frame", "name": "Frame again"}, "timestamp": 1009, "clientId": "a"}]');
SELECT pg_temp.step('[{"id": "13", "operationType": "create", "objectId": "r2", "newValue": {"type": "ellipse"}, "timestamp": 1010, "clientId": "b"},
                      {"id": "14", "operationType": "move", "objectId": "r2", "newValue": {"parentId": null, "index": "b0"}, "timestamp": 1011, "clientId": "b"}]');
-- Ops sent by INSERT are in the same log.
INSERT INTO vellum.operations (file_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', 'update', 'r2', 'opacity', '0.25', 1012, 'd');
INSERT INTO history SELECT (d ->> 'seq')::bigint, d FROM vellum.document(:'file') d;
SELECT seq, operation_type, object_id FROM vellum.changes_since(:'file', 0);

-- NULL (or no upto_seq) is the whole log: equal to document().
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS whole_log,
       vellum.rebuild(:'file', NULL) = vellum.document(:'file') AS null_upto;
SELECT vellum.rebuild(:'file');
-- Every intermediate seq gives the document as it was then.
SELECT h.seq, vellum.rebuild(:'file', h.seq) = h.doc AS same FROM history h ORDER BY h.seq;
SELECT vellum.rebuild(:'file', 0);
SELECT vellum.rebuild(:'file', 3);
SELECT vellum.rebuild(:'file', 8);
-- Rebuilding reads, it does not write.
SELECT last_seq, (SELECT count(*) FROM vellum.operations WHERE file_id = :'file') AS ops FROM vellum.files WHERE id = :'file';

-- A file with no ops.
SELECT vellum.rebuild(:'empty');
SELECT vellum.rebuild(:'empty', 0);

-- Out of range, unknown file, NULL file.
SELECT vellum.rebuild(:'file', -1);
SELECT vellum.rebuild(:'file', 14);
-- A file with no ops has no seq 1 to speak of: the detail must not claim it.
SELECT vellum.rebuild(:'empty', 1);
SELECT vellum.rebuild(:'missing');
SELECT vellum.rebuild(NULL);
SELECT vellum.rebuild(NULL, 1);

-- Versions keep their registers (when checkpoint_every_ops ops passed since
-- the last that did), and rebuild starts from the newest such version at or
-- before upto_seq: the same documents as a replay from op zero.
SET vellum.checkpoint_every_ops = 5;
SELECT seq, registers IS NOT NULL AS kept FROM vellum.snapshot(:'file');
SELECT seq, registers IS NOT NULL AS kept FROM vellum.snapshot(:'file');
SELECT h.seq, vellum.rebuild(:'file', h.seq) = h.doc AS same FROM history h ORDER BY h.seq;
-- That version is where the replay starts: with its registers emptied, the
-- objects that existed then are missing from rebuilds at its seq (13), not
-- from earlier ones, which replay from op zero.
UPDATE vellum.file_versions SET registers = '{}' WHERE file_id = :'file' AND registers IS NOT NULL;
SELECT jsonb_array_length(vellum.rebuild(:'file', 12) -> 'objects') AS objects_at_12,
       jsonb_array_length(vellum.rebuild(:'file', 13) -> 'objects') AS objects_at_13;
-- Malformed registers are an error naming where they came from.
UPDATE vellum.file_versions SET registers = '{"r1": {"registers": 7}}' WHERE file_id = :'file' AND registers IS NOT NULL;
SELECT vellum.rebuild(:'file');
DELETE FROM vellum.file_versions WHERE file_id = :'file';
RESET vellum.checkpoint_every_ops;

-- A log with a hole cannot be replayed, and rebuild says so instead of
-- returning a wrong document.
DELETE FROM vellum.operations WHERE file_id = :'file' AND seq = 4;
SELECT vellum.rebuild(:'file');
SELECT vellum.rebuild(:'file', 3) = (SELECT doc FROM history WHERE seq = 3) AS before_the_hole;

-- Clean up.
DROP TABLE history;
DELETE FROM vellum.files WHERE id IN (:'file', :'empty');
DELETE FROM vellum.users WHERE id = :'owner';
