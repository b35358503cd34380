-- vellum.apply_ops(file_id, ops, user_id): every status (applied, superseded,
-- duplicate, rejected), every reason an op is rejected for, the errors that
-- refuse a whole call, tombstones, and what the operations log records.
-- (Permissions are in permissions.sql.)
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0004-000000000001
\set file 00000000-0000-0000-0004-0000000000f1
\set logfile 00000000-0000-0000-0004-0000000000f2
\set trashed 00000000-0000-0000-0004-0000000000f3
\set missing 00000000-0000-0000-0004-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES
    (:'file', 'Ops', :'owner'), (:'logfile', 'Log', :'owner');
INSERT INTO vellum.files (id, name, owner_id, deleted_at) VALUES (:'trashed', 'Trashed', :'owner', now());

-- One row per op result.
CREATE FUNCTION pg_temp.results(r jsonb) RETURNS TABLE (id jsonb, status text, seq bigint, reason text)
LANGUAGE sql AS $$
    SELECT e -> 'id', e ->> 'status', (e ->> 'seq')::bigint, e ->> 'reason' FROM jsonb_array_elements(r) AS e
$$;

------------------------------------------------------------------------------
-- applied: each op type; seqs are consecutive across calls.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "a1", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle", "x": 10, "y": 20, "width": 100, "height": 50, "fill": "#ff0000"}, "timestamp": 1000, "clientId": "alice"},
  {"id": "a2", "operationType": "create", "objectId": "f1", "newValue": {"id": "f1", "type": "frame", "name": "Frame"}, "timestamp": 1000, "clientId": "alice"},
  {"id": "a3", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 15, "timestamp": 1001, "clientId": "alice"},
  {"id": "a4", "operationType": "update", "objectId": "r1", "newValue": {"y": 25, "opacity": 0.5}, "timestamp": 1002, "clientId": "alice"},
  {"id": "a5", "operationType": "move", "objectId": "r1", "newValue": {"parentId": "f1", "index": "a0"}, "timestamp": 1003, "clientId": "alice"},
  {"id": "a6", "operationType": "create", "objectId": "gone", "newValue": {"type": "ellipse"}, "timestamp": 1000, "clientId": "alice"},
  {"id": "a7", "operationType": "delete", "objectId": "gone", "timestamp": 1004, "clientId": "alice"}
]'));
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "a8", "operationType": "update", "objectId": "f1", "propertyPath": "name", "newValue": "Frame 1", "timestamp": 1005, "clientId": "bob"}
]'));
SELECT vellum.document(:'file');
SELECT last_seq FROM vellum.files WHERE id = :'file';
-- An empty batch is fine and changes nothing.
SELECT vellum.apply_ops(:'file', '[]');

------------------------------------------------------------------------------
-- duplicate: a key this file has seen is never applied again, and the result
-- carries the seq it was applied as. The key is "idempotencyKey", or the
-- op's string "id" when there is none.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "a3", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 99, "timestamp": 9000, "clientId": "alice"},
  {"id": "other-id", "idempotencyKey": "a4", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 99, "timestamp": 9000, "clientId": "alice"},
  {"id": "d1", "idempotencyKey": "key-d1", "operationType": "update", "objectId": "r1", "propertyPath": "rotation", "newValue": 45, "timestamp": 1100, "clientId": "alice"},
  {"id": "d1-retry", "idempotencyKey": "key-d1", "operationType": "update", "objectId": "r1", "propertyPath": "rotation", "newValue": 90, "timestamp": 1101, "clientId": "alice"},
  {"id": "d2", "operationType": "update", "objectId": "r1", "propertyPath": "strokeWidth", "newValue": 2, "timestamp": 1102, "clientId": "alice"},
  {"id": "d2", "operationType": "update", "objectId": "r1", "propertyPath": "strokeWidth", "newValue": 3, "timestamp": 1103, "clientId": "alice"}
]'));
-- Retried in a later call, whichever op id it now carries.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "d1-again", "idempotencyKey": "key-d1", "operationType": "update", "objectId": "r1", "propertyPath": "rotation", "newValue": 180, "timestamp": 1200, "clientId": "alice"},
  {"id": "d2", "operationType": "update", "objectId": "r1", "propertyPath": "strokeWidth", "newValue": 4, "timestamp": 1200, "clientId": "alice"}
]'));
SELECT o AS r1 FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' = 'r1';
-- Keys are per file: the same key applies once in another file.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'logfile', '[
  {"id": "a1", "operationType": "create", "objectId": "x1", "newValue": {"type": "text", "text": "hello"}, "timestamp": 1000, "clientId": "alice"}
]'));
-- A key whose op was rejected was not used: the corrected op applies.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "k1", "operationType": "update", "objectId": "r1", "propertyPath": "width", "newValue": "wide", "timestamp": 1300, "clientId": "alice"},
  {"id": "k1", "operationType": "update", "objectId": "r1", "propertyPath": "width", "newValue": 120, "timestamp": 1300, "clientId": "alice"},
  {"id": "k1", "operationType": "update", "objectId": "r1", "propertyPath": "width", "newValue": 130, "timestamp": 1301, "clientId": "alice"}
]'));
-- Without a key (no idempotencyKey, no string id) nothing is deduplicated;
-- a resent op is simply superseded by itself. Ids of any kind are echoed.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": 7, "operationType": "update", "objectId": "r1", "propertyPath": "height", "newValue": 60, "timestamp": 1400, "clientId": "alice"},
  {"id": 7, "operationType": "update", "objectId": "r1", "propertyPath": "height", "newValue": 60, "timestamp": 1400, "clientId": "alice"},
  {"operationType": "update", "objectId": "r1", "propertyPath": "height", "newValue": 70, "timestamp": 1401, "clientId": "alice"},
  {"id": {"n": 1}, "operationType": "update", "objectId": "r1", "propertyPath": "height", "newValue": 70, "timestamp": 1401, "clientId": "alice"}
]'));

