-- The plain-SQL floor of update.sql: the same ops (bench.update_ops), and per
-- op the minimum apply_ops must do: one INSERT into a log with
-- vellum.operations' indexes and one upsert of the object's row. No access
-- check, no merge, no NOTIFY. Client c writes file :file + c * :per_client.
\set f :file + :client_id * :per_client
WITH ops AS (SELECT o FROM jsonb_array_elements(bench.update_ops(:batch, :objects, :client_id)) AS o),
logged AS (
    INSERT INTO bench.floor_operations (file_id, user_id, operation_type, object_id, new_value, "timestamp",
                                        client_id, idempotency_key, seq)
    SELECT bench.file_uuid(:f), '00000000-0000-0000-0000-00000000beef', o ->> 'operationType', o ->> 'objectId',
           o -> 'newValue', (o ->> 'timestamp')::bigint, o ->> 'clientId', o ->> 'idempotencyKey', nextval('bench.floor_seq')
    FROM ops)
INSERT INTO bench.floor_objects AS x (file_id, object_id, registers)
SELECT bench.file_uuid(:f), o ->> 'objectId', o -> 'newValue' FROM ops
ON CONFLICT (file_id, object_id) DO UPDATE SET registers = x.registers || excluded.registers, updated_at = now();
