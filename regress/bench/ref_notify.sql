-- Reference without vellum: a one-row write committed with a NOTIFY.
UPDATE bench.counters SET n = n + 1 WHERE id = :client_id RETURNING pg_notify('bench_ref', 'client ' || :client_id);