------------------------------------------------------------------------------
-- superseded: every register the op touches holds a newer (t, c).
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "s1", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 1, "timestamp": 1000, "clientId": "zed"},
  {"id": "s2", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 1, "timestamp": 1001, "clientId": "aaron"},
  {"id": "s3", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 2, "timestamp": 1001, "clientId": "bob"},
  {"id": "s4", "operationType": "update", "objectId": "r1", "newValue": {"x": 3, "y": 3}, "timestamp": 900, "clientId": "alice"},
  {"id": "s5", "operationType": "update", "objectId": "r1", "newValue": {"x": 4, "cornerRadius": 4}, "timestamp": 900, "clientId": "alice"},
  {"id": "s6", "operationType": "move", "objectId": "r1", "newValue": {"parentId": null, "index": "b0"}, "timestamp": 1003, "clientId": "aaron"},
  {"id": "s7", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle", "x": 0}, "timestamp": 500, "clientId": "alice"},
  {"id": "s8", "operationType": "delete", "objectId": "f1", "timestamp": 999, "clientId": "alice"}
]'));
-- s3 won x on the client tie-break (bob > alice at t=1001), s5 set only
-- cornerRadius (x stayed with s3), s6 lost the tie-break to alice's move.
SELECT o AS r1 FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' = 'r1';

