// File permissions: list, change (view, edit, admin), revoke; all for admins
// of the file. People get a grant by invitation (rest_invitations.cpp).
// Subscribed clients whose access changes are told by the extension's NOTIFY
// vellum_access.
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

const char* kPermissionJson =
    "json_build_object('fileId', p.file_id, 'userId', u.id, 'email', u.email, 'name', u.name, "
    "'permission', p.permission, 'grantedAt', p.granted_at)";

Denial not_found(const CallPtr& call) { return {"not_found", http::status::not_found, file_not_found(call->params[0])}; }
Denial forbidden() { return {"forbidden", http::status::forbidden, "managing a file's permissions needs admin access"}; }
Denial trashed(const CallPtr& call) {
    return {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"};
}
Denial no_grant(const CallPtr& call) {
    return {"no_grant", http::status::not_found, "user " + call->params[1] + " has no permission on this file"};
}

}  // namespace

// GET /api/files/:fileId/permissions: the grants of the file.
void list_permissions(App& app, const Request&, const CallPtr& call) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("admin", sql::Trash::Any) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN " +
        sql::page_of("SELECT " + sql::oldest_first("p.granted_at") + " AS k, p.id, " + std::string(kPermissionJson) +
                     " AS item FROM vellum.file_permissions p JOIN vellum.users u ON u.id = p.user_id "
                     "JOIN a ON p.file_id = a.id",
                     "permissions", 3, 4, 5) +
        " END FROM a";
    run(app, call, sql, {call->params[0], call->user.id, page.after_key, page.after_id, std::to_string(page.limit)},
        http::status::ok, {not_found(call), forbidden()}, true);
}

// PUT /api/files/:fileId/permissions/:userId {permission}: changes the
// permission of a user who has a grant (people get one by invitation).
void change_permission(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string permission = body.one_of("permission", {"view", "edit", "admin"});
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("admin", sql::Trash::MustNotBe) + "), "
        "up AS (UPDATE vellum.file_permissions p SET permission = $4::text, granted_at = now() FROM a "
        "       WHERE p.file_id = a.id AND p.user_id = $3::uuid AND a.outcome = 'ok' RETURNING p.*) "
        "SELECT CASE WHEN a.outcome = 'ok' AND NOT EXISTS (SELECT 1 FROM up) THEN 'no_grant' ELSE a.outcome END, "
        "    (SELECT json_build_object('permission', " + std::string(kPermissionJson) + ") "
        "     FROM up p JOIN vellum.users u ON u.id = p.user_id)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1], permission}, http::status::ok,
        {not_found(call), forbidden(), trashed(call), no_grant(call)});
}

// DELETE /api/files/:fileId/permissions/:userId: revokes the user's grant.
void revoke_permission(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("admin", sql::Trash::MustNotBe) + "), "
        "d AS (DELETE FROM vellum.file_permissions p USING a "
        "      WHERE p.file_id = a.id AND p.user_id = $3::uuid AND a.outcome = 'ok' RETURNING p.user_id) "
        "SELECT CASE WHEN a.outcome = 'ok' AND NOT EXISTS (SELECT 1 FROM d) THEN 'no_grant' ELSE a.outcome END, "
        "    json_build_object('revoked', json_build_object('fileId', a.id, 'userId', $3::uuid))::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1]}, http::status::ok,
        {not_found(call), forbidden(), trashed(call), no_grant(call)});
}

}  // namespace vellum::gateway::rest
