-- Reference without vellum: the same one-row write, committed without NOTIFY.
UPDATE bench.counters SET n = n + 1 WHERE id = :client_id;