------------------------------------------------------------------------------
-- rejected: malformed ops, each with the reason; the valid op between them
-- still applies (a rejected op does not stop the others).
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  5,
  "update",
  {"id": "no-type", "objectId": "r1", "timestamp": 2000, "clientId": "alice"},
  {"id": "type-not-string", "operationType": 1, "objectId": "r1", "timestamp": 2000, "clientId": "alice"},
  {"id": "unknown-type", "operationType": "resize", "objectId": "r1", "newValue": 1, "timestamp": 2000, "clientId": "alice"},
  {"id": "no-object", "operationType": "delete", "timestamp": 2000, "clientId": "alice"},
  {"id": "object-empty", "operationType": "delete", "objectId": "", "timestamp": 2000, "clientId": "alice"},
  {"id": "object-number", "operationType": "delete", "objectId": 12, "timestamp": 2000, "clientId": "alice"},
  {"id": "no-timestamp", "operationType": "delete", "objectId": "r1", "clientId": "alice"},
  {"id": "timestamp-string", "operationType": "delete", "objectId": "r1", "timestamp": "2000", "clientId": "alice"},
  {"id": "timestamp-fraction", "operationType": "delete", "objectId": "r1", "timestamp": 2000.5, "clientId": "alice"},
  {"id": "timestamp-negative", "operationType": "delete", "objectId": "r1", "timestamp": -1, "clientId": "alice"},
  {"id": "no-client", "operationType": "delete", "objectId": "r1", "timestamp": 2000},
  {"id": "client-empty", "operationType": "delete", "objectId": "r1", "timestamp": 2000, "clientId": ""},
  {"id": "client-number", "operationType": "delete", "objectId": "r1", "timestamp": 2000, "clientId": 3},
  {"id": "key-empty", "idempotencyKey": "", "operationType": "delete", "objectId": "r1", "timestamp": 2000, "clientId": "alice"},
  {"id": "key-number", "idempotencyKey": 12, "operationType": "delete", "objectId": "r1", "timestamp": 2000, "clientId": "alice"},
  {"id": "path-number", "operationType": "update", "objectId": "r1", "propertyPath": 5, "newValue": 1, "timestamp": 2000, "clientId": "alice"},
  {"id": "valid", "operationType": "update", "objectId": "r1", "propertyPath": "name", "newValue": "Box", "timestamp": 2000, "clientId": "alice"},
  {"id": "create-no-value", "operationType": "create", "objectId": "n1", "timestamp": 2000, "clientId": "alice"},
  {"id": "create-value-string", "operationType": "create", "objectId": "n1", "newValue": "rectangle", "timestamp": 2000, "clientId": "alice"},
  {"id": "create-no-type", "operationType": "create", "objectId": "n1", "newValue": {"x": 1}, "timestamp": 2000, "clientId": "alice"},
  {"id": "create-bad-type", "operationType": "create", "objectId": "n1", "newValue": {"type": "triangle"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "create-id-differs", "operationType": "create", "objectId": "n1", "newValue": {"id": "n2", "type": "rectangle"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "create-bad-property", "operationType": "create", "objectId": "n1", "newValue": {"type": "rectangle", "width": -5}, "timestamp": 2000, "clientId": "alice"},
  {"id": "update-no-value", "operationType": "update", "objectId": "r1", "propertyPath": "x", "timestamp": 2000, "clientId": "alice"},
  {"id": "update-value-not-object", "operationType": "update", "objectId": "r1", "newValue": 5, "timestamp": 2000, "clientId": "alice"},
  {"id": "update-empty", "operationType": "update", "objectId": "r1", "newValue": {}, "timestamp": 2000, "clientId": "alice"},
  {"id": "update-empty-path", "operationType": "update", "objectId": "r1", "propertyPath": "", "newValue": 1, "timestamp": 2000, "clientId": "alice"},
  {"id": "update-id", "operationType": "update", "objectId": "r1", "propertyPath": "id", "newValue": "r9", "timestamp": 2000, "clientId": "alice"},
  {"id": "update-id-in-object", "operationType": "update", "objectId": "r1", "newValue": {"x": 1, "id": "r9"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-no-value", "operationType": "move", "objectId": "r1", "timestamp": 2000, "clientId": "alice"},
  {"id": "move-no-parent", "operationType": "move", "objectId": "r1", "newValue": {"index": "a1"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-no-index", "operationType": "move", "objectId": "r1", "newValue": {"parentId": null}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-extra", "operationType": "move", "objectId": "r1", "newValue": {"parentId": null, "index": "a1", "x": 5}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-parent-number", "operationType": "move", "objectId": "r1", "newValue": {"parentId": 5, "index": "a1"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-parent-empty", "operationType": "move", "objectId": "r1", "newValue": {"parentId": "", "index": "a1"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-index-symbol", "operationType": "move", "objectId": "r1", "newValue": {"parentId": null, "index": "a-1"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "move-index-empty", "operationType": "move", "objectId": "r1", "newValue": {"parentId": null, "index": ""}, "timestamp": 2000, "clientId": "alice"}
]'));
-- Limits on lengths: objectId and clientId 100, idempotencyKey and
-- property names 255 characters.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', jsonb_build_array(
  jsonb_build_object('id', 'object-long', 'operationType', 'delete', 'objectId', repeat('o', 101), 'timestamp', 2000, 'clientId', 'alice'),
  jsonb_build_object('id', 'client-long', 'operationType', 'delete', 'objectId', 'r1', 'timestamp', 2000, 'clientId', repeat('c', 101)),
  jsonb_build_object('id', 'key-long', 'idempotencyKey', repeat('k', 256), 'operationType', 'delete', 'objectId', 'r1', 'timestamp', 2000, 'clientId', 'alice'),
  jsonb_build_object('id', 'path-long', 'operationType', 'update', 'objectId', 'r1', 'propertyPath', repeat('p', 256), 'newValue', 1, 'timestamp', 2000, 'clientId', 'alice'),
  jsonb_build_object('id', 'name-long', 'operationType', 'update', 'objectId', 'r1', 'propertyPath', 'name', 'newValue', repeat('n', 256), 'timestamp', 2000, 'clientId', 'alice'),
  jsonb_build_object('id', 'object-100', 'operationType', 'create', 'objectId', repeat('o', 100), 'newValue', '{"type": "group"}'::jsonb, 'timestamp', 2000, 'clientId', repeat('c', 100))
)));

-- Wrong property types: numbers, colours, booleans, type, strings, ranges.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "x", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": "10", "timestamp": 2100, "clientId": "alice"},
  {"id": "y", "operationType": "update", "objectId": "r1", "propertyPath": "y", "newValue": true, "timestamp": 2100, "clientId": "alice"},
  {"id": "width", "operationType": "update", "objectId": "r1", "propertyPath": "width", "newValue": "wide", "timestamp": 2100, "clientId": "alice"},
  {"id": "height", "operationType": "update", "objectId": "r1", "propertyPath": "height", "newValue": [50], "timestamp": 2100, "clientId": "alice"},
  {"id": "rotation", "operationType": "update", "objectId": "r1", "propertyPath": "rotation", "newValue": {"deg": 90}, "timestamp": 2100, "clientId": "alice"},
  {"id": "opacity", "operationType": "update", "objectId": "r1", "propertyPath": "opacity", "newValue": "0.5", "timestamp": 2100, "clientId": "alice"},
  {"id": "strokeWidth", "operationType": "update", "objectId": "r1", "propertyPath": "strokeWidth", "newValue": false, "timestamp": 2100, "clientId": "alice"},
  {"id": "fontSize", "operationType": "update", "objectId": "r1", "propertyPath": "fontSize", "newValue": "12px", "timestamp": 2100, "clientId": "alice"},
  {"id": "fill", "operationType": "update", "objectId": "r1", "propertyPath": "fill", "newValue": "red", "timestamp": 2100, "clientId": "alice"},
  {"id": "fill-number", "operationType": "update", "objectId": "r1", "propertyPath": "fill", "newValue": 16711680, "timestamp": 2100, "clientId": "alice"},
  {"id": "fill-short-hex", "operationType": "update", "objectId": "r1", "propertyPath": "fill", "newValue": "#12", "timestamp": 2100, "clientId": "alice"},
  {"id": "stroke", "operationType": "update", "objectId": "r1", "propertyPath": "stroke", "newValue": "#ggg", "timestamp": 2100, "clientId": "alice"},
  {"id": "stroke-unclosed", "operationType": "update", "objectId": "r1", "propertyPath": "stroke", "newValue": "rgb(1, 2, 3", "timestamp": 2100, "clientId": "alice"},
  {"id": "visible", "operationType": "update", "objectId": "r1", "propertyPath": "visible", "newValue": "true", "timestamp": 2100, "clientId": "alice"},
  {"id": "locked", "operationType": "update", "objectId": "r1", "propertyPath": "locked", "newValue": 1, "timestamp": 2100, "clientId": "alice"},
  {"id": "type", "operationType": "update", "objectId": "r1", "propertyPath": "type", "newValue": "triangle", "timestamp": 2100, "clientId": "alice"},
  {"id": "type-null", "operationType": "update", "objectId": "r1", "propertyPath": "type", "newValue": null, "timestamp": 2100, "clientId": "alice"},
  {"id": "name", "operationType": "update", "objectId": "r1", "propertyPath": "name", "newValue": 5, "timestamp": 2100, "clientId": "alice"},
  {"id": "text", "operationType": "update", "objectId": "r1", "propertyPath": "text", "newValue": ["a"], "timestamp": 2100, "clientId": "alice"},
  {"id": "textAlign", "operationType": "update", "objectId": "r1", "propertyPath": "textAlign", "newValue": "middle", "timestamp": 2100, "clientId": "alice"},
  {"id": "width-negative", "operationType": "update", "objectId": "r1", "propertyPath": "width", "newValue": -1, "timestamp": 2100, "clientId": "alice"},
  {"id": "height-negative", "operationType": "update", "objectId": "r1", "propertyPath": "height", "newValue": -0.5, "timestamp": 2100, "clientId": "alice"},
  {"id": "opacity-above", "operationType": "update", "objectId": "r1", "propertyPath": "opacity", "newValue": 1.5, "timestamp": 2100, "clientId": "alice"},
  {"id": "opacity-below", "operationType": "update", "objectId": "r1", "propertyPath": "opacity", "newValue": -0.1, "timestamp": 2100, "clientId": "alice"},
  {"id": "strokeWidth-negative", "operationType": "update", "objectId": "r1", "propertyPath": "strokeWidth", "newValue": -2, "timestamp": 2100, "clientId": "alice"},
  {"id": "fontSize-zero", "operationType": "update", "objectId": "r1", "propertyPath": "fontSize", "newValue": 0, "timestamp": 2100, "clientId": "alice"},
  {"id": "in-object", "operationType": "update", "objectId": "r1", "newValue": {"x": 1, "fill": "blue"}, "timestamp": 2100, "clientId": "alice"}
]'));
-- The values those properties do take (null unsets any of them but type).
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "ok1", "operationType": "update", "objectId": "r1", "newValue": {"x": -10.5, "y": 0, "width": 0, "height": 1e3, "rotation": -45, "opacity": 1, "strokeWidth": 0.5, "fontSize": 0.5}, "timestamp": 2200, "clientId": "alice"},
  {"id": "ok2", "operationType": "update", "objectId": "r1", "newValue": {"fill": "rgba(0, 0, 0, 0.5)", "stroke": "none", "visible": false, "locked": true, "textAlign": "center", "text": ""}, "timestamp": 2200, "clientId": "alice"},
  {"id": "ok3", "operationType": "update", "objectId": "r1", "propertyPath": "fill", "newValue": "#AbCdEf80", "timestamp": 2201, "clientId": "alice"},
  {"id": "ok4", "operationType": "update", "objectId": "r1", "propertyPath": "stroke", "newValue": "hsl(120, 50%, 50%)", "timestamp": 2201, "clientId": "alice"},
  {"id": "ok5", "operationType": "update", "objectId": "r1", "propertyPath": "opacity", "newValue": null, "timestamp": 2201, "clientId": "alice"},
  {"id": "ok6", "operationType": "update", "objectId": "r1", "propertyPath": "customData", "newValue": {"anything": [1, "two"]}, "timestamp": 2201, "clientId": "alice"}
]'));
SELECT o AS r1 FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' = 'r1';

