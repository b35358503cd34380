-- The schema CREATE EXTENSION vellum installs: the seeds' nine tables with
-- their columns, keys, cascades, check constraints and indexes, vellum's own
-- tables (objects, file_baselines), and the behaviour of every cascade.
\set SHOW_CONTEXT never

-- The tables, and that pg_dump will keep their rows (configuration tables).
SELECT table_name FROM information_schema.tables WHERE table_schema = 'vellum' ORDER BY table_name;
SELECT c::text AS config_table
FROM pg_extension e, unnest(e.extconfig::regclass[]) AS c
WHERE e.extname = 'vellum' ORDER BY 1;

-- Columns: type, length, nullability, default (and the generated column).
SELECT table_name, column_name, data_type, character_maximum_length AS len, is_nullable AS null,
       column_default, generation_expression
FROM information_schema.columns WHERE table_schema = 'vellum'
ORDER BY table_name, ordinal_position;

-- Every constraint: primary keys, unique keys, foreign keys with their
-- ON DELETE rule (the seeds' cascade table), and check constraints.
SELECT conrelid::regclass AS table_name, conname, contype, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE connamespace = 'vellum'::regnamespace
ORDER BY conrelid::regclass::text, contype, conname;

-- Indexes: the seeds' list. idx_file_versions_file(_number), idx_operations_file
-- and idx_operations_idempotency_lookup are served by the unique indexes
-- (file_id, version_number), (file_id, seq) and (file_id, idempotency_key);
-- the seeds' timestamp indexes on operations give way to (file_id, seq),
-- since vellum orders and catches up by seq, never by a client's clock.
SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'vellum' ORDER BY tablename, indexname;

-- The functions and how PostgreSQL may call them.
SELECT p.oid::regprocedure AS function, p.prorettype::regtype AS returns, p.provolatile AS volatility,
       p.proisstrict AS strict, p.proparallel AS parallel
FROM pg_proc p WHERE p.pronamespace = 'vellum'::regnamespace ORDER BY p.proname;
SELECT tgname, tgrelid::regclass, tgfoid::regproc, tgenabled FROM pg_trigger
WHERE tgrelid = 'vellum.operations'::regclass AND NOT tgisinternal;

-- Fixtures. Users: the owner who will be deleted, a second user, a member.
\set gone 00000000-0000-0000-0001-000000000001
\set other 00000000-0000-0000-0001-000000000002
\set member 00000000-0000-0000-0001-000000000003
\set team 00000000-0000-0000-0001-000000000021
\set team2 00000000-0000-0000-0001-000000000022
\set project 00000000-0000-0000-0001-000000000031
\set project2 00000000-0000-0000-0001-000000000032
\set file 00000000-0000-0000-0001-0000000000f1
\set file2 00000000-0000-0000-0001-0000000000f2
\set comment 00000000-0000-0000-0001-0000000000c1
\set reply 00000000-0000-0000-0001-0000000000c2

INSERT INTO vellum.users (id, email, name) VALUES
    (:'gone', 'gone@example.com', 'Gone'),
    (:'other', 'other@example.com', 'Other'),
    (:'member', 'member@example.com', 'Member');
INSERT INTO vellum.teams (id, name, owner_id) VALUES (:'team', 'Team', :'gone'), (:'team2', 'Team 2', :'other');
INSERT INTO vellum.team_members (team_id, user_id) VALUES (:'team', :'gone'), (:'team', :'member');
INSERT INTO vellum.projects (id, name, team_id, owner_id) VALUES
    (:'project', 'Project', :'team', :'gone'),
    (:'project2', 'Project 2', :'team2', :'other');
INSERT INTO vellum.files (id, name, project_id, owner_id, team_id) VALUES
    (:'file', 'File', :'project2', :'gone', :'team2'),
    (:'file2', 'File 2', :'project', :'other', :'team');

-- Defaults.
SELECT email, role, password_hash FROM vellum.users ORDER BY email;
SELECT role FROM vellum.team_members WHERE user_id = :'member';
SELECT canvas_data, last_seq, deleted_at, thumbnail_url FROM vellum.files WHERE id = :'file';

-- Everything the first file owns, written by the user about to be deleted.
SELECT r ->> 'status' AS status FROM jsonb_array_elements(vellum.apply_ops(:'file',
    '[{"id": "s1", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle"}, "timestamp": 1000, "clientId": "a"},
      {"id": "s2", "operationType": "create", "objectId": "r2", "newValue": {"type": "ellipse"}, "timestamp": 1000, "clientId": "a"},
      {"id": "s3", "operationType": "delete", "objectId": "r2", "timestamp": 1001, "clientId": "a"}]', :'gone')) r;
SELECT version_number, is_auto_save FROM vellum.snapshot(:'file', NULL, :'gone');
INSERT INTO vellum.comments (id, file_id, user_id, content) VALUES (:'comment', :'file', :'gone', 'Looks good');
INSERT INTO vellum.comments (id, file_id, user_id, content, parent_id) VALUES (:'reply', :'file', :'other', 'Thanks', :'comment');
INSERT INTO vellum.file_permissions (file_id, user_id) VALUES (:'file', :'gone'), (:'file', :'other');
SELECT permission FROM vellum.file_permissions WHERE user_id = :'other';
SELECT resolved FROM vellum.comments WHERE id = :'comment';
INSERT INTO vellum.file_baselines (file_id, seq, objects) VALUES (:'file', 0, '{}');

-- The generated column: deleted follows the tombstone.
SELECT object_id, deleted FROM vellum.objects WHERE file_id = :'file' ORDER BY object_id;

-- Check constraints and unique keys (terse: the failing row has timestamps).
\set VERBOSITY terse
INSERT INTO vellum.users (email, name, role) VALUES ('root@example.com', 'Root', 'root');
INSERT INTO vellum.users (email, name) VALUES ('gone@example.com', 'Again');
INSERT INTO vellum.users (email) VALUES ('noname@example.com');
INSERT INTO vellum.team_members (team_id, user_id, role) VALUES (:'team2', :'member', 'boss');
INSERT INTO vellum.team_members (team_id, user_id) VALUES (:'team', :'member');
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES (:'file2', :'member', 'write');
INSERT INTO vellum.file_permissions (file_id, user_id) VALUES (:'file', :'other');
INSERT INTO vellum.comments (file_id, content) VALUES (:'file', '');
INSERT INTO vellum.comments (file_id, content) VALUES (:'file', repeat('x', 10001));
INSERT INTO vellum.comments (file_id, content) VALUES (:'file', repeat('x', 10000));
INSERT INTO vellum.file_versions (file_id, version_number, canvas_data) VALUES (:'file', 1, '{}');
INSERT INTO vellum.file_versions (file_id, version_number) VALUES (:'file', 7);
UPDATE vellum.files SET last_seq = -1 WHERE id = :'file';
INSERT INTO vellum.files (name) VALUES (NULL);
INSERT INTO vellum.files (name, owner_id) VALUES ('Orphan', '00000000-0000-0000-0001-0000000000ee');
-- operation_type's check: only a row restored with its seq reaches it (the
-- trigger vets every other row before the constraints run).
DELETE FROM vellum.operations WHERE file_id = :'file' AND seq = 1;
INSERT INTO vellum.operations (file_id, operation_type, object_id, "timestamp", seq) VALUES (:'file', 'rename', 'r1', 1, 1);
\set VERBOSITY default
-- The comment of 10000 characters was accepted.
SELECT count(*) FROM vellum.comments WHERE file_id = :'file' AND length(content) = 10000;

-- Deleting a user: teams, projects, files, versions, comments and operations
-- keep their rows with the reference cleared; memberships and grants go.
DELETE FROM vellum.users WHERE id = :'gone';
SELECT name, owner_id FROM vellum.teams ORDER BY name;
SELECT name, owner_id FROM vellum.projects ORDER BY name;
SELECT name, owner_id FROM vellum.files ORDER BY name;
SELECT version_number, created_by FROM vellum.file_versions WHERE file_id = :'file';
SELECT content, user_id FROM vellum.comments WHERE file_id = :'file' AND length(content) < 100 ORDER BY content;
SELECT seq, user_id FROM vellum.operations WHERE file_id = :'file' ORDER BY seq;
SELECT team_id, user_id FROM vellum.team_members ORDER BY user_id;
SELECT user_id, permission FROM vellum.file_permissions ORDER BY user_id;

-- Deleting a parent comment deletes its replies.
DELETE FROM vellum.comments WHERE id = :'comment';
SELECT count(*) AS comments_left FROM vellum.comments WHERE id IN (:'comment', :'reply');

-- Deleting a project leaves its files with no project.
DELETE FROM vellum.projects WHERE id = :'project2';
SELECT name, project_id, team_id FROM vellum.files WHERE id = :'file';

-- Deleting a team deletes its memberships and projects; its files stay, with
-- no team (and no project, since the project went with the team).
DELETE FROM vellum.teams WHERE id = :'team';
SELECT count(*) AS memberships FROM vellum.team_members WHERE team_id = :'team';
SELECT count(*) AS projects FROM vellum.projects WHERE team_id = :'team';
SELECT name, project_id, team_id FROM vellum.files WHERE id = :'file2';

-- Deleting a file deletes its versions, comments, permissions, operations,
-- objects and baseline.
INSERT INTO vellum.comments (file_id, user_id, content) VALUES (:'file', :'other', 'Second');
SELECT (SELECT count(*) FROM vellum.file_versions WHERE file_id = :'file') AS versions,
       (SELECT count(*) FROM vellum.comments WHERE file_id = :'file') AS comments,
       (SELECT count(*) FROM vellum.file_permissions WHERE file_id = :'file') AS permissions,
       (SELECT count(*) FROM vellum.operations WHERE file_id = :'file') AS operations,
       (SELECT count(*) FROM vellum.objects WHERE file_id = :'file') AS objects,
       (SELECT count(*) FROM vellum.file_baselines WHERE file_id = :'file') AS baselines;
DELETE FROM vellum.files WHERE id = :'file';
SELECT (SELECT count(*) FROM vellum.file_versions WHERE file_id = :'file') AS versions,
       (SELECT count(*) FROM vellum.comments WHERE file_id = :'file') AS comments,
       (SELECT count(*) FROM vellum.file_permissions WHERE file_id = :'file') AS permissions,
       (SELECT count(*) FROM vellum.operations WHERE file_id = :'file') AS operations,
       (SELECT count(*) FROM vellum.objects WHERE file_id = :'file') AS objects,
       (SELECT count(*) FROM vellum.file_baselines WHERE file_id = :'file') AS baselines;

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'file2');
DELETE FROM vellum.teams WHERE id IN (:'team', :'team2');
DELETE FROM vellum.users WHERE id IN (:'gone', :'other', :'member');
SELECT (SELECT count(*) FROM vellum.users) + (SELECT count(*) FROM vellum.teams) + (SELECT count(*) FROM vellum.files)
       + (SELECT count(*) FROM vellum.projects) AS rows_left;
