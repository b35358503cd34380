// Files: list (team, project and trash filters), create, get, rename, move to
// the trash and restore from it.
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

const http::status kOk = http::status::ok;

Denial not_found(const CallPtr& call) { return {"not_found", http::status::not_found, file_not_found(call->params[0])}; }
Denial trashed(const CallPtr& call) {
    return {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"};
}

}  // namespace

// GET /api/files[?teamId=&projectId=&trash=true]: the files the user can see
// (file_access is not null), found through the ways access is given (owner,
// grants, teams of the file and of its project, site admins) and each
// checked with file_access.
void list_files(App& app, const Request&, const CallPtr& call) {
    std::string error;
    auto team = query_uuid(*call, "teamId", error);
    auto project = query_uuid(*call, "projectId", error);
    std::string trash = "false";
    if (auto it = call->query.find("trash"); it != call->query.end()) {
        if (it->second == "true" || it->second == "false") trash = it->second;
        else if (error.empty()) error = "the query parameter \"trash\" must be true or false";
    }
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql =
        "WITH candidates AS ("
        "    SELECT f.id FROM vellum.files f WHERE f.owner_id = $1::uuid"
        "    UNION SELECT p.file_id FROM vellum.file_permissions p WHERE p.user_id = $1::uuid"
        "    UNION SELECT f.id FROM vellum.team_members m JOIN vellum.files f ON f.team_id = m.team_id"
        "          WHERE m.user_id = $1::uuid"
        "    UNION SELECT f.id FROM vellum.team_members m JOIN vellum.projects pr ON pr.team_id = m.team_id"
        "          JOIN vellum.files f ON f.project_id = pr.id WHERE m.user_id = $1::uuid"
        "    UNION SELECT f.id FROM vellum.files f"
        "          WHERE EXISTS (SELECT 1 FROM vellum.users u WHERE u.id = $1::uuid AND u.role = 'admin')"
        ") "
        "SELECT 'ok', json_build_object('files', coalesce(json_agg(" + sql::file_json("f", "x.access") +
        "    ORDER BY f.deleted_at DESC NULLS LAST, f.updated_at DESC, f.id), '[]'))::text "
        "FROM candidates c JOIN vellum.files f ON f.id = c.id "
        "CROSS JOIN LATERAL (SELECT vellum.file_access(f.id, $1::uuid) AS access) x "
        "WHERE x.access IS NOT NULL AND (f.deleted_at IS NOT NULL) = $4::boolean "
        "  AND ($2::uuid IS NULL OR f.team_id = $2::uuid "
        "       OR f.project_id IN (SELECT pr.id FROM vellum.projects pr WHERE pr.team_id = $2::uuid)) "
        "  AND ($3::uuid IS NULL OR f.project_id = $3::uuid)";
    run(app, call, sql, {call->user.id, team, project, trash}, kOk, {}, true);
}