-- Ops on objects that do not exist or are deleted ("gone" was deleted).
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "update-unknown", "operationType": "update", "objectId": "nope", "propertyPath": "x", "newValue": 1, "timestamp": 3000, "clientId": "alice"},
  {"id": "move-unknown", "operationType": "move", "objectId": "nope", "newValue": {"parentId": null, "index": "a0"}, "timestamp": 3000, "clientId": "alice"},
  {"id": "delete-unknown", "operationType": "delete", "objectId": "nope", "timestamp": 3000, "clientId": "alice"},
  {"id": "update-deleted", "operationType": "update", "objectId": "gone", "propertyPath": "x", "newValue": 1, "timestamp": 3000, "clientId": "alice"},
  {"id": "move-deleted", "operationType": "move", "objectId": "gone", "newValue": {"parentId": null, "index": "a0"}, "timestamp": 3000, "clientId": "alice"}
]'));

------------------------------------------------------------------------------
-- The tree: parents must be live frames or groups, and no cycles.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "t1", "operationType": "create", "objectId": "g1", "newValue": {"type": "group", "parentId": "f1", "index": "a1"}, "timestamp": 4000, "clientId": "alice"},
  {"id": "t2", "operationType": "create", "objectId": "g2", "newValue": {"type": "group", "parentId": "g1", "index": "a0"}, "timestamp": 4000, "clientId": "alice"},
  {"id": "t3", "operationType": "create", "objectId": "e1", "newValue": {"type": "ellipse"}, "timestamp": 4000, "clientId": "alice"},
  {"id": "cycle", "operationType": "move", "objectId": "f1", "newValue": {"parentId": "g2", "index": "a0"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "cycle-direct", "operationType": "move", "objectId": "g1", "newValue": {"parentId": "g2", "index": "a0"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "cycle-by-update", "operationType": "update", "objectId": "f1", "propertyPath": "parentId", "newValue": "g1", "timestamp": 4001, "clientId": "alice"},
  {"id": "self", "operationType": "move", "objectId": "g1", "newValue": {"parentId": "g1", "index": "a0"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "self-create", "operationType": "create", "objectId": "g3", "newValue": {"type": "group", "parentId": "g3"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "not-container", "operationType": "move", "objectId": "g2", "newValue": {"parentId": "e1", "index": "a0"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "not-container-create", "operationType": "create", "objectId": "e2", "newValue": {"type": "ellipse", "parentId": "r1"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "parent-unknown", "operationType": "move", "objectId": "e1", "newValue": {"parentId": "nope", "index": "a0"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "parent-deleted", "operationType": "move", "objectId": "e1", "newValue": {"parentId": "gone", "index": "a0"}, "timestamp": 4001, "clientId": "alice"},
  {"id": "into-group", "operationType": "move", "objectId": "e1", "newValue": {"parentId": "g2", "index": "a0"}, "timestamp": 4002, "clientId": "alice"},
  {"id": "to-page", "operationType": "move", "objectId": "g2", "newValue": {"parentId": null, "index": "b0"}, "timestamp": 4003, "clientId": "alice"},
  {"id": "now-allowed", "operationType": "move", "objectId": "g1", "newValue": {"parentId": "g2", "index": "a0"}, "timestamp": 4004, "clientId": "alice"}
]'));
SELECT o ->> 'id' AS id, o ->> 'type' AS type, o ->> 'parentId' AS parent, o ->> 'index' AS index
FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o ORDER BY 1;

------------------------------------------------------------------------------
-- The clock guard: a timestamp further ahead of the server clock than
-- vellum.max_clock_skew_ms (default 60 s) is rejected; the reason says by how
-- much (the figures depend on the clock, so they are masked).
SHOW vellum.max_clock_skew_ms;
CREATE TEMP TABLE clock AS SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms;
SELECT r.id, r.status, regexp_replace(r.reason, '[0-9]+', 'N', 'g') AS reason
FROM clock, pg_temp.results(vellum.apply_ops(:'file', jsonb_build_array(
  jsonb_build_object('id', 'ahead-10min', 'operationType', 'update', 'objectId', 'e1', 'propertyPath', 'x', 'newValue', 1, 'timestamp', now_ms + 600000, 'clientId', 'fast'),
  jsonb_build_object('id', 'ahead-1s', 'operationType', 'update', 'objectId', 'e1', 'propertyPath', 'y', 'newValue', 1, 'timestamp', now_ms + 1000, 'clientId', 'fast')))) r;
SET vellum.max_clock_skew_ms = 0;
SELECT r.id, r.status, regexp_replace(r.reason, '[0-9]+', 'N', 'g') AS reason
FROM clock, pg_temp.results(vellum.apply_ops(:'file', jsonb_build_array(
  jsonb_build_object('id', 'ahead-1min', 'operationType', 'update', 'objectId', 'e1', 'propertyPath', 'x', 'newValue', 2, 'timestamp', now_ms + 60000, 'clientId', 'fast'),
  jsonb_build_object('id', 'behind', 'operationType', 'update', 'objectId', 'e1', 'propertyPath', 'width', 'newValue', 2, 'timestamp', now_ms - 1000, 'clientId', 'fast')))) r;
SET vellum.max_clock_skew_ms = '1h';
SELECT r.id, r.status, regexp_replace(r.reason, '[0-9]+', 'N', 'g') AS reason
FROM clock, pg_temp.results(vellum.apply_ops(:'file', jsonb_build_array(
  jsonb_build_object('id', 'ahead-10min-allowed', 'operationType', 'update', 'objectId', 'e1', 'propertyPath', 'height', 'newValue', 3, 'timestamp', now_ms + 600000, 'clientId', 'fast')))) r;
RESET vellum.max_clock_skew_ms;
DROP TABLE clock;
------------------------------------------------------------------------------
-- Oversized values (vellum.max_value_bytes, the newValue as JSON text).
SET vellum.max_value_bytes = 64;
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', jsonb_build_array(
  jsonb_build_object('id', 'big-update', 'operationType', 'update', 'objectId', 'r1', 'propertyPath', 'name', 'newValue', repeat('n', 100), 'timestamp', 5000, 'clientId', 'alice'),
  jsonb_build_object('id', 'big-create', 'operationType', 'create', 'objectId', 'big', 'newValue', jsonb_build_object('type', 'text', 'text', repeat('t', 80)), 'timestamp', 5000, 'clientId', 'alice'),
  jsonb_build_object('id', 'small-update', 'operationType', 'update', 'objectId', 'r1', 'propertyPath', 'name', 'newValue', repeat('n', 20), 'timestamp', 5000, 'clientId', 'alice'))));
RESET vellum.max_value_bytes;
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', jsonb_build_array(
  jsonb_build_object('id', 'big-create-default-limit', 'operationType', 'create', 'objectId', 'big', 'newValue', jsonb_build_object('type', 'text', 'text', repeat('t', 80)), 'timestamp', 5000, 'clientId', 'alice'))));

