-- update.sql without vellum.apply_ops: what building the ops in SQL costs, the
-- part of update.sql's time that is the benchmark's, not the extension's.
SELECT jsonb_array_length(bench.update_ops(:batch, :objects, :client_id));
