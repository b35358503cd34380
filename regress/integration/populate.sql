-- A small but complete Vellum database: every table has rows.
CREATE EXTENSION vellum;
INSERT INTO vellum.users (id, email, name, role) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'ada@example.com', 'Ada', 'admin'),
  ('00000000-0000-0000-0000-0000000000a2', 'bob@example.com', 'Bob', 'user');
INSERT INTO vellum.teams (id, name, owner_id) VALUES
  ('00000000-0000-0000-0000-0000000000b1', 'Studio', '00000000-0000-0000-0000-0000000000a1');
INSERT INTO vellum.team_members (team_id, user_id, role) VALUES
  ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a1', 'owner'),
  ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000a2', 'member');
INSERT INTO vellum.projects (id, name, team_id, owner_id) VALUES
  ('00000000-0000-0000-0000-0000000000c1', 'Brand', '00000000-0000-0000-0000-0000000000b1',
   '00000000-0000-0000-0000-0000000000a1');
INSERT INTO vellum.files (id, name, project_id, owner_id, team_id) VALUES
  ('00000000-0000-0000-0000-0000000000f1', 'Poster', '00000000-0000-0000-0000-0000000000c1',
   '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1'),
  ('00000000-0000-0000-0000-0000000000f2', 'Old sketch', NULL, '00000000-0000-0000-0000-0000000000a2', NULL);
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
  ('00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-0000000000a1', 'edit');
INSERT INTO vellum.images (sha256, content_type, bytes)
  VALUES (encode(sha256('\x89504e470d0a1a0a00'::bytea), 'hex'), 'image/png', '\x89504e470d0a1a0a00');
INSERT INTO vellum.file_images (file_id, sha256, uploaded_by)
  VALUES ('00000000-0000-0000-0000-0000000000f1', encode(sha256('\x89504e470d0a1a0a00'::bytea), 'hex'),
          '00000000-0000-0000-0000-0000000000a1');
INSERT INTO vellum.invitations (email, team_id, file_id, role, invited_by) VALUES
  ('newcomer@example.com', '00000000-0000-0000-0000-0000000000b1', NULL, 'member', '00000000-0000-0000-0000-0000000000a1'),
  ('newcomer@example.com', NULL, '00000000-0000-0000-0000-0000000000f1', 'view', '00000000-0000-0000-0000-0000000000a1');

SELECT vellum.apply_ops('00000000-0000-0000-0000-0000000000f1', '[
  {"idempotencyKey": "k-frame", "operationType": "create", "objectId": "frame",
   "newValue": {"type": "frame", "x": 0, "y": 0, "width": 1080, "height": 1350, "fill": "#ffffff"},
   "timestamp": 1700000000000, "clientId": "ada"},
  {"idempotencyKey": "k-title-create", "operationType": "create", "objectId": "title",
   "newValue": {"type": "text", "text": "Hello", "x": 40, "y": 40, "fontSize": 48, "parentId": "frame", "index": "a0"},
   "timestamp": 1700000000001, "clientId": "ada"},
  {"idempotencyKey": "k-title", "operationType": "update", "objectId": "title", "propertyPath": "text",
   "newValue": "Hello, Vellum", "timestamp": 1700000000002, "clientId": "bob"},
  {"idempotencyKey": "k-dot", "operationType": "create", "objectId": "dot",
   "newValue": {"type": "ellipse", "x": 500, "y": 500, "width": 80, "height": 80, "fill": "#ff3366"},
   "timestamp": 1700000000003, "clientId": "bob"},
  {"idempotencyKey": "k-dot-delete", "operationType": "delete", "objectId": "dot",
   "timestamp": 1700000000004, "clientId": "ada"}
]', '00000000-0000-0000-0000-0000000000a1');
SELECT vellum.snapshot('00000000-0000-0000-0000-0000000000f1', 'First draft', '00000000-0000-0000-0000-0000000000a1');
SELECT vellum.apply_ops('00000000-0000-0000-0000-0000000000f2', '[
  {"idempotencyKey": "k-sketch", "operationType": "create", "objectId": "box",
   "newValue": {"type": "rectangle", "x": 1, "y": 2, "width": 3, "height": 4}, "timestamp": 1700000000000, "clientId": "bob"},
  {"idempotencyKey": "k-sketch-2", "operationType": "update", "objectId": "box",
   "newValue": {"x": 10, "y": 20}, "timestamp": 1700000000001, "clientId": "bob"}
]');
-- A baseline: the first op of the sketch folded away, as retention does.
SELECT vellum.compact_operations('00000000-0000-0000-0000-0000000000f2', 1);
SELECT vellum.snapshot('00000000-0000-0000-0000-0000000000f2');

INSERT INTO vellum.comments (id, file_id, user_id, object_id, content) VALUES
  ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-0000000000f1',
   '00000000-0000-0000-0000-0000000000a2', 'title', 'Bigger title?');
INSERT INTO vellum.comments (file_id, user_id, position_x, position_y, content, parent_id) VALUES
  ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000a1', 100, 200, 'Agreed.',
   '00000000-0000-0000-0000-0000000000d1');
