-- vellum.apply_ops_files: many files' batches in one transaction, each file
-- on its own (its own seq range, its own NOTIFY, its own failure).
\set owner 00000000-0000-0000-0015-000000000001
\set editor 00000000-0000-0000-0015-000000000002
\set viewer 00000000-0000-0000-0015-000000000003
\set a 00000000-0000-0000-0015-0000000000f1
\set b 00000000-0000-0000-0015-0000000000f2
\set trashed 00000000-0000-0000-0015-0000000000f3
\set missing 00000000-0000-0000-0015-0000000000fe
INSERT INTO vellum.users (id, email, name) VALUES
    (:'owner', 'owner@files.example', 'Owner'),
    (:'editor', 'editor@files.example', 'Editor'),
    (:'viewer', 'viewer@files.example', 'Viewer');
INSERT INTO vellum.files (id, name, owner_id, deleted_at) VALUES
    (:'a', 'A', :'owner', NULL), (:'b', 'B', :'owner', NULL), (:'trashed', 'Trashed', :'owner', now());
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
    (:'a', :'editor', 'edit'), (:'b', :'viewer', 'view');


-- Four files in one call, given out of id order: b (the owner's ops applied,
-- the viewer's refused), a (two users, seqs across both), the trashed file
-- and an unknown one (each an error of its own). One result per file, in the
-- order given. (Each file's NOTIFY: regress/specs/files_concurrent.spec.)
SELECT jsonb_pretty(vellum.apply_ops_files(jsonb_build_array(
    jsonb_build_object('fileId', :'b', 'batches', jsonb_build_array(
        jsonb_build_object('userId', :'owner', 'ops', '[
            {"id": "b1", "idempotencyKey": "b1", "operationType": "create", "objectId": "r", "newValue": {"type": "rectangle"}, "timestamp": 1000, "clientId": "owner"}]'::jsonb),
        jsonb_build_object('userId', :'viewer', 'ops', '[
            {"id": "b2", "operationType": "update", "objectId": "r", "propertyPath": "x", "newValue": 5, "timestamp": 1001, "clientId": "viewer"}]'::jsonb))),
    jsonb_build_object('fileId', :'a', 'batches', jsonb_build_array(
        jsonb_build_object('userId', :'owner', 'ops', '[
            {"id": "a1", "idempotencyKey": "a1", "operationType": "create", "objectId": "e", "newValue": {"type": "ellipse"}, "timestamp": 1000, "clientId": "owner"}]'::jsonb),
        jsonb_build_object('userId', :'editor', 'ops', '[
            {"id": "a2", "idempotencyKey": "a2", "operationType": "update", "objectId": "e", "propertyPath": "x", "newValue": 7, "timestamp": 1002, "clientId": "editor"},
            {"id": "a3", "operationType": "update", "objectId": "nothing here", "propertyPath": "x", "newValue": 1, "timestamp": 1003, "clientId": "editor"}]'::jsonb))),
    jsonb_build_object('fileId', :'trashed', 'batches', jsonb_build_array(
        jsonb_build_object('userId', :'owner', 'ops', '[
            {"id": "t1", "operationType": "create", "objectId": "t", "newValue": {"type": "rectangle"}, "timestamp": 1000, "clientId": "owner"}]'::jsonb))),
    jsonb_build_object('fileId', :'missing', 'batches', '[]'::jsonb))));

-- Each file has its own seqs, from 1, without gaps; nothing of the trashed file.
SELECT f.name, o.seq, o.object_id, u.name AS sent_by
FROM vellum.operations o JOIN vellum.files f ON f.id = o.file_id LEFT JOIN vellum.users u ON u.id = o.user_id
WHERE o.file_id IN (:'a', :'b', :'trashed') ORDER BY f.name, o.seq;
SELECT name, last_seq FROM vellum.files WHERE id IN (:'a', :'b', :'trashed') ORDER BY name;
-- The objects the call wrote, each in its own file.
SELECT vellum.document(:'a') -> 'objects' AS a_objects, vellum.document(:'b') -> 'objects' AS b_objects;

-- An error inside one file (here a batch that is not an object) rolls back
-- that file alone: b's op in the same call is applied, a's resent key is a
-- duplicate, and nothing of the failed file's other batch is kept.
SELECT jsonb_pretty(vellum.apply_ops_files(jsonb_build_array(
    jsonb_build_object('fileId', :'a', 'batches', jsonb_build_array(
        jsonb_build_object('userId', :'owner', 'ops', '[
            {"id": "a4", "idempotencyKey": "a4", "operationType": "update", "objectId": "e", "propertyPath": "y", "newValue": 1, "timestamp": 1004, "clientId": "owner"}]'::jsonb),
        '"not a batch"'::jsonb)),
    jsonb_build_object('fileId', :'b', 'batches', jsonb_build_array(
        jsonb_build_object('userId', :'owner', 'ops', '[
            {"id": "b1", "idempotencyKey": "b1", "operationType": "create", "objectId": "r", "newValue": {"type": "rectangle"}, "timestamp": 1000, "clientId": "owner"},
            {"id": "b3", "idempotencyKey": "b3", "operationType": "update", "objectId": "r", "propertyPath": "y", "newValue": 3, "timestamp": 1005, "clientId": "owner"}]'::jsonb))))));
SELECT name, last_seq FROM vellum.files WHERE id IN (:'a', :'b') ORDER BY name;
SELECT count(*) AS a4_logged FROM vellum.operations WHERE file_id = :'a' AND idempotency_key = 'a4';

-- A PostgreSQL error inside a file (here a trigger raising on b's object
-- rows) rolls back that file alone; a, listed after it, is applied.
CREATE FUNCTION refuse_b() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.file_id = '00000000-0000-0000-0015-0000000000f2' THEN RAISE EXCEPTION 'no writes to b today'; END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER refuse_b AFTER INSERT OR UPDATE ON vellum.objects FOR EACH ROW EXECUTE FUNCTION refuse_b();
SELECT vellum.apply_ops_files(jsonb_build_array(
    jsonb_build_object('fileId', :'b', 'batches', jsonb_build_array(jsonb_build_object('userId', :'owner', 'ops', '[
        {"id": "b4", "operationType": "update", "objectId": "r", "propertyPath": "x", "newValue": 4, "timestamp": 1006, "clientId": "owner"}]'::jsonb))),
    jsonb_build_object('fileId', :'a', 'batches', jsonb_build_array(jsonb_build_object('userId', :'owner', 'ops', '[
        {"id": "a5", "operationType": "update", "objectId": "e", "propertyPath": "x", "newValue": 5, "timestamp": 1006, "clientId": "owner"}]'::jsonb)))));
DROP TRIGGER refuse_b ON vellum.objects;
DROP FUNCTION refuse_b();
SELECT name, last_seq FROM vellum.files WHERE id IN (:'a', :'b') ORDER BY name;
SELECT vellum.lww_values(registers) AS b_r FROM vellum.objects WHERE file_id = :'b' AND object_id = 'r';

-- A user who does not exist: that batch refused, the file's others applied.
SELECT vellum.apply_ops_files(jsonb_build_array(
    jsonb_build_object('fileId', :'a', 'batches', jsonb_build_array(
        jsonb_build_object('userId', '00000000-0000-0000-0015-0000000000ee', 'ops', '[
            {"id": "x1", "operationType": "update", "objectId": "e", "propertyPath": "y", "newValue": 2, "timestamp": 1006, "clientId": "ghost"}]'::jsonb)))));

-- Nothing to do is an empty answer.
SELECT vellum.apply_ops_files('[]');

-- Bad input names what is wrong.
SELECT vellum.apply_ops_files(NULL);
SELECT vellum.apply_ops_files('{"fileId": null}');
SELECT vellum.apply_ops_files('[{"fileId": 5, "batches": []}]');
SELECT vellum.apply_ops_files('[{"fileId": "00000000-0000-0000-0015-0000000000f1"}]');
SELECT vellum.apply_ops_files('[{"fileId": "not-a-uuid", "batches": []}]');
SELECT vellum.apply_ops_files(jsonb_build_array(
    jsonb_build_object('fileId', :'a', 'batches', '[]'::jsonb),
    jsonb_build_object('fileId', :'a', 'batches', '[]'::jsonb)));
SET vellum.max_batch_ops = 1;
SELECT vellum.apply_ops_files(jsonb_build_array(
    jsonb_build_object('fileId', :'a', 'batches', jsonb_build_array(jsonb_build_object('userId', NULL, 'ops', '[{}]'::jsonb))),
    jsonb_build_object('fileId', :'b', 'batches', jsonb_build_array(jsonb_build_object('userId', NULL, 'ops', '[{}]'::jsonb)))));
RESET vellum.max_batch_ops;

DELETE FROM vellum.files WHERE id IN (:'a', :'b', :'trashed');
DELETE FROM vellum.users WHERE id IN (:'owner', :'editor', :'viewer');
