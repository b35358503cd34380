// Teams (create, list, members: list, change role, remove) and projects
// (create, list). A team the user is not a member of answers 404, like a file
// the user cannot see. Members join by invitation (rest_invitations.cpp).
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

// A membership `m` of the user `u`.
std::string member_json(const std::string& m, const std::string& u) {
    return "json_build_object('teamId', " + m + ".team_id, 'userId', " + u + ".id, 'email', " + u + ".email, 'name', " + u +
           ".name, 'role', " + m + ".role, 'joinedAt', " + m + ".joined_at)";
}

const char* kProjectJson =
    "json_build_object('id', p.id, 'name', p.name, 'teamId', p.team_id, 'ownerId', p.owner_id, "
    "'createdAt', p.created_at, 'updatedAt', p.updated_at)";

Denial not_found(const std::string& team_id) { return {"not_found", http::status::not_found, team_not_found(team_id)}; }

}  // namespace

// POST /api/teams {name}: the creator becomes its owner member.
void create_team(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string name = body.name("name");
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH t AS (INSERT INTO vellum.teams (name, owner_id) VALUES ($2::text, $1::uuid) RETURNING *), "
        "m AS (INSERT INTO vellum.team_members (team_id, user_id, role) SELECT t.id, $1::uuid, 'owner' FROM t RETURNING *) "
        "SELECT 'ok', json_build_object('team', " + sql::team_json("t", "m.role") + ")::text FROM t JOIN m ON m.team_id = t.id";
    run(app, call, sql, {call->user.id, name}, http::status::created, {});
}

// GET /api/teams: the teams the user belongs to, with the user's role.
void list_teams(App& app, const Request&, const CallPtr& call) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql = sql::paged(
        "SELECT " + sql::oldest_first("t.created_at") + " AS k, t.id, " + sql::team_json("t", "m.role") + " AS item "
        "FROM vellum.team_members m JOIN vellum.teams t ON t.id = m.team_id WHERE m.user_id = $1::uuid",
        "teams", 2, 3, 4);
    run(app, call, sql, {call->user.id, page.after_key, page.after_id, std::to_string(page.limit)}, http::status::ok, {},
        true);
}

// GET /api/teams/:teamId/members: for any member of the team.
void list_team_members(App& app, const Request&, const CallPtr& call) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql =
        "SELECT CASE WHEN me.role IS NULL THEN 'not_found' ELSE 'ok' END, CASE WHEN me.role IS NOT NULL THEN " +
        sql::page_of("SELECT " + sql::oldest_first("m.joined_at") + " AS k, u.id, " + member_json("m", "u") + " AS item "
                     "FROM vellum.team_members m JOIN vellum.users u ON u.id = m.user_id WHERE m.team_id = $1::uuid",
                     "members", 3, 4, 5) +
        " END "
        "FROM (SELECT (SELECT m.role FROM vellum.team_members m WHERE m.team_id = $1::uuid AND m.user_id = $2::uuid) AS role) me";
    run(app, call, sql, {call->params[0], call->user.id, page.after_key, page.after_id, std::to_string(page.limit)},
        http::status::ok, {not_found(call->params[0])}, true);
}

// PATCH /api/teams/:teamId/members/:userId {role}: owners and admins change
// a member's role; only an owner makes an owner or changes an owner's role,
// and the last owner stays one (the other owner is locked, as in removal).
void change_team_member_role(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string role = body.one_of("role", {"owner", "admin", "member", "viewer"});
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH me AS (" + sql::team_admin_gate() + "), "
        "them AS (SELECT m.role FROM vellum.team_members m WHERE m.team_id = $1::uuid AND m.user_id = $3::uuid), "
        "v AS (SELECT CASE "
        "    WHEN me.outcome <> 'ok' THEN me.outcome "
        "    WHEN NOT EXISTS (SELECT 1 FROM them) THEN 'no_member' "
        "    WHEN ((SELECT them.role FROM them) = 'owner' OR $4::text = 'owner') AND me.role <> 'owner' "
        "         THEN 'forbidden_owner' "
        "    ELSE 'ok' END AS outcome, (SELECT them.role FROM them) AS role FROM me), "
        "up AS (UPDATE vellum.team_members m SET role = $4::text FROM v "
        "       WHERE m.team_id = $1::uuid AND m.user_id = $3::uuid AND v.outcome = 'ok' "
        "         AND (v.role <> 'owner' OR $4::text = 'owner' OR EXISTS (SELECT 1 FROM vellum.team_members o "
        "              WHERE o.team_id = $1::uuid AND o.role = 'owner' AND o.user_id <> $3::uuid FOR UPDATE)) "
        "       RETURNING m.*) "
        "SELECT CASE WHEN v.outcome = 'ok' AND NOT EXISTS (SELECT 1 FROM up) "
        "            THEN CASE WHEN v.role = 'owner' THEN 'last_owner' ELSE 'no_member' END "
        "            ELSE v.outcome END, "
        "    (SELECT json_build_object('member', " + member_json("m", "u") + ") "
        "     FROM up m JOIN vellum.users u ON u.id = m.user_id)::text "
        "FROM v";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1], role}, http::status::ok,
        {not_found(call->params[0]),
         {"forbidden", http::status::forbidden, "changing roles needs being an owner or admin of the team"},
         {"no_member", http::status::not_found, "user " + call->params[1] + " is not a member of the team"},
         {"forbidden_owner", http::status::forbidden, "only an owner can make an owner or change an owner's role"},
         {"last_owner", http::status::conflict, "the last owner of a team must stay an owner"}});
}

