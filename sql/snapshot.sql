-- vellum.snapshot(file_id, name, created_by): saves the live document as the
-- file's next version (named when a name is given, an auto-save otherwise),
-- records the seq it was taken at, and refreshes files.canvas_data.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0010-000000000001
\set file 00000000-0000-0000-0010-0000000000f1
\set other 00000000-0000-0000-0010-0000000000f2
\set missing 00000000-0000-0000-0010-0000000000fe

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@example.com', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'file', 'Snapshots', :'owner'), (:'other', 'Other', :'owner');

-- An empty file can be saved.
SELECT file_id = :'file' AS right_file, version_number, name, is_auto_save, seq, canvas_data, created_by
FROM vellum.snapshot(:'file');

SELECT jsonb_agg(r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "1", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle", "x": 1}, "timestamp": 1000, "clientId": "a"},
  {"id": "2", "operationType": "create", "objectId": "r2", "newValue": {"type": "ellipse"}, "timestamp": 1000, "clientId": "a"}
]')) r;
-- Named, by a user: is_auto_save false, the document at seq 2.
SELECT version_number, name, is_auto_save, seq, canvas_data = vellum.document(:'file') AS is_document,
       created_by = :'owner' AS by_owner
FROM vellum.snapshot(:'file', 'First draft', :'owner');
SELECT canvas_data FROM vellum.file_versions WHERE file_id = :'file' AND version_number = 2;
-- files.canvas_data is the latest snapshot (not the live document).
SELECT canvas_data FROM vellum.files WHERE id = :'file';
SELECT jsonb_agg(r ->> 'status') FROM jsonb_array_elements(vellum.apply_ops(:'file', '[
  {"id": "3", "operationType": "update", "objectId": "r1", "propertyPath": "x", "newValue": 2, "timestamp": 1001, "clientId": "a"},
  {"id": "4", "operationType": "delete", "objectId": "r2", "timestamp": 1001, "clientId": "a"}
]')) r;
SELECT canvas_data ->> 'seq' AS canvas_seq FROM vellum.files WHERE id = :'file';
SELECT version_number, name, is_auto_save, seq FROM vellum.snapshot(:'file', NULL);
SELECT canvas_data FROM vellum.files WHERE id = :'file';
-- Snapshots of an unchanged document are still new versions.
SELECT version_number, name, is_auto_save, seq FROM vellum.snapshot(:'file', 'Same again');
-- Names may repeat and may be 255 characters long.
SELECT version_number, name, is_auto_save, seq FROM vellum.snapshot(:'file', 'First draft');
SELECT version_number, length(name) AS name_length, is_auto_save FROM vellum.snapshot(:'file', repeat('n', 255));

-- Numbering is per file.
SELECT version_number, is_auto_save, seq FROM vellum.snapshot(:'other');
-- Numbering continues after the oldest versions are removed (as retention does).
DELETE FROM vellum.file_versions WHERE file_id = :'file' AND version_number IN (1, 2);
SELECT version_number FROM vellum.snapshot(:'file');
SELECT version_number, left(name, 12) AS name, is_auto_save, seq FROM vellum.file_versions WHERE file_id = :'file' ORDER BY version_number;

-- Bad names (empty, blank, too long), unknown file, NULL file, unknown creator.
SELECT version_number FROM vellum.snapshot(:'file', '');
SELECT version_number FROM vellum.snapshot(:'file', '   ');
SELECT version_number FROM vellum.snapshot(:'file', repeat('n', 256));
SELECT version_number FROM vellum.snapshot(:'missing');
SELECT version_number FROM vellum.snapshot(NULL, 'name');
\set VERBOSITY terse
SELECT version_number FROM vellum.snapshot(:'file', 'By nobody', '00000000-0000-0000-0010-0000000000ff');
\set VERBOSITY default
-- None of those made a version.
SELECT count(*) AS versions, max(version_number) AS latest FROM vellum.file_versions WHERE file_id = :'file';

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'other');
DELETE FROM vellum.users WHERE id = :'owner';
