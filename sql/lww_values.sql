-- vellum.lww_values(registers): the plain {"prop": value} view of a register
-- map; a property whose register holds null is unset and left out.
\set SHOW_CONTEXT never

SELECT vellum.lww_values('{}');
SELECT vellum.lww_values('{"x": {"v": 10, "t": 1, "c": "a"}, "fill": {"v": "#ff0000", "t": 2, "c": "b"}, "visible": {"v": false, "t": 3, "c": "a"}}');
-- Null values are left out; false, 0 and "" are values.
SELECT vellum.lww_values('{"x": {"v": null, "t": 5, "c": "a"}, "y": {"v": 0, "t": 1, "c": "a"}, "name": {"v": "", "t": 1, "c": "a"}}');
-- Structured values come back whole.
SELECT vellum.lww_values('{"points": {"v": [[0, 0], [1, 2]], "t": 1, "c": "a"}, "style": {"v": {"dash": [4, 2], "cap": null}, "t": 1, "c": "a"}}');
-- The view of a merge is the view of the winners.
SELECT vellum.lww_values(vellum.lww_merge('{"x": {"v": 1, "t": 1, "c": "a"}, "y": {"v": 1, "t": 9, "c": "a"}}',
                                          '{"x": {"v": 2, "t": 2, "c": "a"}, "y": {"v": null, "t": 3, "c": "a"}}'));

-- STRICT.
SELECT vellum.lww_values(NULL) IS NULL AS is_null;

-- Malformed maps are refused with the reason.
SELECT vellum.lww_values('[]');
SELECT vellum.lww_values('true');
SELECT vellum.lww_values('{"x": "red"}');
SELECT vellum.lww_values('{"x": {"t": 1, "c": "a"}}');
SELECT vellum.lww_values('{"x": {"v": 1, "c": "a"}}');
SELECT vellum.lww_values('{"x": {"v": 1, "t": 1}}');
SELECT vellum.lww_values('{"x": {"v": 1, "t": 1.25, "c": "a"}}');
SELECT vellum.lww_values('{"x": {"v": 1, "t": 1, "c": ["a"]}}');
SELECT vellum.lww_values('{"x": {"v": 1, "t": 1, "c": "a", "d": 0}}');
