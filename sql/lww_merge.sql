-- vellum.lww_merge(a, b): per property the register with the greater (t, c)
-- wins, then the greater value; the merge is commutative, associative and
-- idempotent. Every malformed register map is refused with the reason.
\set SHOW_CONTEXT never

-- Properties only one side has are kept.
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": "a"}}', '{"y": {"v": 2, "t": 5, "c": "b"}}');

-- The greater t wins, whichever side it is on.
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": "a"}}', '{"x": {"v": 2, "t": 11, "c": "a"}}');
SELECT vellum.lww_merge('{"x": {"v": 2, "t": 11, "c": "a"}}', '{"x": {"v": 1, "t": 10, "c": "a"}}');
-- t is compared as a number, not as text (9 < 10).
SELECT vellum.lww_merge('{"x": {"v": "nine", "t": 9, "c": "z"}}', '{"x": {"v": "ten", "t": 10, "c": "a"}}');

-- Equal t: the greater client id wins, both orders.
SELECT vellum.lww_merge('{"fill": {"v": "#000", "t": 10, "c": "alice"}}', '{"fill": {"v": "#fff", "t": 10, "c": "bob"}}');
SELECT vellum.lww_merge('{"fill": {"v": "#fff", "t": 10, "c": "bob"}}', '{"fill": {"v": "#000", "t": 10, "c": "alice"}}');

-- Equal (t, c) with different values: the same winner whatever the order
-- (the greater value), for strings, numbers and values of different kinds.
SELECT vellum.lww_merge('{"fill": {"v": "#aaa", "t": 10, "c": "a"}}', '{"fill": {"v": "#bbb", "t": 10, "c": "a"}}') AS ab,
       vellum.lww_merge('{"fill": {"v": "#bbb", "t": 10, "c": "a"}}', '{"fill": {"v": "#aaa", "t": 10, "c": "a"}}') AS ba;
SELECT vellum.lww_merge('{"x": {"v": 9, "t": 10, "c": "a"}}', '{"x": {"v": 10, "t": 10, "c": "a"}}') AS ab,
       vellum.lww_merge('{"x": {"v": 10, "t": 10, "c": "a"}}', '{"x": {"v": 9, "t": 10, "c": "a"}}') AS ba;
SELECT vellum.lww_merge('{"x": {"v": "1", "t": 10, "c": "a"}}', '{"x": {"v": 1, "t": 10, "c": "a"}}')
     = vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": "a"}}', '{"x": {"v": "1", "t": 10, "c": "a"}}') AS same_winner;
SELECT vellum.lww_merge('{"x": {"v": null, "t": 10, "c": "a"}}', '{"x": {"v": [1], "t": 10, "c": "a"}}')
     = vellum.lww_merge('{"x": {"v": [1], "t": 10, "c": "a"}}', '{"x": {"v": null, "t": 10, "c": "a"}}') AS same_winner;
SELECT vellum.lww_merge('{"x": {"v": {"a": 1}, "t": 10, "c": "a"}}', '{"x": {"v": {"a": 2}, "t": 10, "c": "a"}}')
     = vellum.lww_merge('{"x": {"v": {"a": 2}, "t": 10, "c": "a"}}', '{"x": {"v": {"a": 1}, "t": 10, "c": "a"}}') AS same_winner;

-- A newer null is a newer value (it unsets the property).
SELECT vellum.lww_merge('{"x": {"v": 5, "t": 10, "c": "a"}}', '{"x": {"v": null, "t": 12, "c": "a"}}');

-- An integral t written with a zero fraction is the same integer.
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10.0, "c": "a"}}', '{}');

