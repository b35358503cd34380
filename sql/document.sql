-- vellum.document(file_id): {"fileId", "seq", "objects": [{"id", "type", ...}]}
-- with the live objects only (not deleted, no deleted ancestor), values only
-- (no registers), unset (null) properties left out, sorted by id.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0007-000000000001
\set file 00000000-0000-0000-0007-0000000000f1
\set missing 00000000-0000-0000-0007-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'file', 'Document', :'owner');

-- A new file.
SELECT vellum.document(:'file');

-- Objects come sorted by id (byte order), whatever order they were made in.
SELECT jsonb_array_length(vellum.apply_ops(:'file', '[
  {"id": "c1", "operationType": "create", "objectId": "b", "newValue": {"type": "rectangle", "x": 1}, "timestamp": 1000, "clientId": "a"},
  {"id": "c2", "operationType": "create", "objectId": "a2", "newValue": {"type": "ellipse", "fill": "#fff"}, "timestamp": 1000, "clientId": "a"},
  {"id": "c3", "operationType": "create", "objectId": "a10", "newValue": {"type": "text", "text": "Hi", "fontSize": 12}, "timestamp": 1000, "clientId": "a"},
  {"id": "c4", "operationType": "create", "objectId": "B", "newValue": {"type": "image", "src": "https://example.com/i.png"}, "timestamp": 1000, "clientId": "a"}
]'));
SELECT vellum.document(:'file');

-- A property set to null is unset and left out; a later value brings it back.
SELECT jsonb_array_length(vellum.apply_ops(:'file', '[
  {"id": "n1", "operationType": "update", "objectId": "a2", "propertyPath": "fill", "newValue": null, "timestamp": 1001, "clientId": "a"},
  {"id": "n2", "operationType": "update", "objectId": "b", "newValue": {"x": null, "y": 4}, "timestamp": 1001, "clientId": "a"}
]'));
SELECT o FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' IN ('a2', 'b');
SELECT vellum.apply_ops(:'file', '[{"id": "n3", "operationType": "update", "objectId": "a2", "propertyPath": "fill", "newValue": "#000", "timestamp": 1002, "clientId": "a"}]') -> 0 ->> 'status';
SELECT o FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o WHERE o ->> 'id' = 'a2';

-- Deleted objects are left out, and so are the children of a deleted frame
-- or group (at any depth); undeleting the frame brings them all back.
SELECT jsonb_array_length(vellum.apply_ops(:'file', '[
  {"id": "t1", "operationType": "create", "objectId": "frame", "newValue": {"type": "frame"}, "timestamp": 2000, "clientId": "a"},
  {"id": "t2", "operationType": "create", "objectId": "group", "newValue": {"type": "group", "parentId": "frame", "index": "a0"}, "timestamp": 2000, "clientId": "a"},
  {"id": "t3", "operationType": "move", "objectId": "b", "newValue": {"parentId": "group", "index": "a0"}, "timestamp": 2001, "clientId": "a"},
  {"id": "t4", "operationType": "delete", "objectId": "B", "timestamp": 2001, "clientId": "a"}
]'));
SELECT array_agg(o ->> 'id' ORDER BY o ->> 'id') AS live FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o;
SELECT vellum.apply_ops(:'file', '[{"id": "t5", "operationType": "delete", "objectId": "frame", "timestamp": 2002, "clientId": "a"}]') -> 0 ->> 'status';
SELECT array_agg(o ->> 'id' ORDER BY o ->> 'id') AS live FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o;
SELECT vellum.document_text(:'file')::jsonb = vellum.document(:'file') AS text_hides_them_too;
SELECT vellum.apply_ops(:'file', '[{"id": "t6", "operationType": "create", "objectId": "frame", "newValue": {"type": "frame"}, "timestamp": 2003, "clientId": "a"}]') -> 0 ->> 'status';
SELECT array_agg(o ->> 'id' ORDER BY o ->> 'id') AS live FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o;
-- Moving a child out of a deleted group shows it again.
SELECT vellum.apply_ops(:'file', '[{"id": "t7", "operationType": "delete", "objectId": "group", "timestamp": 2004, "clientId": "a"},
                                   {"id": "t8", "operationType": "move", "objectId": "b", "newValue": {"parentId": null, "index": "a5"}, "timestamp": 2005, "clientId": "a"}]') @> '[{"status": "applied"}, {"status": "applied"}]' AS applied;
SELECT vellum.document(:'file');

-- seq is the file's last applied seq; rejected and superseded ops leave it.
SELECT vellum.apply_ops(:'file', '[{"id": "r1", "operationType": "update", "objectId": "b", "propertyPath": "y", "newValue": "no", "timestamp": 3000, "clientId": "a"},
                                   {"id": "r2", "operationType": "update", "objectId": "b", "propertyPath": "y", "newValue": 0, "timestamp": 1, "clientId": "a"}]') IS NOT NULL AS called;
SELECT (vellum.document(:'file') ->> 'seq')::bigint = last_seq AS seq_is_last_seq, last_seq FROM vellum.files WHERE id = :'file';

-- vellum.document_text is the same document as JSON text, written directly.
SELECT vellum.document_text(:'file')::jsonb = vellum.document(:'file') AS text_is_the_document,
       vellum.document_text(:'file') LIKE '{"fileId": "' || :'file' || '", "seq": %' AS text_starts_with_file_and_seq;
SELECT vellum.document_text(:'missing');
-- The file's rows are read by its key, with sequential scans off for that one
-- statement only: the session's setting is as it was.
SET enable_seqscan = on;
SELECT vellum.document_text(:'file') IS NOT NULL AS read, current_setting('enable_seqscan') AS enable_seqscan_after;
SET enable_seqscan = off;
SELECT vellum.document_text(:'file') IS NOT NULL AS read, current_setting('enable_seqscan') AS enable_seqscan_after;
RESET enable_seqscan;

-- A file in the trash can still be read.
UPDATE vellum.files SET deleted_at = now() WHERE id = :'file';
SELECT jsonb_array_length(vellum.document(:'file') -> 'objects') AS objects_in_trashed_file;

-- Unknown file; NULL (STRICT).
SELECT vellum.document(:'missing');
SELECT vellum.document(NULL) IS NULL AS is_null;

-- Clean up.
DELETE FROM vellum.files WHERE id = :'file';
DELETE FROM vellum.users WHERE id = :'owner';