// DELETE /api/teams/:teamId/members/:userId: owners and admins remove members
// (only an owner removes an owner); anyone may leave. The last owner stays:
// the other owner that makes a removal possible is locked (FOR UPDATE), so
// two owners removing each other at once cannot leave the team without one.
void remove_team_member(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH me AS (SELECT m.role FROM vellum.team_members m WHERE m.team_id = $1::uuid AND m.user_id = $2::uuid), "
        "them AS (SELECT m.role FROM vellum.team_members m WHERE m.team_id = $1::uuid AND m.user_id = $3::uuid), "
        "v AS (SELECT CASE "
        "    WHEN NOT EXISTS (SELECT 1 FROM me) THEN 'not_found' "
        "    WHEN NOT EXISTS (SELECT 1 FROM them) THEN 'no_member' "
        "    WHEN $2::uuid <> $3::uuid AND (SELECT me.role FROM me) NOT IN ('owner', 'admin') THEN 'forbidden' "
        "    WHEN $2::uuid <> $3::uuid AND (SELECT them.role FROM them) = 'owner' "
        "         AND (SELECT me.role FROM me) <> 'owner' THEN 'forbidden_owner' "
        "    ELSE 'ok' END AS outcome, (SELECT them.role FROM them) AS role), "
        "d AS (DELETE FROM vellum.team_members m USING v "
        "      WHERE m.team_id = $1::uuid AND m.user_id = $3::uuid AND v.outcome = 'ok' "
        "        AND (v.role <> 'owner' OR EXISTS (SELECT 1 FROM vellum.team_members o "
        "             WHERE o.team_id = $1::uuid AND o.role = 'owner' AND o.user_id <> $3::uuid FOR UPDATE)) "
        "      RETURNING m.user_id) "
        "SELECT CASE WHEN v.outcome = 'ok' AND NOT EXISTS (SELECT 1 FROM d) "
        "            THEN CASE WHEN v.role = 'owner' THEN 'last_owner' ELSE 'no_member' END "
        "            ELSE v.outcome END, "
        "    json_build_object('removed', json_build_object('teamId', $1::uuid, 'userId', $3::uuid))::text "
        "FROM v";
    run(app, call, sql, {call->params[0], call->user.id, call->params[1]}, http::status::ok,
        {not_found(call->params[0]),
         {"no_member", http::status::not_found, "user " + call->params[1] + " is not a member of the team"},
         {"forbidden", http::status::forbidden, "removing members needs being an owner or admin of the team"},
         {"forbidden_owner", http::status::forbidden, "only an owner can remove an owner"},
         {"last_owner", http::status::conflict, "the last owner of a team cannot be removed"}});
}

// POST /api/projects {name, teamId}: for members of the team who are not viewers.
void create_project(App& app, const Request& request, const CallPtr& call) {
    Fields body(request);
    std::string name = body.name("name");
    auto team = body.uuid("teamId", true);
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string sql =
        "WITH v AS (SELECT CASE WHEN me.role IS NULL THEN 'not_found' WHEN me.role = 'viewer' THEN 'forbidden' "
        "                  ELSE 'ok' END AS outcome "
        "           FROM (SELECT (SELECT m.role FROM vellum.team_members m "
        "                         WHERE m.team_id = $3::uuid AND m.user_id = $1::uuid) AS role) me), "
        "ins AS (INSERT INTO vellum.projects (name, team_id, owner_id) "
        "        SELECT $2::text, $3::uuid, $1::uuid FROM v WHERE v.outcome = 'ok' RETURNING *) "
        "SELECT v.outcome, (SELECT json_build_object('project', " + std::string(kProjectJson) + ") FROM ins p)::text FROM v";
    run(app, call, sql, {call->user.id, name, team}, http::status::created,
        {not_found(*team), {"forbidden", http::status::forbidden, "team viewers cannot create projects"}});
}

// GET /api/projects[?teamId=]: the projects of the user's teams (and the
// user's own projects without a team); with teamId, of that team, which the
// user must belong to.
void list_projects(App& app, const Request&, const CallPtr& call) {
    std::string error;
    auto team = query_uuid(*call, "teamId", error);
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql =
        "SELECT CASE WHEN $2::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vellum.team_members m "
        "            WHERE m.team_id = $2::uuid AND m.user_id = $1::uuid) THEN 'not_found' ELSE 'ok' END, " +
        sql::page_of("SELECT " + sql::oldest_first("p.created_at") + " AS k, p.id, " + std::string(kProjectJson) +
                     " AS item FROM vellum.projects p "
                     "WHERE (p.team_id IN (SELECT m.team_id FROM vellum.team_members m WHERE m.user_id = $1::uuid) "
                     "       OR (p.team_id IS NULL AND p.owner_id = $1::uuid)) "
                     "  AND ($2::uuid IS NULL OR p.team_id = $2::uuid)",
                     "projects", 3, 4, 5);
    run(app, call, sql, {call->user.id, team, page.after_key, page.after_id, std::to_string(page.limit)}, http::status::ok,
        {not_found(team.value_or(""))}, true);
}

}  // namespace vellum::gateway::rest
