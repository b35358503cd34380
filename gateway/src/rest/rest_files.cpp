// Files: list (team, project, trash and name filters, a page at a time),
// create, get, rename and move between projects, duplicate, move to the
// trash and restore from it.
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

const http::status kOk = http::status::ok;

Denial not_found(const CallPtr& call) { return {"not_found", http::status::not_found, file_not_found(call->params[0])}; }
Denial trashed(const CallPtr& call) {
    return {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"};
}

}  // namespace

// GET /api/files[?teamId=&projectId=&scope=&trash=true&q=&limit=&cursor=]: the
// files the user can see (file_access is not null), found through the ways
// access is given (owner, grants, teams of the file and of its project, site
// admins) and each checked with file_access; q keeps the names that contain
// it (any case), scope=mine the user's own files and scope=shared the others. Last edited first (in the trash: last trashed first), a
// page at a time.
void list_files(App& app, const Request&, const CallPtr& call) {
    std::string error;
    auto team = query_uuid(*call, "teamId", error);
    auto project = query_uuid(*call, "projectId", error);
    std::string trash = "false";
    if (auto it = call->query.find("trash"); it != call->query.end()) {
        if (it->second == "true" || it->second == "false") trash = it->second;
        else if (error.empty()) error = "the query parameter \"trash\" must be true or false";
    }
    auto search = query_text(*call, "q", 100, error);
    std::optional<std::string> scope;
    if (auto it = call->query.find("scope"); it != call->query.end() && it->second != "all") {
        if (it->second == "mine" || it->second == "shared") scope = it->second;
        else if (error.empty()) error = "the query parameter \"scope\" must be all, mine or shared";
    }
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql = sql::paged(
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
        // The files in list order first (after the cursor), and the access of
        // each only as the page takes it: OFFSET 0 keeps the access check
        // above the sort and the LIMIT stops it. file_access costs about
        // 85 us, and a user with 1,000 files would otherwise pay it 1,000
        // times for a page of 50 (82 ms against 12).
        "SELECT o.k, o.id, " + sql::file_json("o", "x.access") + " AS item "
        "FROM (SELECT * FROM ("
        "          SELECT (extract(epoch FROM CASE WHEN $4::boolean THEN f.deleted_at ELSE f.updated_at END) * 1000000)::bigint AS k,"
        "                 f.* "
        "          FROM candidates c JOIN vellum.files f ON f.id = c.id "
        "          WHERE (f.deleted_at IS NOT NULL) = $4::boolean "
        "            AND ($2::uuid IS NULL OR f.team_id = $2::uuid "
        "                 OR f.project_id IN (SELECT pr.id FROM vellum.projects pr WHERE pr.team_id = $2::uuid)) "
        "            AND ($3::uuid IS NULL OR f.project_id = $3::uuid) "
        "            AND ($8::text IS NULL OR strpos(lower(f.name), lower($8::text)) > 0) "
        "            AND ($9::text IS NULL OR ($9::text = 'mine') = (f.owner_id IS NOT DISTINCT FROM $1::uuid))) q "
        "      WHERE $5::bigint IS NULL OR q.k < $5::bigint OR (q.k = $5::bigint AND q.id > $6::uuid) "
        "      ORDER BY q.k DESC, q.id OFFSET 0) o "
        "CROSS JOIN LATERAL (SELECT vellum.file_access(o.id, $1::uuid) AS access) x "
        "WHERE x.access IS NOT NULL "
        "ORDER BY o.k DESC, o.id LIMIT $7::integer + 1",
        "files", 5, 6, 7);
    run(app, call, sql,
        {call->user.id, team, project, trash, page.after_key, page.after_id, std::to_string(page.limit), search, scope}, kOk, {},
        true);
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
// the trash too: its deletedAt says so), with the names of its owner and of
// the team whose members have access to it, for the share dialog (a
// collaborator may not be in that team, and cannot look either up otherwise).
void get_file(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::Any) + ") "
        "SELECT a.outcome, CASE WHEN a.outcome = 'ok' THEN "
        "    (SELECT json_build_object('file', " + sql::file_json("f", "a.access") + "::jsonb || jsonb_build_object("
        "         'owner', (SELECT jsonb_build_object('id', o.id, 'name', o.name) FROM vellum.users o WHERE o.id = f.owner_id), "
        "         'team', (SELECT jsonb_build_object('id', t.id, 'name', t.name) FROM vellum.teams t "
        "                  WHERE t.id = coalesce(f.team_id, (SELECT p.team_id FROM vellum.projects p WHERE p.id = f.project_id))))) "
        "     FROM vellum.files f WHERE f.id = a.id)::text "
        "END FROM a";
    run(app, call, sql, {call->params[0], call->user.id}, kOk, {not_found(call)}, true);
}

