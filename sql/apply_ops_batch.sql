-- vellum.apply_ops_batch: several users' ops for one file in one call.
\set owner 00000000-0000-0000-0014-000000000001
\set editor 00000000-0000-0000-0014-000000000002
\set viewer 00000000-0000-0000-0014-000000000003
\set file 00000000-0000-0000-0014-0000000000f1
INSERT INTO vellum.users (id, email, name) VALUES
    (:'owner', 'owner@batch.example', 'Owner'),
    (:'editor', 'editor@batch.example', 'Editor'),
    (:'viewer', 'viewer@batch.example', 'Viewer');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'file', 'Batch', :'owner');
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
    (:'file', :'editor', 'edit'), (:'file', :'viewer', 'view');

-- Three batches: the owner's, the editor's, the viewer's (refused), and a
-- SQL user's without a user id. One result array per batch, in order; seqs
-- run across batches.
SELECT jsonb_pretty(vellum.apply_ops_batch(:'file', jsonb_build_array(
    jsonb_build_object('userId', :'owner', 'ops', '[
        {"id": "o1", "operationType": "create", "objectId": "frame", "newValue": {"type": "frame"}, "timestamp": 1000, "clientId": "owner"}]'::jsonb),
    jsonb_build_object('userId', :'editor', 'ops', '[
        {"id": "e1", "operationType": "create", "objectId": "box", "newValue": {"type": "rectangle", "parentId": "frame", "index": "a0"}, "timestamp": 1001, "clientId": "editor"},
        {"id": "e2", "operationType": "update", "objectId": "box", "propertyPath": "x", "newValue": "left", "timestamp": 1002, "clientId": "editor"}]'::jsonb),
    jsonb_build_object('userId', :'viewer', 'ops', '[
        {"id": "v1", "operationType": "update", "objectId": "box", "propertyPath": "x", "newValue": 5, "timestamp": 1003, "clientId": "viewer"}]'::jsonb),
    jsonb_build_object('userId', NULL, 'ops', '[
        {"id": "o1", "operationType": "create", "objectId": "frame", "newValue": {"type": "frame"}, "timestamp": 1000, "clientId": "owner"},
        {"id": "s1", "operationType": "update", "objectId": "box", "propertyPath": "y", "newValue": 9, "timestamp": 1004, "clientId": "sql"}]'::jsonb))));

-- The log records who sent each op.
SELECT seq, object_id, u.name AS sent_by
FROM vellum.operations o LEFT JOIN vellum.users u ON u.id = o.user_id
WHERE o.file_id = :'file' ORDER BY seq;

-- Bad input.
SELECT vellum.apply_ops_batch(:'file', '{"userId": null}');
SELECT vellum.apply_ops_batch(:'file', '[{"userId": 5, "ops": []}]');
SELECT vellum.apply_ops_batch(:'file', '[{"userId": null}]');
SELECT vellum.apply_ops_batch(:'file', '[{"userId": "not-a-uuid", "ops": []}]');
SELECT vellum.apply_ops_batch(:'file', NULL);
SELECT vellum.apply_ops_batch('00000000-0000-0000-0014-0000000000fe', '[]');
SELECT vellum.apply_ops_batch(:'file', '[]');

DELETE FROM vellum.files WHERE id = :'file';
DELETE FROM vellum.users WHERE id IN (:'owner', :'editor', :'viewer');
