-- apply_ops with a user_id: the user must be able to edit the file (owner,
-- site admin, file_permissions edit or admin, member, admin or owner of the
-- file's team); otherwise the whole call fails with a permission error
-- (SQLSTATE 42501) and nothing is applied. The log records who wrote.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0005-000000000001
\set editor 00000000-0000-0000-0005-000000000002
\set viewer 00000000-0000-0000-0005-000000000003
\set stranger 00000000-0000-0000-0005-000000000004
\set member 00000000-0000-0000-0005-000000000005
\set team_viewer 00000000-0000-0000-0005-000000000006
\set siteadmin 00000000-0000-0000-0005-000000000007
\set grant_admin 00000000-0000-0000-0005-000000000008
\set project_member 00000000-0000-0000-0005-000000000009
\set unknown 00000000-0000-0000-0005-0000000000ff
\set team 00000000-0000-0000-0005-000000000021
\set team2 00000000-0000-0000-0005-000000000022
\set project 00000000-0000-0000-0005-000000000031
\set file 00000000-0000-0000-0005-0000000000f1
\set project_file 00000000-0000-0000-0005-0000000000f2

INSERT INTO vellum.users (id, email, name, role) VALUES
    (:'owner', 'owner@example.com', 'Owner', 'user'),
    (:'editor', 'editor@example.com', 'Editor', 'user'),
    (:'viewer', 'viewer@example.com', 'Viewer', 'user'),
    (:'stranger', 'stranger@example.com', 'Stranger', 'user'),
    (:'member', 'member@example.com', 'Member', 'user'),
    (:'team_viewer', 'team-viewer@example.com', 'Team viewer', 'user'),
    (:'siteadmin', 'siteadmin@example.com', 'Site admin', 'admin'),
    (:'grant_admin', 'grant-admin@example.com', 'Admin grant', 'user'),
    (:'project_member', 'project-member@example.com', 'Project team member', 'user');
INSERT INTO vellum.teams (id, name) VALUES (:'team', 'Team'), (:'team2', 'Team 2');
INSERT INTO vellum.team_members (team_id, user_id, role) VALUES
    (:'team', :'member', 'member'), (:'team', :'team_viewer', 'viewer'), (:'team2', :'project_member', 'member');
INSERT INTO vellum.projects (id, name, team_id) VALUES (:'project', 'Project', :'team2');
INSERT INTO vellum.files (id, name, owner_id, team_id) VALUES (:'file', 'Shared', :'owner', :'team');
INSERT INTO vellum.files (id, name, owner_id, project_id) VALUES (:'project_file', 'In a project', :'owner', :'project');
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
    (:'file', :'editor', 'edit'), (:'file', :'viewer', 'view'), (:'file', :'grant_admin', 'admin');

-- One op per call, the key naming who sent it.
CREATE FUNCTION pg_temp.op(key text, t bigint) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_array(jsonb_build_object('id', key, 'operationType', 'update', 'objectId', 'r1',
        'propertyPath', 'name', 'newValue', key, 'timestamp', t, 'clientId', key))
$$;
-- The SQLSTATE and message of a statement's error, or 'ok'.
CREATE FUNCTION pg_temp.outcome(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- Allowed: the owner, an edit or admin grant, a team member, a site admin.
SELECT vellum.apply_ops(:'file', '[{"id": "create", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle"}, "timestamp": 1000, "clientId": "owner"}]', :'owner') ->> 0;
SELECT vellum.apply_ops(:'file', pg_temp.op('editor', 1001), :'editor') ->> 0;
SELECT vellum.apply_ops(:'file', pg_temp.op('grant_admin', 1002), :'grant_admin') ->> 0;
SELECT vellum.apply_ops(:'file', pg_temp.op('member', 1003), :'member') ->> 0;
SELECT vellum.apply_ops(:'file', pg_temp.op('siteadmin', 1004), :'siteadmin') ->> 0;
-- Without user_id the caller is trusted (SQL, the gateway after its own check).
SELECT vellum.apply_ops(:'file', pg_temp.op('trusted', 1005)) ->> 0;

-- Refused: a view grant, a team viewer, no access at all, an unknown user.
SELECT vellum.apply_ops(:'file', pg_temp.op('viewer', 2000), :'viewer');
SELECT vellum.apply_ops(:'file', pg_temp.op('team_viewer', 2000), :'team_viewer');
SELECT vellum.apply_ops(:'file', pg_temp.op('stranger', 2000), :'stranger');
SELECT vellum.apply_ops(:'file', pg_temp.op('unknown', 2000), :'unknown');
-- They are permission errors, whatever the ops (even an empty batch).
SELECT pg_temp.outcome(format('SELECT vellum.apply_ops(%L, %L, %L)', :'file', '[]', :'viewer')) AS viewer_empty_batch,
       pg_temp.outcome(format('SELECT vellum.apply_ops(%L, %L, %L)', :'file', '[]', :'stranger')) AS stranger_empty_batch;
SELECT pg_temp.outcome(format('SELECT vellum.apply_ops(%L, %L, %L)', :'file', '[]', :'unknown')) AS unknown_user;
-- An unknown file is reported as such, not as a permission problem.
SELECT pg_temp.outcome(format('SELECT vellum.apply_ops(%L, %L, %L)', '00000000-0000-0000-0005-0000000000fe', '[]', :'owner')) AS unknown_file;

-- Nothing the refused users sent was applied.
SELECT o ->> 'name' AS name FROM jsonb_array_elements(vellum.document(:'file') -> 'objects') o;
SELECT seq, new_value, u.name AS written_by
FROM vellum.operations o LEFT JOIN vellum.users u ON u.id = o.user_id
WHERE o.file_id = :'file' ORDER BY seq;

-- The team of the file's project counts when the file has no team.
SELECT vellum.apply_ops(:'project_file', '[{"id": "p1", "operationType": "create", "objectId": "r1", "newValue": {"type": "rectangle"}, "timestamp": 1000, "clientId": "pm"}]', :'project_member') ->> 0;
SELECT vellum.apply_ops(:'project_file', pg_temp.op('member-of-other-team', 1001), :'member');

-- Rights follow the data: revoking the grant refuses the next call;
-- promoting the viewer lets them in.
DELETE FROM vellum.file_permissions WHERE file_id = :'file' AND user_id = :'editor';
SELECT pg_temp.outcome(format('SELECT vellum.apply_ops(%L, %L, %L)', :'file', pg_temp.op('editor-again', 3000), :'editor')) AS revoked;
UPDATE vellum.file_permissions SET permission = 'edit' WHERE file_id = :'file' AND user_id = :'viewer';
SELECT vellum.apply_ops(:'file', pg_temp.op('viewer-promoted', 3001), :'viewer') ->> 0;

-- The same rule guards INSERT INTO vellum.operations with a user_id and
-- restore_version with a user_id.
INSERT INTO vellum.operations (file_id, user_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', :'stranger', 'update', 'r1', 'name', '"by insert"', 4000, 'stranger');
INSERT INTO vellum.operations (file_id, user_id, operation_type, object_id, property_path, new_value, "timestamp", client_id)
VALUES (:'file', :'member', 'update', 'r1', 'name', '"by insert"', 4000, 'member');
SELECT version_number FROM vellum.snapshot(:'file', 'v1');
SELECT pg_temp.outcome(format('SELECT vellum.restore_version(%L, %L, %L)', :'file',
    (SELECT id FROM vellum.file_versions WHERE file_id = :'file'), :'team_viewer')) AS viewer_restore;

SELECT seq, new_value, u.name AS written_by
FROM vellum.operations o LEFT JOIN vellum.users u ON u.id = o.user_id
WHERE o.file_id = :'file' AND seq > 6 ORDER BY seq;

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file', :'project_file');
DELETE FROM vellum.teams WHERE id IN (:'team', :'team2');
DELETE FROM vellum.users WHERE id::text LIKE '00000000-0000-0000-0005-%';
