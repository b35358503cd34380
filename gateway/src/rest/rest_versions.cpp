// Versions of a file: list (a page at a time), save a named one
// (vellum.snapshot), rename one, read one with its document (a read-only
// preview), restore one (vellum.restore_version, which applies ops, so
// subscribed clients see it), and time travel: the document at any seq the
// operations log still retains (vellum.rebuild), with the changes made up to it.
#include "rest/rest_handlers.hpp"

#include "support/log.hpp"

namespace vellum::gateway::rest {

namespace {

// json_build_object of a vellum.file_versions row aliased `v`, with the name
// of who made it (null for an auto-save of the maintenance worker, or a
// deleted user).
std::string version_json(const std::string& v) {
    return "json_build_object('id', " + v + ".id, 'fileId', " + v + ".file_id, 'versionNumber', " + v +
           ".version_number, 'name', " + v + ".name, 'createdBy', " + v + ".created_by, 'createdByName', "
           "(SELECT u.name FROM vellum.users u WHERE u.id = " + v + ".created_by), 'createdAt', " + v +
           ".created_at, 'isAutoSave', " + v + ".is_auto_save, 'seq', " + v + ".seq)";
}

// The most changes /history lists, newest first, up to the seq asked for.
constexpr int kHistoryChanges = 50;

Denial not_found(const CallPtr& call) { return {"not_found", http::status::not_found, file_not_found(call->params[0])}; }
Denial trashed(const CallPtr& call) {
    return {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"};
}
Denial version_not_found(const CallPtr& call) {
    return {"version_not_found", http::status::not_found,
            "version " + call->params[1] + " of file " + call->params[0] + " does not exist"};
}

// A seq from the query string: a required integer of at most 18 digits.
std::optional<std::string> query_seq(const Call& call, std::string& error) {
    auto it = call.query.find("seq");
    const std::string v = it == call.query.end() ? "" : it->second;
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
        error = "the query parameter \"seq\" is required and must be a whole number (a seq of the file's operations log)";
        return std::nullopt;
    }
    return v;
}

}  // namespace

// GET /api/files/:fileId/versions[?limit=&cursor=]: newest first, without
// their contents, a page at a time.
void list_versions(App& app, const Request&, const CallPtr& call) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN (SELECT p.body FROM (" +
        sql::paged("SELECT v.version_number::bigint AS k, v.id, " + version_json("v") + " AS item "
                   "FROM vellum.file_versions v WHERE v.file_id = $1::uuid",
                   "versions", 3, 4, 5) +
        ") AS p(outcome, body)) END FROM a";
    run(app, call, sql, {call->params[0], call->user.id, page.after_key, page.after_id, std::to_string(page.limit)},
        http::status::ok, {not_found(call)}, true);
}

// POST /api/files/:fileId/versions {name}: saves the live document as a named
// version (edit access).
void create_version(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string name = body.name("name");
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN "
        "    (SELECT json_build_object('version', " + version_json("v") + ") "
        "     FROM vellum.snapshot(a.id, btrim($3::text), $2::uuid) v)::text "
        "END FROM a";
    run(app, call, sql, {call->params[0], call->user.id, name}, http::status::created,
        {not_found(call), {"forbidden", http::status::forbidden, "saving a version needs edit access"}, trashed(call)});
}

// GET /api/files/:fileId/versions/:versionId: the version with its document
// (vellum.document()'s shape), for a read-only preview (view access).
void get_version(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT CASE WHEN a.outcome <> 'ok' THEN a.outcome WHEN v.id IS NULL THEN 'version_not_found' ELSE 'ok' END, "
        "       CASE WHEN a.outcome = 'ok' AND v.id IS NOT NULL THEN json_build_object('version', " +
        version_json("v") + "::jsonb || jsonb_build_object('document', v.canvas_data))::text END "
        "FROM a LEFT JOIN vellum.file_versions v ON v.id = $3::uuid AND v.file_id = a.id";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1]}, http::status::ok,
        {not_found(call), version_not_found(call)}, true);
}