------------------------------------------------------------------------------
-- Errors that refuse the whole call.
SET vellum.max_batch_ops = 2;
SELECT vellum.apply_ops(:'file', '[{"id": "m1"}, {"id": "m2"}, {"id": "m3"}]');
SELECT count(*) AS results FROM pg_temp.results(vellum.apply_ops(:'file', '[{"id": "m1"}, {"id": "m2"}]'));
RESET vellum.max_batch_ops;
-- The limits are superuser settings: a client role cannot widen its own.
CREATE ROLE regress_vellum_client;
SET ROLE regress_vellum_client;
SET vellum.max_clock_skew_ms = '1h';
SET vellum.max_value_bytes = 100000000;
SET vellum.max_batch_ops = 1000000;
RESET ROLE;
DROP ROLE regress_vellum_client;
-- And they have bounds.
SET vellum.max_value_bytes = 15;
SET vellum.max_batch_ops = 0;
SET vellum.max_clock_skew_ms = -1;
SELECT vellum.apply_ops(:'file', '{"id": "o1", "operationType": "delete", "objectId": "r1", "timestamp": 6000, "clientId": "alice"}');
SELECT vellum.apply_ops(:'file', '"ops"');
SELECT vellum.apply_ops(:'file', '17');
SELECT vellum.apply_ops(:'file', 'null');
SELECT vellum.apply_ops(:'file', NULL);
SELECT vellum.apply_ops(NULL, '[]');
SELECT vellum.apply_ops(:'missing', '[]');
SELECT vellum.apply_ops(:'trashed', '[{"id": "t1", "operationType": "create", "objectId": "t", "newValue": {"type": "frame"}, "timestamp": 1, "clientId": "a"}]');
-- None of those wrote anything.
SELECT last_seq FROM vellum.files WHERE id = :'file';
SELECT count(*) AS trashed_ops FROM vellum.operations WHERE file_id = :'trashed';

