// Comments: threads of a file (each top-level comment with its replies),
// comment pinned to an object or a canvas point, reply, resolve, delete.
// Whoever can view a file may comment on it.
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

// A comment `c` with its author `u` (a LEFT JOIN of vellum.users).
std::string comment_json(const std::string& c, const std::string& u) {
    return "json_build_object('id', " + c + ".id, 'fileId', " + c + ".file_id, 'parentId', " + c +
           ".parent_id, 'userId', " + c + ".user_id, 'userName', " + u + ".name, 'objectId', " + c +
           ".object_id, 'x', " + c + ".position_x, 'y', " + c + ".position_y, 'content', " + c +
           ".content, 'resolved', " + c + ".resolved, 'createdAt', " + c + ".created_at, 'updatedAt', " + c +
           ".updated_at";
}

// A CTE body deciding what the user $2 may do with the comment $1: one row
// (id, file_id, root, user_id, access, outcome) when the comment exists.
// `rule` is an SQL condition on x.access and c.user_id; `mutates` refuses
// files in the trash.
std::string comment_gate(const std::string& rule) {
    return "SELECT c.id, c.file_id, coalesce(c.parent_id, c.id) AS root, c.user_id, x.access, "
           "       CASE WHEN x.access IS NULL THEN 'not_found' WHEN NOT (" + rule + ") THEN 'forbidden' "
           "            WHEN f.deleted_at IS NOT NULL THEN 'trashed' ELSE 'ok' END AS outcome "
           "FROM vellum.comments c JOIN vellum.files f ON f.id = c.file_id "
           "CROSS JOIN LATERAL (SELECT vellum.file_access(c.file_id, $2::uuid) AS access) x "
           "WHERE c.id = $1::uuid";
}

Denial comment_not_found(const CallPtr& call) {
    return {"not_found", http::status::not_found,
            "comment " + call->params[0] + " does not exist or you have no access to its file"};
}
Denial trashed() {
    return {"trashed", http::status::conflict, "the comment's file is in the trash; restore it first"};
}

}  // namespace

// GET /api/files/:fileId/comments: {"comments": [thread...]}, each thread a
// top-level comment with "replies" (every comment below it, oldest first).
void list_comments(App& app, const Request&, const CallPtr& call) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql =
        "WITH RECURSIVE a AS (" + sql::file_gate("view", sql::Trash::Any) + "), "
        "thread AS ("
        "    SELECT c.id, c.id AS root FROM vellum.comments c JOIN a ON c.file_id = a.id "
        "    WHERE a.outcome = 'ok' AND c.parent_id IS NULL "
        "    UNION ALL "
        "    SELECT r.id, t.root FROM vellum.comments r JOIN thread t ON r.parent_id = t.id"
        ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN " +
        sql::page_of("SELECT " + sql::oldest_first("c.created_at") + " AS k, c.id, " + comment_json("c", "u") +
                         ", 'replies', "
                         "    (SELECT coalesce(json_agg(" + comment_json("r", "ru") + ") ORDER BY r.created_at, r.id), '[]') "
                         "     FROM thread t JOIN vellum.comments r ON r.id = t.id LEFT JOIN vellum.users ru ON ru.id = r.user_id "
                         "     WHERE t.root = c.id AND r.id <> c.id)) AS item "
                         "FROM vellum.comments c LEFT JOIN vellum.users u ON u.id = c.user_id "
                         "JOIN a ON c.file_id = a.id WHERE c.parent_id IS NULL",
                     "comments", 3, 4, 5) +
        " END FROM a";
    run(app, call, sql, {call->params[0], call->user.id, page.after_key, page.after_id, std::to_string(page.limit)},
        http::status::ok,
        {{"not_found", http::status::not_found, file_not_found(call->params[0])}}, true);
}

