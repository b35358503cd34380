-- Fixture for regress/bench.sh: the files the benchmarks write to, their
-- objects (created through vellum.apply_ops, like real ones), and the
-- functions that build each benchmark transaction's ops inside the server.
\set ON_ERROR_STOP on
-- bench.sh creates the extension (at the version asked for) before this.
CREATE EXTENSION IF NOT EXISTS vellum;
CREATE SCHEMA bench;

-- The user every benchmark call edits as, as the gateway sends it: the owner
-- of every file, so each call pays the access check a real editor's does.
INSERT INTO vellum.users (id, email, name) VALUES ('00000000-0000-0000-0000-00000000beef', 'bench@example.com', 'Bench');

-- pgbench variables are integers, so files are numbered and their ids derived.
CREATE FUNCTION bench.file_uuid(n integer) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ('00000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid
$$;

-- Creates objects o1..o<n> in file f, 1000 per apply_ops call, and fails
-- unless every create was applied: a benchmark over missing objects would
-- time rejections.
CREATE FUNCTION bench.populate(f integer, n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    first integer := 1;
    result jsonb;
    applied integer;
BEGIN
    WHILE first <= n LOOP
        SELECT vellum.apply_ops(bench.file_uuid(f), jsonb_agg(jsonb_build_object(
                   'id', 'create-' || f || '-' || i,
                   'idempotencyKey', 'create-' || f || '-' || i,
                   'operationType', 'create',
                   'objectId', 'o' || i,
                   'newValue', jsonb_build_object('type', 'rectangle', 'x', i % 1000, 'y', i / 1000,
                                                  'width', 10, 'height', 10, 'fill', '#336699'),
                   'timestamp', (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
                   'clientId', 'bench-setup')))
        INTO result
        FROM generate_series(first, least(first + 999, n)) AS i;
        SELECT count(*) INTO applied FROM jsonb_array_elements(result) r WHERE r ->> 'status' = 'applied';
        IF applied <> least(first + 999, n) - first + 1 THEN
            RAISE EXCEPTION 'populating file % failed: %', f, result;
        END IF;
        first := first + 1000;
        -- apply_ops's cached generic plans, made while the tables were nearly
        -- empty, look ops up by file_id alone and filter the keys, so each
        -- batch scans the whole file (75 s instead of 6 s for 100,000
        -- objects); fresh statistics as the file grows keep setup quick.
        IF first % 10000 = 1 THEN
            ANALYZE vellum.objects;
            ANALYZE vellum.operations;
        END IF;
    END LOOP;
END
$$;

-- The ops of one benchmark transaction: n updates (x, y, fill) to n distinct
-- objects among o1..o<objects> (a random start, then a stride of 7919, a prime
-- coprime with every file size used, so a batch never repeats an object and
-- each op rewrites its own row whatever the file size). Each op has a fresh
-- idempotency key and the server clock as timestamp, as a live client's
-- would. Planned once per session (plpgsql, generic plan): left to choose, the
-- planner re-plans it on every call, which cost 70 us a call, a sixth of a
-- one-op transaction, and belongs to no client.
CREATE FUNCTION bench.update_ops(n integer, objects integer, client integer) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    start integer := floor(random() * objects)::integer;
BEGIN
    RETURN (
        SELECT jsonb_agg(jsonb_build_object(
                   'id', g.k, 'idempotencyKey', g.k, 'operationType', 'update',
                   'objectId', 'o' || ((start + g.i::bigint * 7919) % objects + 1),
                   'newValue', jsonb_build_object(
                       'x', round((random() * 2000)::numeric, 1),
                       'y', round((random() * 2000)::numeric, 1),
                       'fill', '#' || lpad(to_hex(floor(random() * 16777216)::integer), 6, '0')),
                   'timestamp', g.t,
                   'clientId', 'bench-' || client))
        FROM (SELECT i, gen_random_uuid()::text AS k,
                     (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS t
              FROM generate_series(0, n - 1) AS i) AS g);
END
$$;

-- The same shape of ops, resending keys dup-<f>-1..n that this script applies
-- below: each comes back "duplicate", so nothing is written or notified.
CREATE FUNCTION bench.duplicate_ops(f integer, n integer, client integer) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN (
        SELECT jsonb_agg(jsonb_build_object(
                   'id', 'dup-' || f || '-' || i, 'idempotencyKey', 'dup-' || f || '-' || i,
                   'operationType', 'update', 'objectId', 'o' || i,
                   'newValue', jsonb_build_object(
                       'x', round((random() * 2000)::numeric, 1),
                       'y', round((random() * 2000)::numeric, 1),
                       'fill', '#' || lpad(to_hex(floor(random() * 16777216)::integer), 6, '0')),
                   'timestamp', (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
                   'clientId', 'bench-' || client))
        FROM generate_series(1, n) AS i);
END
$$;

-- Files 1-8: one per pgbench client (client c writes file c + 1); file 100:
-- shared by all clients; 1000 objects each. Files 201-203: 100, 10,000 and
-- 100,000 objects, for the per-op cost.
INSERT INTO vellum.files (id, name, owner_id)
SELECT bench.file_uuid(n), 'bench file ' || n, '00000000-0000-0000-0000-00000000beef'
FROM unnest(ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 100, 201, 202, 203]) AS n;

SELECT bench.populate(n, 1000) FROM unnest(ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 100]) AS n;
SELECT bench.populate(201, 100);
SELECT bench.populate(202, 10000);
SELECT bench.populate(203, 100000);

-- Apply the keys duplicate.sql resends (up to 5 ops per call).
DO $$
DECLARE
    result jsonb;
BEGIN
    FOR f IN 1..8 LOOP
        result := vellum.apply_ops(bench.file_uuid(f), bench.duplicate_ops(f, 5, 0));
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(result) r WHERE r ->> 'status' <> 'applied') THEN
            RAISE EXCEPTION 'seeding the duplicate keys of file % failed: %', f, result;
        END IF;
    END LOOP;
END
$$;

-- The plain-SQL floor (ref_floor.sql): per op one INSERT into a copy of
-- vellum.operations with the same indexes (no trigger) and one upsert of an
-- object row in a copy of vellum.objects, starting from the same objects.
CREATE TABLE bench.floor_operations (LIKE vellum.operations INCLUDING ALL);
CREATE TABLE bench.floor_objects (LIKE vellum.objects INCLUDING ALL);
CREATE SEQUENCE bench.floor_seq;
INSERT INTO bench.floor_objects (file_id, object_id, registers, tombstone)
SELECT file_id, object_id, registers, tombstone FROM vellum.objects
WHERE file_id IN (SELECT bench.file_uuid(n) FROM generate_series(1, 8) AS n);

-- Reference for the NOTIFY ceiling without vellum: one small row per client.
CREATE TABLE bench.counters (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
INSERT INTO bench.counters (id) SELECT generate_series(0, 7);

VACUUM ANALYZE;
CHECKPOINT;