-- A batch is one transaction: rolled back, it leaves nothing behind.
BEGIN;
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[{"id": "rb1", "operationType": "create", "objectId": "rb", "newValue": {"type": "frame"}, "timestamp": 7000, "clientId": "alice"}]'));
ROLLBACK;
SELECT last_seq, (SELECT count(*) FROM vellum.objects WHERE file_id = :'file' AND object_id = 'rb') AS rb_rows
FROM vellum.files WHERE id = :'file';
-- ... and its key was not used.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[{"id": "rb1", "operationType": "create", "objectId": "rb", "newValue": {"type": "frame"}, "timestamp": 7000, "clientId": "alice"}]'));

------------------------------------------------------------------------------
-- Tombstones: a late update cannot resurrect a deleted object; a create
-- newer than the delete (an undo) brings it back with its old properties.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "tb1", "operationType": "create", "objectId": "tb", "newValue": {"type": "rectangle", "x": 1, "fill": "#111"}, "timestamp": 8000, "clientId": "alice"},
  {"id": "tb2", "operationType": "delete", "objectId": "tb", "timestamp": 8010, "clientId": "alice"},
  {"id": "tb3-late-update", "operationType": "update", "objectId": "tb", "propertyPath": "x", "newValue": 2, "timestamp": 8005, "clientId": "bob"},
  {"id": "tb4-newer-update", "operationType": "update", "objectId": "tb", "propertyPath": "x", "newValue": 3, "timestamp": 8020, "clientId": "bob"},
  {"id": "tb5-older-create", "operationType": "create", "objectId": "tb", "newValue": {"type": "rectangle", "y": 5}, "timestamp": 8009, "clientId": "bob"},
  {"id": "tb6-older-delete", "operationType": "delete", "objectId": "tb", "timestamp": 8001, "clientId": "bob"}
]'));
SELECT vellum.document(:'file') -> 'objects' @> '[{"id": "tb"}]' AS tb_visible;
SELECT * FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "tb7-undo", "operationType": "create", "objectId": "tb", "newValue": {"type": "rectangle", "y": 6}, "timestamp": 8030, "clientId": "alice"},
  {"id": "tb8-delete-before-undo", "operationType": "delete", "objectId": "tb", "timestamp": 8025, "clientId": "bob"}
]'));
SELECT o FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' = 'tb';
SELECT object_id, deleted, tombstone FROM vellum.objects WHERE file_id = :'file' AND object_id = 'tb';

