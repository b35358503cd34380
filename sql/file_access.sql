-- vellum.file_access(file_id, user_id): the access a user has to a file,
-- the best of every grant: admin (owner, site admin, admin grant, team owner
-- or admin), edit (edit grant, team member), view (view grant, team viewer),
-- or NULL.
\set SHOW_CONTEXT never

\set owner 00000000-0000-0000-0003-000000000001
\set siteadmin 00000000-0000-0000-0003-000000000002
\set granted_view 00000000-0000-0000-0003-000000000003
\set granted_edit 00000000-0000-0000-0003-000000000004
\set granted_admin 00000000-0000-0000-0003-000000000005
\set team_owner 00000000-0000-0000-0003-000000000006
\set team_admin 00000000-0000-0000-0003-000000000007
\set team_member 00000000-0000-0000-0003-000000000008
\set team_viewer 00000000-0000-0000-0003-000000000009
\set stranger 00000000-0000-0000-0003-00000000000a
\set viewer_and_member 00000000-0000-0000-0003-00000000000b
\set nobody 00000000-0000-0000-0003-0000000000ff
\set team 00000000-0000-0000-0003-000000000021
\set other_team 00000000-0000-0000-0003-000000000022
\set project 00000000-0000-0000-0003-000000000031
-- file_team: the file's own team_id. file_project: no team_id, in a project
-- of the team. file_personal: no team at all. file_both: team_id names
-- other_team while its project belongs to team: members of either team get in.
\set file_team 00000000-0000-0000-0003-0000000000f1
\set file_project 00000000-0000-0000-0003-0000000000f2
\set file_personal 00000000-0000-0000-0003-0000000000f3
\set file_both 00000000-0000-0000-0003-0000000000f4
\set missing_file 00000000-0000-0000-0003-0000000000fe

INSERT INTO vellum.users (id, email, name, role) VALUES
    (:'owner', 'owner@example.com', 'Owner', 'user'),
    (:'siteadmin', 'siteadmin@example.com', 'Site admin', 'admin'),
    (:'granted_view', 'view@example.com', 'View grant', 'user'),
    (:'granted_edit', 'edit@example.com', 'Edit grant', 'user'),
    (:'granted_admin', 'admin@example.com', 'Admin grant', 'user'),
    (:'team_owner', 'team-owner@example.com', 'Team owner', 'user'),
    (:'team_admin', 'team-admin@example.com', 'Team admin', 'user'),
    (:'team_member', 'team-member@example.com', 'Team member', 'user'),
    (:'team_viewer', 'team-viewer@example.com', 'Team viewer', 'user'),
    (:'stranger', 'stranger@example.com', 'Stranger', 'user'),
    (:'viewer_and_member', 'both@example.com', 'View grant and team member', 'user');
INSERT INTO vellum.teams (id, name, owner_id) VALUES (:'team', 'Team', :'team_owner'), (:'other_team', 'Other', NULL);
INSERT INTO vellum.team_members (team_id, user_id, role) VALUES
    (:'team', :'team_owner', 'owner'),
    (:'team', :'team_admin', 'admin'),
    (:'team', :'team_member', 'member'),
    (:'team', :'team_viewer', 'viewer'),
    (:'team', :'viewer_and_member', 'member');
INSERT INTO vellum.projects (id, name, team_id, owner_id) VALUES (:'project', 'Project', :'team', :'owner');
INSERT INTO vellum.files (id, name, owner_id, team_id, project_id) VALUES
    (:'file_team', 'Team file', :'owner', :'team', NULL),
    (:'file_project', 'Project file', :'owner', NULL, :'project'),
    (:'file_personal', 'Personal file', :'owner', NULL, NULL),
    (:'file_both', 'Other team file', :'owner', :'other_team', :'project');
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
    (:'file_personal', :'granted_view', 'view'),
    (:'file_personal', :'granted_edit', 'edit'),
    (:'file_personal', :'granted_admin', 'admin'),
    (:'file_team', :'viewer_and_member', 'view');

-- Every user against every file. A file's own team_id names its team; the
-- project's team counts only when the file has none (file_both: team members
-- of the project's team get nothing, since the file belongs to other_team).
SELECT u.name AS user_name,
       vellum.file_access(:'file_team', u.id) AS team_file,
       vellum.file_access(:'file_project', u.id) AS project_file,
       vellum.file_access(:'file_personal', u.id) AS personal_file,
       vellum.file_access(:'file_both', u.id) AS other_team_file
FROM vellum.users u WHERE u.id::text LIKE '00000000-0000-0000-0003-%' ORDER BY u.id;

-- An unknown user, an unknown file (even for a site admin), NULL arguments.
SELECT vellum.file_access(:'file_team', :'nobody') AS unknown_user,
       vellum.file_access(:'missing_file', :'owner') AS unknown_file,
       vellum.file_access(:'missing_file', :'siteadmin') AS admin_unknown_file,
       vellum.file_access(NULL, :'owner') AS null_file,
       vellum.file_access(:'file_team', NULL) AS null_user;

-- Access follows the data: a revoked grant, a team left, an owner changed.
DELETE FROM vellum.file_permissions WHERE file_id = :'file_personal' AND user_id = :'granted_edit';
DELETE FROM vellum.team_members WHERE team_id = :'team' AND user_id = :'team_member';
UPDATE vellum.files SET owner_id = :'stranger' WHERE id = :'file_personal';
SELECT vellum.file_access(:'file_personal', :'granted_edit') AS revoked,
       vellum.file_access(:'file_team', :'team_member') AS left_team,
       vellum.file_access(:'file_personal', :'owner') AS former_owner,
       vellum.file_access(:'file_personal', :'stranger') AS new_owner;

-- Clean up.
DELETE FROM vellum.files WHERE id IN (:'file_team', :'file_project', :'file_personal', :'file_both');
DELETE FROM vellum.teams WHERE id IN (:'team', :'other_team');
DELETE FROM vellum.users WHERE id::text LIKE '00000000-0000-0000-0003-%';
