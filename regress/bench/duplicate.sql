-- update.sql's call, with ops whose keys the file has already applied: every
-- op comes back "duplicate", so the transaction locks the file row, looks the
-- keys up and commits without writing an op or sending a NOTIFY.
\set f :file + :client_id * :per_client
SELECT vellum.apply_ops(bench.file_uuid(:f), bench.duplicate_ops(:f, :batch, :client_id), '00000000-0000-0000-0000-00000000beef');