------------------------------------------------------------------------------
-- The operations log: who, the server-observed old value, the new value, in
-- seq order; only applied ops are logged.
SELECT * FROM pg_temp.results(vellum.apply_ops(:'logfile', '[
  {"id": "l1", "operationType": "create", "objectId": "fr", "newValue": {"type": "frame", "name": "F"}, "timestamp": 2000, "clientId": "alice"},
  {"id": "l2", "operationType": "update", "objectId": "x1", "propertyPath": "text", "newValue": "bye", "timestamp": 2001, "clientId": "alice"},
  {"id": "l3", "operationType": "update", "objectId": "x1", "newValue": {"x": 5, "text": "ciao"}, "timestamp": 2002, "clientId": "bob"},
  {"id": "l4", "operationType": "update", "objectId": "x1", "propertyPath": "fontSize", "newValue": 12, "timestamp": 2003, "clientId": "bob"},
  {"id": "l5", "operationType": "move", "objectId": "x1", "newValue": {"parentId": "fr", "index": "a0"}, "timestamp": 2004, "clientId": "bob"},
  {"id": "l6-superseded", "operationType": "update", "objectId": "x1", "propertyPath": "x", "newValue": 6, "timestamp": 1, "clientId": "bob"},
  {"id": "l7-rejected", "operationType": "update", "objectId": "x1", "propertyPath": "x", "newValue": "6", "timestamp": 2005, "clientId": "bob"},
  {"id": "l1", "operationType": "create", "objectId": "fr", "newValue": {"type": "frame"}, "timestamp": 2006, "clientId": "bob"},
  {"idempotencyKey": "l8", "operationType": "delete", "objectId": "x1", "timestamp": 2007, "clientId": "alice"},
  {"id": "l9", "operationType": "create", "objectId": "x1", "newValue": {"type": "text", "text": "back"}, "timestamp": 2008, "clientId": "alice"},
  {"id": "l10", "operationType": "create", "objectId": "fr", "newValue": {"type": "frame", "name": "G", "width": 10}, "timestamp": 2009, "clientId": "alice"}
]', :'owner'));
SELECT seq, operation_type, object_id, property_path, old_value, new_value, "timestamp", client_id,
       user_id = :'owner' AS by_owner, idempotency_key
FROM vellum.operations WHERE file_id = :'logfile' ORDER BY seq;
SELECT last_seq FROM vellum.files WHERE id = :'logfile';

-- An op of which some properties lose to newer values is answered, logged
-- and relayed with only those that took effect (newValue in its result): a
-- replica loaded from vellum.document() knows values but not their stamps,
-- and must not be handed the losers. x1's text is from 2008; this update
-- from 2005 loses its text and wins its width. An op that takes effect
-- whole is answered without newValue.
SELECT e ->> 'id' AS id, e ->> 'status' AS status, e -> 'newValue' AS new_value
FROM jsonb_array_elements(vellum.apply_ops(:'logfile', '[
  {"id": "l11-partly", "operationType": "update", "objectId": "x1", "newValue": {"text": "stale", "width": 40}, "timestamp": 2005, "clientId": "carol"},
  {"id": "l12-whole", "operationType": "update", "objectId": "x1", "newValue": {"text": "new", "width": 50}, "timestamp": 2010, "clientId": "carol"}
]', :'owner')) e;
SELECT idempotency_key, new_value FROM vellum.operations
WHERE file_id = :'logfile' AND idempotency_key IN ('l11-partly', 'l12-whole') ORDER BY seq;
SELECT new_value FROM vellum.changes_since(:'logfile', 0) WHERE idempotency_key = 'l11-partly';

------------------------------------------------------------------------------
-- Only frames and groups hold children, so a container with children cannot
-- be turned into another type, whether by an update of "type" or by a newer
-- create (g2 holds e1 and g1).
SELECT r.id, r.status FROM pg_temp.results(vellum.apply_ops(:'file', '[
  {"id": "retype-update", "operationType": "update", "objectId": "g2", "propertyPath": "type", "newValue": "rectangle", "timestamp": 9000, "clientId": "alice"},
  {"id": "retype-create", "operationType": "create", "objectId": "g2", "newValue": {"type": "ellipse"}, "timestamp": 9001, "clientId": "alice"}
]')) r;
SELECT c ->> 'id' AS child, p ->> 'id' AS parent, p ->> 'type' AS parent_type
FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') c
JOIN jsonb_array_elements(vellum.document(:'file') -> 'objects') p ON p ->> 'id' = c ->> 'parentId'
WHERE p ->> 'type' NOT IN ('frame', 'group');

------------------------------------------------------------------------------
-- A create of an object the file already had (here: deleted) says so with
-- "objectExisted": a replica that loaded the file while it was deleted lacks
-- its other values, and the gateway relays the mark so that it loads the
-- file again. The log shows the same as a create with an old_value. A new
-- object's create and a create that lost to the delete carry no mark.
SELECT vellum.apply_ops(:'file', '[
  {"id": "back-new", "operationType": "create", "objectId": "back", "newValue": {"type": "rectangle", "x": 1, "fill": "#abcdef"}, "timestamp": 9100, "clientId": "alice"},
  {"id": "back-delete", "operationType": "delete", "objectId": "back", "timestamp": 9101, "clientId": "alice"},
  {"id": "back-older", "operationType": "create", "objectId": "back", "newValue": {"type": "rectangle", "x": 2}, "timestamp": 9100, "clientId": "alice"},
  {"id": "back-again", "operationType": "create", "objectId": "back", "newValue": {"type": "rectangle", "x": 3}, "timestamp": 9102, "clientId": "alice"}
]') AS results;
SELECT o FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' = 'back';
SELECT idempotency_key, old_value FROM vellum.changes_since(:'file', 0)
WHERE object_id = 'back' AND operation_type = 'create' ORDER BY seq;

-- The log's ids are time-ordered (UUID version 7, RFC 9562 variant), and
-- within a call they follow seq: the primary key grows at its right edge.
SELECT count(*) > 0 AS logged,
       bool_and(substr(id::text, 15, 1) = '7') AS version_7,
       bool_and(substr(id::text, 20, 1) IN ('8', '9', 'a', 'b')) AS rfc_variant,
       bool_and(to_timestamp(('x' || lpad(replace(substr(id::text, 1, 13), '-', ''), 16, '0'))::bit(64)::bigint / 1000.0)
                BETWEEN created_at - interval '1 minute' AND clock_timestamp()) AS stamped_with_the_time
FROM vellum.operations WHERE file_id = :'file';
SELECT count(*) AS out_of_order_in_one_call
FROM (SELECT id, lag(id) OVER (PARTITION BY created_at ORDER BY seq) AS before FROM vellum.operations WHERE file_id = :'file') x
WHERE x.id < x.before;

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'logfile', :'trashed');
DELETE FROM vellum.users WHERE id = :'owner';