// POST /api/files/:fileId/comments {content, objectId?} or {content, x, y}:
// view access is enough.
void create_comment(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    auto content = body.text("content", 10000, true);
    auto object = body.text("objectId", 100, false);
    auto x = body.number("x", false);
    auto y = body.number("y", false);
    if (body.ok() && x.has_value() != y.has_value()) body.fail(x ? "\"y\" is required with \"x\"" : "\"x\" is required with \"y\"");
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::MustNotBe) + "), "
        "ins AS (INSERT INTO vellum.comments (file_id, user_id, object_id, position_x, position_y, content) "
        "        SELECT a.id, $2::uuid, $4::text, $5::float8, $6::float8, $3::text FROM a WHERE a.outcome = 'ok' "
        "        RETURNING *) "
        "SELECT a.outcome, (SELECT json_build_object('comment', " + comment_json("c", "u") + ", 'replies', '[]'::json)) "
        "    FROM ins c LEFT JOIN vellum.users u ON u.id = c.user_id)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id, content, object, x, y}, http::status::created,
        {{"not_found", http::status::not_found, file_not_found(call->params[0])},
         {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"}});
}

// POST /api/comments/:commentId/replies {content}: a reply joins the thread
// of the comment (a reply to a reply joins the same thread).
void reply_to_comment(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    auto content = body.text("content", 10000, true);
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + comment_gate("true") + "), "
        "ins AS (INSERT INTO vellum.comments (file_id, user_id, parent_id, content) "
        "        SELECT a.file_id, $2::uuid, a.root, $3::text FROM a WHERE a.outcome = 'ok' RETURNING *) "
        "SELECT a.outcome, (SELECT json_build_object('comment', " + comment_json("c", "u") + ")) "
        "    FROM ins c LEFT JOIN vellum.users u ON u.id = c.user_id)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id, content}, http::status::created,
        {comment_not_found(call), trashed()});
}

// PATCH /api/comments/:commentId {resolved?, content?}: resolving or
// reopening needs edit access to the file or being the author; changing the
// text, being the author.
void update_comment(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    auto resolved = body.boolean("resolved", false);
    auto content = body.text("content", 10000, false);
    if (body.ok() && !resolved && !content) body.fail("give \"resolved\" (true or false), \"content\" (the new text), or both");
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" +
        comment_gate("($4::text IS NULL OR c.user_id = $2::uuid) AND "
                     "($3::boolean IS NULL OR x.access IN ('edit', 'admin') OR c.user_id = $2::uuid)") + "), "
        "u AS (UPDATE vellum.comments c SET resolved = coalesce($3::boolean, c.resolved), "
        "          content = coalesce($4::text, c.content), updated_at = now() FROM a "
        "      WHERE c.id = a.id AND a.outcome = 'ok' RETURNING c.*) "
        "SELECT a.outcome, (SELECT json_build_object('comment', " + comment_json("c", "usr") + ")) "
        "    FROM u c LEFT JOIN vellum.users usr ON usr.id = c.user_id)::text FROM a";
    std::optional<std::string> resolved_text;
    if (resolved) resolved_text = *resolved ? "true" : "false";
    run(app, call, sql, {call->params[0], call->user.id, resolved_text, content}, http::status::ok,
        {comment_not_found(call),
         {"forbidden", http::status::forbidden,
          content ? "changing a comment's text needs being its author"
                  : "resolving a comment needs edit access to the file or being its author"},
         trashed()});
}

// DELETE /api/comments/:commentId: the author or an admin of the file; the
// replies go with it.
void delete_comment(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + comment_gate("x.access = 'admin' OR c.user_id = $2::uuid") + "), "
        "d AS (DELETE FROM vellum.comments c USING a WHERE c.id = a.id AND a.outcome = 'ok' RETURNING c.id) "
        "SELECT a.outcome, (SELECT json_build_object('deleted', true, 'id', d.id) FROM d)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id}, http::status::ok,
        {comment_not_found(call),
         {"forbidden", http::status::forbidden, "deleting a comment needs being its author or admin access to the file"},
         trashed()});
}

}  // namespace vellum::gateway::rest