// PATCH /api/files/:fileId/versions/:versionId {name}: renames a version
// (edit access). Naming an auto-save makes it a named version, which the
// retention of auto-saves keeps.
void rename_version(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string name = body.name("name");
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + "), "
        "u AS (UPDATE vellum.file_versions v SET name = btrim($4::text), is_auto_save = false FROM a "
        "      WHERE a.outcome = 'ok' AND v.id = $3::uuid AND v.file_id = a.id RETURNING v.*) "
        "SELECT CASE WHEN a.outcome <> 'ok' THEN a.outcome WHEN NOT EXISTS (SELECT 1 FROM u) THEN 'version_not_found' "
        "            ELSE 'ok' END, "
        "       (SELECT json_build_object('version', " + version_json("v") + ") FROM u v)::text "
        "FROM a";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1], name}, http::status::ok,
        {not_found(call), {"forbidden", http::status::forbidden, "renaming a version needs edit access"}, trashed(call),
         version_not_found(call)});
}

// POST /api/files/:fileId/versions/:versionId/restore: brings the file back to
// the version (edit access); restore_version checks the user's access again
// and answers 404 (P0002) for a version of another file.
void restore_version(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN "
        "    json_build_object('restored', vellum.restore_version(a.id, $3::uuid, $2::uuid))::text "
        "END FROM a";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1]}, http::status::ok,
        {not_found(call), {"forbidden", http::status::forbidden, "restoring a version needs edit access"}, trashed(call)});
}

// GET /api/files/:fileId/history?seq=N: time travel (view access). The
// document at seq N (vellum.rebuild, from the file's baseline or nearest
// snapshot), the range of seqs still retained (firstSeq: where retention
// folded the log, 0 when it never did; lastSeq: the file's last), and the
// latest changes up to N, newest first, with who made them. A seq outside
// the range is a 400 that gives the range.
void file_history(App& app, const Request&, const CallPtr& call) {
    std::string error;
    auto seq = query_seq(*call, error);
    if (!seq) return call->bad_request(error);
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + "), "
        "r AS (SELECT a.id, a.outcome, f.last_seq, "
        "             coalesce((SELECT b.seq FROM vellum.file_baselines b WHERE b.file_id = a.id), 0) AS first_seq "
        "      FROM a JOIN vellum.files f ON f.id = a.id), "
        "d AS (SELECT r.*, CASE WHEN r.outcome <> 'ok' THEN r.outcome "
        "                       WHEN $3::bigint NOT BETWEEN r.first_seq AND r.last_seq THEN 'seq_out_of_range' "
        "                       ELSE 'ok' END AS decided FROM r) "
        "SELECT d.decided, CASE "
        "    WHEN d.decided = 'seq_out_of_range' THEN format('the query parameter \"seq\" must be from %s to %s: "
        "         the seqs file %s still retains (got %s)', d.first_seq, d.last_seq, d.id, $3::bigint) "
        "    WHEN d.decided = 'ok' THEN json_build_object('seq', $3::bigint, 'firstSeq', d.first_seq, "
        "         'lastSeq', d.last_seq, 'document', vellum.rebuild(d.id, $3::bigint), "
        "         'changes', (SELECT coalesce(json_agg(json_build_object('seq', o.seq, 'userId', o.user_id, "
        "              'userName', (SELECT u.name FROM vellum.users u WHERE u.id = o.user_id), "
        "              'type', o.operation_type, 'objectId', o.object_id, 'property', o.property_path, "
        "              'createdAt', o.created_at) ORDER BY o.seq DESC), '[]') "
        "          FROM (SELECT * FROM vellum.operations o WHERE o.file_id = d.id AND o.seq <= $3::bigint "
        "                ORDER BY o.seq DESC LIMIT " + std::to_string(kHistoryChanges) + ") o))::text "
        "END FROM d";
    app.pool->query(
        sql, {call->params[0], call->user.id, *seq},
        [call](PgResult r) {
            if (!r.ok) return call->database_error(r);
            std::string outcome = r.rows == 0 ? "not_found" : r.at(0, 0).value_or("not_found");
            auto body = r.rows == 0 ? std::nullopt : r.at(0, 1);
            if (outcome == "ok" && body) return call->reply(http::status::ok, *body);
            if (outcome == "seq_out_of_range" && body) return call->bad_request(*body);
            if (outcome == "not_found") return call->fail(http::status::not_found, "not_found", file_not_found(call->params[0]));
            log::error("rest_unknown_outcome", {{"outcome", outcome}});
            call->fail(http::status::internal_server_error, "internal", "the request failed inside the gateway; it was logged");
        },
        true);
}

}  // namespace vellum::gateway::rest
