-- vellum.restore_version(file_id, version_id, user_id): brings the live
-- objects back to a version by applying ops (so changes_since shows them,
-- listeners see them and a later restore can undo them): values, unset
-- properties, parents, deleted objects back, extra objects deleted.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0011-000000000001
\set editor 00000000-0000-0000-0011-000000000002
\set viewer 00000000-0000-0000-0011-000000000003
\set file 00000000-0000-0000-0011-0000000000f1
\set other 00000000-0000-0000-0011-0000000000f2
\set missing 00000000-0000-0000-0011-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES
    (:'owner', 'owner@example.com', 'Owner'), (:'editor', 'editor@example.com', 'Editor'),
    (:'viewer', 'viewer@example.com', 'Viewer');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'file', 'Restore', :'owner'), (:'other', 'Other', :'owner');
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
    (:'file', :'editor', 'edit'), (:'file', :'viewer', 'view');

-- The SQLSTATE and message of a statement's error, or 'ok'.
CREATE FUNCTION pg_temp.outcome(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
-- The live objects, one row each.
CREATE FUNCTION pg_temp.objects(f uuid) RETURNS TABLE (id text, object jsonb) LANGUAGE sql AS $$
    SELECT o ->> 'id', o - 'id' FROM jsonb_array_elements(vellum.document(f) -> 'objects') o
$$;

-- Version 1: the empty file.
SELECT id AS empty_version FROM vellum.snapshot(:'file', 'Empty') \gset

-- Version 2: frame A holds group B, which holds r1; group G holds r4;
-- e1 and t1 sit on the page.
SELECT jsonb_agg(DISTINCT r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "1", "operationType": "create", "objectId": "A", "newValue": {"type": "frame", "name": "A"}, "timestamp": 1000, "clientId": "a"},
  {"id": "2", "operationType": "create", "objectId": "B", "newValue": {"type": "group", "parentId": "A", "index": "a0"}, "timestamp": 1000, "clientId": "a"},
  {"id": "3", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle", "x": 1, "fill": "#111", "parentId": "B", "index": "a0"}, "timestamp": 1000, "clientId": "a"},
  {"id": "4", "operationType": "create", "objectId": "e1", "newValue": {"type": "ellipse", "opacity": 0.5}, "timestamp": 1000, "clientId": "a"},
  {"id": "5", "operationType": "create", "objectId": "t1", "newValue": {"type": "text", "text": "hi"}, "timestamp": 1000, "clientId": "a"},
  {"id": "6", "operationType": "create", "objectId": "G", "newValue": {"type": "group"}, "timestamp": 1000, "clientId": "a"},
  {"id": "7", "operationType": "create", "objectId": "r4", "newValue": {"type": "rectangle", "parentId": "G", "index": "a0"}, "timestamp": 1000, "clientId": "a"}
]')) r;
SELECT id AS v2, version_number, seq FROM vellum.snapshot(:'file', 'Layout') \gset
SELECT * FROM pg_temp.objects(:'file');

-- Then: r1 moves and gains a stroke; A and B swap (B on the page, A inside
-- B); e1 and G are deleted (G's r4 with it); r3 is new; t1's text changes.
SELECT jsonb_agg(DISTINCT r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "8", "operationType": "update", "objectId": "r1", "newValue": {"x": 50, "stroke": "#000"}, "timestamp": 2000, "clientId": "b"},
  {"id": "9", "operationType": "move", "objectId": "B", "newValue": {"parentId": null, "index": "a1"}, "timestamp": 2000, "clientId": "b"},
  {"id": "10", "operationType": "move", "objectId": "A", "newValue": {"parentId": "B", "index": "a1"}, "timestamp": 2001, "clientId": "b"},
  {"id": "11", "operationType": "delete", "objectId": "e1", "timestamp": 2000, "clientId": "b"},
  {"id": "12", "operationType": "delete", "objectId": "G", "timestamp": 2000, "clientId": "b"},
  {"id": "13", "operationType": "create", "objectId": "r3", "newValue": {"type": "rectangle", "width": 9}, "timestamp": 2000, "clientId": "b"},
  {"id": "14", "operationType": "update", "objectId": "t1", "propertyPath": "text", "newValue": "changed", "timestamp": 2000, "clientId": "b"}
]')) r;
SELECT id AS v3 FROM vellum.snapshot(:'file') \gset
SELECT * FROM pg_temp.objects(:'file');
SELECT last_seq AS before_restore FROM vellum.files WHERE id = :'file' \gset

-- Restore version 2 (as the editor): the summary, and the document is the
-- version's again.
SELECT vellum.restore_version(:'file', :'v2', :'editor') AS summary \gset
SELECT (:'summary'::jsonb) - 'versionId' AS summary, (:'summary'::jsonb) ->> 'versionId' = :'v2' AS right_version;
SELECT * FROM pg_temp.objects(:'file');
SELECT vellum.document(:'file') -> 'objects' = canvas_data -> 'objects' AS matches_version
FROM vellum.file_versions WHERE id = :'v2';
-- It was done with ops: catch-up shows them, by the editor, from the
-- restore client; the log replays to the same document.
SELECT seq, operation_type, object_id, property_path, new_value, client_id, user_id = :'editor' AS by_editor
FROM vellum.changes_since(:'file', :before_restore);
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS rebuild_matches;

-- Undo the restore by restoring version 3 (taken just before it).
SELECT vellum.restore_version(:'file', :'v3') - 'versionId' AS summary;
SELECT vellum.document(:'file') -> 'objects' = canvas_data -> 'objects' AS matches_version
FROM vellum.file_versions WHERE id = :'v3';
-- Back to version 2, then again: the second time there is nothing to do.
SELECT vellum.restore_version(:'file', :'v2') ->> 'applied' AS applied;
SELECT vellum.restore_version(:'file', :'v2') - 'versionId' AS summary;
SELECT last_seq FROM vellum.files WHERE id = :'file';
-- Ops after a restore still merge as usual (a client clock past the
-- restore's wins).
SELECT vellum.apply_ops(:'file', jsonb_build_array(jsonb_build_object('id', '15', 'operationType', 'update',
    'objectId', 'r1', 'propertyPath', 'x', 'newValue', 7,
    'timestamp', (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 1000, 'clientId', 'b'))) -> 0 ->> 'status' AS status;
SELECT object FROM pg_temp.objects(:'file') WHERE id = 'r1';

-- Restoring the empty version deletes every object.
SELECT vellum.restore_version(:'file', :'empty_version') - 'versionId' AS summary;
SELECT vellum.document(:'file') -> 'objects' AS objects;
SELECT vellum.rebuild(:'file') = vellum.document(:'file') AS rebuild_matches;

-- Refused: a viewer, an unknown version, another file's version, NULLs, an
-- unknown file, a file in the trash. None of them applies anything.
SELECT last_seq AS before_errors FROM vellum.files WHERE id = :'file' \gset
SELECT vellum.restore_version(:'file', :'v2', :'viewer');
SELECT vellum.restore_version(:'file', '00000000-0000-0000-0011-0000000000aa');
INSERT INTO vellum.file_versions (id, file_id, version_number, canvas_data)
VALUES ('00000000-0000-0000-0011-0000000000bb', :'other', 1, '{"objects": []}');
SELECT vellum.restore_version(:'file', '00000000-0000-0000-0011-0000000000bb');
SELECT vellum.restore_version(:'file', NULL);
SELECT vellum.restore_version(NULL, :'v2');
SELECT vellum.restore_version(:'missing', :'v2');
UPDATE vellum.files SET deleted_at = now() WHERE id = :'file';
SELECT vellum.restore_version(:'file', :'v2');
UPDATE vellum.files SET deleted_at = NULL WHERE id = :'file';
SELECT last_seq = :before_errors AS nothing_applied FROM vellum.files WHERE id = :'file';

-- A version row is plain data that SQL (or a restored dump) can write, so
-- restoring it must not let values into the document that no op could
-- bring: whatever restore_version does with such a version (refuse it, or
-- skip what is invalid), no invalid value goes live.
INSERT INTO vellum.file_versions (id, file_id, version_number, canvas_data)
VALUES ('00000000-0000-0000-0011-0000000000cc', :'other', 2,
        '{"objects": [{"id": "bad", "type": "triangle", "fill": "red", "width": -5}, {"id": "ok", "type": "rectangle", "x": "far"}]}');
SELECT pg_temp.outcome(format('SELECT vellum.restore_version(%L, %L)', :'other', '00000000-0000-0000-0011-0000000000cc')) IS NOT NULL AS attempted;
SELECT id, object FROM pg_temp.objects(:'other')
WHERE object ->> 'type' NOT IN ('rectangle', 'ellipse', 'text', 'frame', 'group', 'image')
   OR object ->> 'fill' = 'red' OR jsonb_typeof(object -> 'width') <> 'number' OR (object ->> 'width')::numeric < 0
   OR jsonb_typeof(object -> 'x') <> 'number';

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'other');
DELETE FROM vellum.users WHERE id IN (:'owner', :'editor', :'viewer');
