-- Vellum 0.2.0 -> 0.3.0: storage settings of the tables that ingestion and
-- auto-saves write all the time. No function changes.
\echo Use "ALTER EXTENSION vellum UPDATE" to load this file. \quit

-- A snapshot writes the whole document into files.canvas_data, under the
-- file's row lock (edits of the file wait meanwhile), and into a version row.
-- lz4 compresses a 100,000-object document (13.8 MB of JSON) in about a third
-- of pglz's time (here 50 ms against 140 ms), for a fifth more bytes. New
-- values only: what is stored stays as it is until it is written again.
ALTER TABLE vellum.files ALTER COLUMN canvas_data SET COMPRESSION lz4;
ALTER TABLE vellum.file_versions ALTER COLUMN canvas_data SET COMPRESSION lz4;

-- Every ingestion updates its file's row (last_seq): room on the row's page
-- keeps those updates HOT (no new index entries), as they are meant to be
-- since updated_at moves at most every 10 s. Pages written from now on.
ALTER TABLE vellum.files SET (fillfactor = 80);