// POST /api/files {name, projectId?, teamId?}: the user owns the new file. In
// a team or a project, the user must be a member (not a viewer) of its team;
// a project without a team must be the user's own.
void create_file(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string name = body.name("name");
    auto project = body.uuid("projectId", false);
    auto team = body.uuid("teamId", false);
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH pr AS ("
        "    SELECT p.id, p.team_id, p.owner_id,"
        "           (SELECT m.role FROM vellum.team_members m WHERE m.team_id = p.team_id AND m.user_id = $1::uuid) AS role"
        "    FROM vellum.projects p WHERE p.id = $3::uuid"
        "), tm AS ("
        "    SELECT m.role FROM vellum.team_members m WHERE m.team_id = $4::uuid AND m.user_id = $1::uuid"
        "), v AS ("
        "    SELECT CASE"
        "        WHEN $3::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pr WHERE pr.role IS NOT NULL"
        "             OR (pr.team_id IS NULL AND pr.owner_id = $1::uuid)) THEN 'project_not_found'"
        "        WHEN $4::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tm) THEN 'team_not_found'"
        "        WHEN $3::uuid IS NOT NULL AND $4::uuid IS NOT NULL"
        "             AND (SELECT pr.team_id FROM pr) IS DISTINCT FROM $4::uuid THEN 'team_mismatch'"
        "        WHEN coalesce((SELECT tm.role FROM tm), (SELECT pr.role FROM pr)) = 'viewer' THEN 'forbidden'"
        "        ELSE 'ok' END AS outcome"
        "), ins AS ("
        "    INSERT INTO vellum.files (name, owner_id, project_id, team_id)"
        "    SELECT $2::text, $1::uuid, $3::uuid, $4::uuid FROM v WHERE v.outcome = 'ok'"
        "    RETURNING *"
        ") "
        "SELECT v.outcome, (SELECT json_build_object('file', " + sql::file_json("f", "'admin'") + ") FROM ins f)::text FROM v";
    run(app, call, sql, {call->user.id, name, project, team}, http::status::created,
        {{"project_not_found", http::status::not_found,
          "project " + project.value_or("") + " does not exist or you have no access to it"},
         {"team_not_found", http::status::not_found, team_not_found(team.value_or(""))},
         {"team_mismatch", http::status::bad_request, "\"teamId\" must be the team of the project \"projectId\""},
         {"forbidden", http::status::forbidden, "team viewers cannot create files"}});
}

// GET /api/files/:fileId: the file's metadata and the user's access (a file in
// the trash too: its deletedAt says so).
void get_file(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN "
        "    (SELECT json_build_object('file', " + sql::file_json("f", "a.access") + ") FROM vellum.files f WHERE f.id = a.id)::text "
        "END FROM a";
    run(app, call, sql, {call->params[0], call->user.id}, kOk, {not_found(call)}, true);
}

// PATCH /api/files/:fileId {name}: needs edit access.
void rename_file(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string name = body.name("name");
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + "), "
        "u AS (UPDATE vellum.files f SET name = $3::text, updated_at = now() FROM a "
        "      WHERE f.id = a.id AND a.outcome = 'ok' RETURNING f.*, a.access) "
        "SELECT a.outcome, (SELECT json_build_object('file', " + sql::file_json("u", "u.access") + ") FROM u)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id, name}, kOk,
        {not_found(call), {"forbidden", http::status::forbidden, "renaming a file needs edit access"}, trashed(call)});
}

// DELETE /api/files/:fileId: moves the file to the trash (admin access).
// Subscribed clients are told by the extension's NOTIFY vellum_access.
void trash_file(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("admin", sql::Trash::MustNotBe) + "), "
        "u AS (UPDATE vellum.files f SET deleted_at = now() FROM a "
        "      WHERE f.id = a.id AND a.outcome = 'ok' RETURNING f.*, a.access) "
        "SELECT a.outcome, (SELECT json_build_object('file', " + sql::file_json("u", "u.access") + ") FROM u)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id}, kOk,
        {not_found(call), {"forbidden", http::status::forbidden, "moving a file to the trash needs admin access"},
         {"trashed", http::status::conflict, "file " + call->params[0] + " is already in the trash"}});
}

// POST /api/files/:fileId/restore: takes the file out of the trash (admin access).
void restore_file(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("admin", sql::Trash::MustBe) + "), "
        "u AS (UPDATE vellum.files f SET deleted_at = NULL FROM a "
        "      WHERE f.id = a.id AND a.outcome = 'ok' RETURNING f.*, a.access) "
        "SELECT a.outcome, (SELECT json_build_object('file', " + sql::file_json("u", "u.access") + ") FROM u)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id}, kOk,
        {not_found(call), {"forbidden", http::status::forbidden, "restoring a file from the trash needs admin access"},
         {"not_trashed", http::status::conflict, "file " + call->params[0] + " is not in the trash"}});
}

}  // namespace vellum::gateway::rest
