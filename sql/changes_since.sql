-- vellum.changes_since(file_id, after_seq): the applied ops of a file after a
-- seq, in seq order, for clients catching up; after_seq must lie between 0
-- and the file's last seq. (Catch-up after retention is in cleanup.sql.)
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0008-000000000001
\set file 00000000-0000-0000-0008-0000000000f1
\set other 00000000-0000-0000-0008-0000000000f2
\set empty 00000000-0000-0000-0008-0000000000f3
\set missing 00000000-0000-0000-0008-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES
    (:'file', 'Changes', :'owner'), (:'other', 'Other', :'owner'), (:'empty', 'Empty', :'owner');

-- A new file has nothing to catch up on.
SELECT count(*) FROM vellum.changes_since(:'file', 0);

-- Two calls, interleaved with another file's ops; rejected, superseded and
-- duplicate ops never reach the log.
SELECT jsonb_agg(r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "c1", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle", "x": 1}, "timestamp": 1000, "clientId": "alice"},
  {"id": "c2", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 2, "timestamp": 1001, "clientId": "alice"},
  {"id": "c3", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": "bad", "timestamp": 1002, "clientId": "alice"},
  {"id": "c4", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 0, "timestamp": 999, "clientId": "alice"},
  {"id": "c1", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle"}, "timestamp": 1003, "clientId": "alice"}
]', :'owner')) r;
SELECT jsonb_agg(r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'other', '[
  {"id": "o1", "operationType": "create", "objectId": "x", "newValue": {"type": "frame"}, "timestamp": 1000, "clientId": "carol"}
]')) r;
SELECT jsonb_agg(r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "c5", "operationType": "create", "objectId": "f1", "newValue": {"type": "frame"}, "timestamp": 1004, "clientId": "bob"},
  {"id": "c6", "operationType": "move", "objectId": "r1", "newValue": {"parentId": "f1", "index": "a0"}, "timestamp": 1005, "clientId": "bob"},
  {"id": "c7", "operationType": "delete", "objectId": "r1", "timestamp": 1006, "clientId": "bob"}
]')) r;

-- Everything, in seq order, with who wrote it and what it replaced.
SELECT seq, operation_type, object_id, property_path, new_value, old_value, "timestamp", client_id,
       user_id = :'owner' AS by_owner, idempotency_key
FROM vellum.changes_since(:'file', 0);
-- From the middle, and from the end (nothing).
SELECT seq, operation_type, object_id FROM vellum.changes_since(:'file', 3);
SELECT count(*) FROM vellum.changes_since(:'file', 5);
-- The order is seq order even when the client timestamps disagree.
SELECT jsonb_agg(r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "c8", "operationType": "update", "objectId": "f1", "propertyPath": "name", "newValue": "late", "timestamp": 5000, "clientId": "zoe"},
  {"id": "c9", "operationType": "update", "objectId": "f1", "propertyPath": "width", "newValue": 10, "timestamp": 2000, "clientId": "yan"}
]')) r;
SELECT seq, "timestamp", client_id FROM vellum.changes_since(:'file', 5);
-- The other file's log is its own.
SELECT seq, object_id, client_id FROM vellum.changes_since(:'other', 0);

-- after_seq out of range, unknown file, NULL arguments (STRICT: no rows).
SELECT * FROM vellum.changes_since(:'file', -1);
SELECT * FROM vellum.changes_since(:'file', 8);
-- A file with no ops has no seq 1 to speak of: the detail must not claim it.
SELECT * FROM vellum.changes_since(:'empty', 1);
SELECT * FROM vellum.changes_since(:'missing', 0);
SELECT count(*) FROM vellum.changes_since(NULL, 0);
SELECT count(*) FROM vellum.changes_since(:'file', NULL);

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'other', :'empty');
DELETE FROM vellum.users WHERE id = :'owner';