// PATCH /api/files/:fileId {name?, projectId?}: renames (edit access) and
// moves to another project, or with projectId null out of any project into
// the owner's own files (admin access; the user must be able to create files
// in the project: a member of its team, or the owner of a project without
// one). The file takes the team of its new project.
void rename_file(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    const bool move = body.given("projectId");
    std::optional<std::string> name;
    if (body.given("name") || !move) name = body.name("name");
    auto project = body.uuid("projectId", false);
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("edit", sql::Trash::MustNotBe) + "), "
        "pr AS (SELECT p.id, p.team_id, p.owner_id,"
        "              (SELECT m.role FROM vellum.team_members m WHERE m.team_id = p.team_id AND m.user_id = $2::uuid) AS role"
        "       FROM vellum.projects p WHERE p.id = $4::uuid), "
        "v AS (SELECT a.id, a.access, CASE"
        "        WHEN a.outcome <> 'ok' THEN a.outcome"
        "        WHEN NOT $5::boolean THEN 'ok'"
        "        WHEN a.access <> 'admin' THEN 'move_forbidden'"
        "        WHEN $4::uuid IS NULL THEN CASE WHEN (SELECT f.owner_id FROM vellum.files f WHERE f.id = a.id)"
        "             IS NOT DISTINCT FROM $2::uuid THEN 'ok' ELSE 'drafts_forbidden' END"
        "        WHEN NOT EXISTS (SELECT 1 FROM pr WHERE pr.role IS NOT NULL"
        "             OR (pr.team_id IS NULL AND pr.owner_id = $2::uuid)) THEN 'project_not_found'"
        "        WHEN (SELECT pr.role FROM pr) = 'viewer' THEN 'project_forbidden'"
        "        ELSE 'ok' END AS outcome FROM a), "
        "u AS (UPDATE vellum.files f SET name = coalesce($3::text, f.name),"
        "             project_id = CASE WHEN $5::boolean THEN $4::uuid ELSE f.project_id END,"
        "             team_id = CASE WHEN $5::boolean THEN (SELECT pr.team_id FROM pr) ELSE f.team_id END,"
        "             updated_at = now() FROM v "
        "      WHERE f.id = v.id AND v.outcome = 'ok' RETURNING f.*, v.access) "
        "SELECT v.outcome, (SELECT json_build_object('file', " + sql::file_json("u", "u.access") + ") FROM u)::text FROM v";
    run(app, call, sql, {call->params[0], call->user.id, name, project, move ? "true" : "false"}, kOk,
        {not_found(call), {"forbidden", http::status::forbidden, "renaming or moving a file needs edit access"}, trashed(call),
         {"move_forbidden", http::status::forbidden, "moving a file to another project needs admin access"},
         {"drafts_forbidden", http::status::forbidden, "only the file's owner can move it out of its project"},
         {"project_not_found", http::status::not_found,
          "project " + project.value_or("") + " does not exist or you have no access to it"},
         {"project_forbidden", http::status::forbidden, "team viewers cannot move files into the team's projects"}});
}

// POST /api/files/:fileId/duplicate {name?}: a copy of the file's live
// objects (their registers as they are, ids kept, so that parents and order
// hold) as a new file that the user owns, "<name> (copy)" unless named. It
// stays in the file's project when the user may create files there, and goes
// to the user's own files otherwise. Needs view access. The copy starts at
// seq 0 with a baseline of those objects, so that its history, like any
// file's after retention, starts from that state; its images come along.
void duplicate_file(App& app, const Request& request, const CallPtr& call) {
    std::optional<std::string> name;
    if (!request.body().empty()) {  // the body is optional
        Fields body(request);
        if (body.has("name")) name = body.name("name");
        if (!body.ok()) return call->bad_request(body.error());
    }
    static const std::string sql =
        "WITH a AS (" + sql::file_gate("view", sql::Trash::MustNotBe) + "), "
        "src AS (SELECT f.*, coalesce(f.team_id, (SELECT pr.team_id FROM vellum.projects pr WHERE pr.id = f.project_id)) AS home"
        "        FROM vellum.files f JOIN a ON a.id = f.id AND a.outcome = 'ok'), "
        "place AS (SELECT CASE"
        "        WHEN src.home IS NOT NULL THEN EXISTS (SELECT 1 FROM vellum.team_members m"
        "             WHERE m.team_id = src.home AND m.user_id = $2::uuid AND m.role <> 'viewer')"
        "        ELSE src.project_id IS NULL OR EXISTS (SELECT 1 FROM vellum.projects pr"
        "             WHERE pr.id = src.project_id AND pr.owner_id = $2::uuid) END AS keep FROM src), "
        "ins AS (INSERT INTO vellum.files (name, owner_id, project_id, team_id)"
        "        SELECT coalesce($3::text, left(src.name, 248) || ' (copy)'), $2::uuid,"
        "               CASE WHEN place.keep THEN src.project_id END, CASE WHEN place.keep THEN src.team_id END"
        "        FROM src, place RETURNING *), "
        "live AS (SELECT o.object_id, o.registers, o.tombstone FROM vellum.objects o WHERE o.file_id = $1::uuid AND NOT o.deleted), "
        "objects AS (INSERT INTO vellum.objects (file_id, object_id, registers, tombstone)"
        "            SELECT ins.id, live.object_id, live.registers, live.tombstone FROM ins, live), "
        "baseline AS (INSERT INTO vellum.file_baselines (file_id, seq, objects)"
        "             SELECT ins.id, 0, coalesce((SELECT jsonb_object_agg(live.object_id, jsonb_build_object("
        "                 'registers', live.registers, 'tombstone', live.tombstone)) FROM live), '{}') FROM ins), "
        "images AS (INSERT INTO vellum.file_images (file_id, sha256, uploaded_by)"
        "           SELECT ins.id, i.sha256, i.uploaded_by FROM ins, vellum.file_images i WHERE i.file_id = $1::uuid) "
        "SELECT a.outcome, (SELECT json_build_object('file', " + sql::file_json("ins", "'admin'") + ") FROM ins)::text FROM a";
    run(app, call, sql, {call->params[0], call->user.id, name}, http::status::created, {not_found(call), trashed(call)});
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
