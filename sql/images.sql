-- vellum.images and vellum.file_images: image bytes stored once per content
-- (keyed and checked by their SHA-256), linked to the files they were placed
-- in; purging a file unlinks them, and cleanup() removes images no file uses.
\set SHOW_CONTEXT never
\set owner 00000000-0000-0000-0015-000000000001
\set poster 00000000-0000-0000-0015-0000000000f1
\set flyer 00000000-0000-0000-0015-0000000000f2

INSERT INTO vellum.users (id, email, name) VALUES (:'owner', 'owner@images.example', 'Owner');
INSERT INTO vellum.files (id, name, owner_id) VALUES (:'poster', 'Poster', :'owner'), (:'flyer', 'Flyer', :'owner');

-- One PNG (its signature and a little data), placed in two files: stored once.
INSERT INTO vellum.images (sha256, content_type, bytes)
VALUES (encode(sha256('\x89504e470d0a1a0a0102'::bytea), 'hex'), 'image/png', '\x89504e470d0a1a0a0102');
INSERT INTO vellum.file_images (file_id, sha256, uploaded_by)
SELECT f, i.sha256, :'owner' FROM vellum.images i, unnest(ARRAY[:'poster', :'flyer']::uuid[]) AS f;
SELECT content_type, byte_size, (SELECT count(*) FROM vellum.file_images fi WHERE fi.sha256 = i.sha256) AS files
FROM vellum.images i;

-- The same bytes again are the same row; a hash that does not match the
-- bytes, an unknown content type, or a link to a missing image are refused.
\set VERBOSITY terse
INSERT INTO vellum.images (sha256, content_type, bytes)
VALUES (encode(sha256('\x89504e470d0a1a0a0102'::bytea), 'hex'), 'image/png', '\x89504e470d0a1a0a0102');
INSERT INTO vellum.images (sha256, content_type, bytes) VALUES (repeat('0', 64), 'image/png', '\x89504e47');
INSERT INTO vellum.images (sha256, content_type, bytes)
VALUES (encode(sha256('\x3c68746d6c3e'::bytea), 'hex'), 'text/html', '\x3c68746d6c3e');
INSERT INTO vellum.file_images (file_id, sha256) VALUES (:'poster', repeat('1', 64));
\set VERBOSITY default

-- Deleting one file keeps the image (the other file uses it); once the
-- other is purged from the trash, the same cleanup() removes the image.
DELETE FROM vellum.files WHERE id = :'poster';
SELECT vellum.cleanup() ->> 'imagesPurged' AS purged, (SELECT count(*) FROM vellum.images) AS images;
UPDATE vellum.files SET deleted_at = now() - interval '31 days' WHERE id = :'flyer';
SELECT c ->> 'filesPurged' AS files_purged, c ->> 'imagesPurged' AS images_purged FROM vellum.cleanup() AS c;
SELECT count(*) AS images FROM vellum.images;

-- Clean up.
DELETE FROM vellum.users WHERE id = :'owner';