-- The laws, over every pair and triple of a set of maps that share
-- properties, tie on (t, c), and differ in kind of value.
CREATE TEMP TABLE maps (n int, m jsonb);
INSERT INTO maps VALUES
    (1, '{}'),
    (2, '{"x": {"v": 1, "t": 10, "c": "a"}, "y": {"v": "p", "t": 3, "c": "b"}}'),
    (3, '{"x": {"v": 2, "t": 10, "c": "a"}, "z": {"v": true, "t": 1, "c": "a"}}'),
    (4, '{"x": {"v": 3, "t": 10, "c": "b"}, "y": {"v": null, "t": 4, "c": "a"}}'),
    (5, '{"x": {"v": "s", "t": 9, "c": "z"}, "y": {"v": [1, 2], "t": 3, "c": "b"}, "z": {"v": false, "t": 1, "c": "a"}}'),
    (6, '{"y": {"v": {"k": 1}, "t": 3, "c": "b"}, "w": {"v": -1.5, "t": 100, "c": ""}}');
SELECT count(*) AS pairs, count(*) FILTER (WHERE vellum.lww_merge(a.m, b.m) <> vellum.lww_merge(b.m, a.m)) AS not_commutative
FROM maps a, maps b;
SELECT count(*) AS triples,
       count(*) FILTER (WHERE vellum.lww_merge(vellum.lww_merge(a.m, b.m), c.m)
                           <> vellum.lww_merge(a.m, vellum.lww_merge(b.m, c.m))) AS not_associative
FROM maps a, maps b, maps c;
SELECT count(*) AS maps, count(*) FILTER (WHERE vellum.lww_merge(a.m, a.m) <> a.m) AS not_idempotent,
       count(*) FILTER (WHERE vellum.lww_merge(a.m, '{}') <> a.m) AS empty_not_identity
FROM maps a;
-- Merging again what was merged changes nothing.
SELECT count(*) FILTER (WHERE vellum.lww_merge(vellum.lww_merge(a.m, b.m), b.m) <> vellum.lww_merge(a.m, b.m)) AS not_absorbing
FROM maps a, maps b;
-- All six merged, in either direction.
SELECT vellum.lww_merge(vellum.lww_merge(vellum.lww_merge(m2.m, m3.m), vellum.lww_merge(m4.m, m5.m)), m6.m)
FROM maps m2, maps m3, maps m4, maps m5, maps m6
WHERE m2.n = 2 AND m3.n = 3 AND m4.n = 4 AND m5.n = 5 AND m6.n = 6;
SELECT vellum.lww_merge(m6.m, vellum.lww_merge(m5.m, vellum.lww_merge(m4.m, vellum.lww_merge(m3.m, m2.m))))
FROM maps m2, maps m3, maps m4, maps m5, maps m6
WHERE m2.n = 2 AND m3.n = 3 AND m4.n = 4 AND m5.n = 5 AND m6.n = 6;
DROP TABLE maps;

-- STRICT: a SQL NULL argument gives NULL.
SELECT vellum.lww_merge(NULL, '{}') IS NULL AS a_null, vellum.lww_merge('{}', NULL) IS NULL AS b_null;

-- Malformed maps: the argument, the property and what is wrong.
SELECT vellum.lww_merge('[]', '{}');
SELECT vellum.lww_merge('{}', '"x"');
SELECT vellum.lww_merge('null', '{}');
SELECT vellum.lww_merge('{}', '42');
SELECT vellum.lww_merge('{"x": 1}', '{}');
SELECT vellum.lww_merge('{"x": [1, 10, "a"]}', '{}');
SELECT vellum.lww_merge('{"x": {"t": 10, "c": "a"}}', '{}');
SELECT vellum.lww_merge('{}', '{"x": {"v": 1, "c": "a"}}');
SELECT vellum.lww_merge('{}', '{"x": {"v": 1, "t": 10}}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10.5, "c": "a"}}', '{}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": "10", "c": "a"}}', '{}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": null, "c": "a"}}', '{}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 99999999999999999999, "c": "a"}}', '{}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": 7}}', '{}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": null}}', '{}');
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": "a", "extra": true}}', '{}');
-- A valid first map does not excuse a bad second one.
SELECT vellum.lww_merge('{"x": {"v": 1, "t": 10, "c": "a"}}', '{"x": {"v": 1, "t": 10, "c": "a"}, "y": {"v": 2}}');
