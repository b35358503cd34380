// Versions of a file: list, save a named one (vellum.snapshot), restore one
// (vellum.restore_version, which applies ops, so subscribed clients see it).
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

const char* kVersionJson =
    "json_build_object('id', v.id, 'fileId', v.file_id, 'versionNumber', v.version_number, 'name', v.name, "
    "'createdBy', v.created_by, 'createdAt', v.created_at, 'isAutoSave', v.is_auto_save, 'seq', v.seq)";

Denial not_found(const CallPtr& call) { return {"not_found", http::status::not_found, file_not_found(call->params[0])}; }
Denial trashed(const CallPtr& call) {
    return {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"};
}

}  // namespace

// GET /api/files/:fileId/versions: newest first, without their contents.
void list_versions(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN "
        "    (SELECT json_build_object('versions', coalesce(json_agg(" + std::string(kVersionJson) +
        "         ORDER BY v.version_number DESC), '[]')) "
        "     FROM vellum.file_versions v WHERE v.file_id = a.id)::text "
        "END FROM a";
    run(app, call, sql, {call->params[0], call->user.id}, http::status::ok, {not_found(call)}, true);
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
        "    (SELECT json_build_object('version', " + std::string(kVersionJson) + ") "
        "     FROM vellum.snapshot(a.id, $3::text, $2::uuid) v)::text "
        "END FROM a";
    run(app, call, sql, {call->params[0], call->user.id, name}, http::status::created,
        {not_found(call), {"forbidden", http::status::forbidden, "saving a version needs edit access"}, trashed(call)});
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

}  // namespace vellum::gateway::rest
