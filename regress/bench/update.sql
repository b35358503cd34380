-- One transaction: one vellum.apply_ops call as the bench user (an editor, as
-- the gateway calls it) with :batch updates to distinct
-- objects among o1..o:objects (see bench.update_ops in setup.sql). Client c
-- writes file :file + c * :per_client: per_client 1, each client its own file;
-- 0, all clients share :file.
\set f :file + :client_id * :per_client
SELECT vellum.apply_ops(bench.file_uuid(:f), bench.update_ops(:batch, :objects, :client_id), '00000000-0000-0000-0000-00000000beef');
