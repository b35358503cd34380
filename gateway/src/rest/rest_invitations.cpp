// Invitations: adding someone to a team or giving them a file is an
// invitation addressed to an email, which its addressee accepts or declines.
// Inviting answers the same whether or not the email has an account (or is
// already in), so that it tells the inviter nothing about who has an account;
// the statement that invites does not even look at vellum.users.
//
// The invitee finds their invitations by the email of their account; one
// addressed to another email answers 404, exactly like one that does not
// exist. Accepting never lowers what the invitee already has, so that an
// invitation cannot demote an owner or an admin.
#include "rest/rest_handlers.hpp"

namespace vellum::gateway::rest {

namespace {

enum class Scope { Team, File };

// An invitation `i` to a team or a file; `extra` adds fields
// (", 'key', value ...").
std::string invitation_json(const std::string& i, Scope scope, const std::string& extra = "") {
    std::string what = scope == Scope::Team ? "'role', " + i + ".role, 'teamId', " + i + ".team_id"
                                            : "'permission', " + i + ".role, 'fileId', " + i + ".file_id";
    return "json_build_object('id', " + i + ".id, 'email', " + i + ".email, " + what + ", 'createdAt', " + i +
           ".created_at" + extra + ")";
}

// Who invited, from vellum.users aliased `b` (NULL once that account is gone).
const char* kInvitedBy = ", 'invitedBy', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('id', b.id, 'name', b.name) END";

// The roles of teams and the permissions of files, lowest first.
const char* kTeamRoles = "ARRAY['viewer', 'member', 'admin', 'owner']";
const char* kFilePermissions = "ARRAY['view', 'edit', 'admin']";

// Whether the role `a` ranks above `b` (SQL text expressions).
std::string ranks_above(const std::string& ranks, const std::string& a, const std::string& b) {
    return "array_position(" + ranks + ", " + a + ") > array_position(" + ranks + ", " + b + ")";
}

// The higher of the roles `a` and `b`; a NULL one counts as none.
std::string higher(const std::string& ranks, const std::string& a, const std::string& b) {
    return "(" + ranks + ")[greatest(array_position(" + ranks + ", " + a + "), array_position(" + ranks + ", " + b + "))]";
}

// The lower-cased email of the signed-in user `param`, what invitations are addressed to.
std::string my_email(const std::string& param) {
    return "(SELECT lower(u.email) FROM vellum.users u WHERE u.id = " + param + "::uuid)";
}

// The SQL of who manages the team or file $1: a CTE body of one row with the
// user $2's outcome, and the team's or file's id in it (as `g`).
struct Gate {
    std::string cte;
    std::string id;
};
Gate gate(Scope scope, sql::Trash trash) {
    if (scope == Scope::Team) return {sql::team_admin_gate(), "$1::uuid"};
    return {sql::file_gate("admin", trash), "g.id"};
}

std::vector<Denial> denials(const CallPtr& call, Scope scope) {
    if (scope == Scope::Team)
        return {{"not_found", http::status::not_found, team_not_found(call->params[0])},
                {"forbidden", http::status::forbidden,
                 "inviting people and seeing invitations needs being an owner or admin of the team"}};
    return {{"not_found", http::status::not_found, file_not_found(call->params[0])},
            {"forbidden", http::status::forbidden, "inviting people to a file and seeing its invitations needs admin access"},
            {"trashed", http::status::conflict, "file " + call->params[0] + " is in the trash; restore it first"}};
}

// Invites the email $3 with the role $4, for the user $2 who manages $1.
// Inviting again replaces the invitation: a new role, inviter and date.
std::string invite_sql(Scope scope) {
    Gate g = gate(scope, sql::Trash::MustNotBe);
    std::string column = scope == Scope::Team ? "team_id" : "file_id";
    return "WITH g AS (" + g.cte + "), "
           "ins AS (INSERT INTO vellum.invitations (email, " + column + ", role, invited_by) "
           "        SELECT lower($3::text), " + g.id + ", $4::text, $2::uuid FROM g WHERE g.outcome = 'ok' "
           "        ON CONFLICT (" + column + ", email) WHERE " + column + " IS NOT NULL "
           "        DO UPDATE SET role = excluded.role, invited_by = excluded.invited_by, created_at = now() RETURNING *) "
           "SELECT g.outcome, (SELECT json_build_object('invitation', " + invitation_json("i", scope) + ") "
           "    FROM ins i)::text FROM g";
}

// The pending invitations of $1, for the user $2 who manages it.
std::string pending_sql(Scope scope) {
    Gate g = gate(scope, sql::Trash::Any);
    std::string column = scope == Scope::Team ? "team_id" : "file_id";
    return "WITH g AS (" + g.cte + ") "
           "SELECT g.outcome, CASE WHEN g.outcome = 'ok' THEN " +
           sql::page_of("SELECT " + sql::oldest_first("i.created_at") + " AS k, i.id, " +
                            invitation_json("i", scope, kInvitedBy) + " AS item "
                            "FROM vellum.invitations i LEFT JOIN vellum.users b ON b.id = i.invited_by "
                            "JOIN g ON i." + column + " = " + g.id,
                        "invitations", 3, 4, 5) +
           " END FROM g";
}

void invite(App& app, const Request& request, const CallPtr& call, Scope scope) {
    Fields body(request);
    std::string email = body.email("email");
    std::string role = scope == Scope::Team ? body.one_of("role", {"member", "admin", "viewer"})
                                            : body.one_of("permission", {"view", "edit", "admin"});
    if (!body.ok()) return call->bad_request(body.error());
    static const std::string team_sql = invite_sql(Scope::Team), file_sql = invite_sql(Scope::File);
    run(app, call, scope == Scope::Team ? team_sql : file_sql, {call->params[0], call->user.id, email, role},
        http::status::accepted, denials(call, scope));
}

void list_pending(App& app, const CallPtr& call, Scope scope) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string team_sql = pending_sql(Scope::Team), file_sql = pending_sql(Scope::File);
    run(app, call, scope == Scope::Team ? team_sql : file_sql,
        {call->params[0], call->user.id, page.after_key, page.after_id, std::to_string(page.limit)}, http::status::ok,
        denials(call, scope), true);
}

}  // namespace

// POST /api/teams/:teamId/members {email, role}: team owners and admins
// invite an email as member, admin or viewer.
void invite_to_team(App& app, const Request& request, const CallPtr& call) { invite(app, request, call, Scope::Team); }

// GET /api/teams/:teamId/invitations: the team's pending invitations, for
// its owners and admins.
void list_team_invitations(App& app, const Request&, const CallPtr& call) { list_pending(app, call, Scope::Team); }

// PUT /api/files/:fileId/permissions {email, permission}: admins of the file
// invite an email to view, edit or administer it.
void invite_to_file(App& app, const Request& request, const CallPtr& call) { invite(app, request, call, Scope::File); }

// GET /api/files/:fileId/invitations: the file's pending invitations, for its admins.
void list_file_invitations(App& app, const Request&, const CallPtr& call) { list_pending(app, call, Scope::File); }

// GET /api/invitations: the invitations addressed to the user's email, newest
// first, with the team's or file's name and who invited.
void list_invitations(App& app, const Request&, const CallPtr& call) {
    std::string error;
    PageQuery page = query_page(*call, 50, 200, error);
    if (!error.empty()) return call->bad_request(error);
    static const std::string sql = sql::paged(
        "SELECT (extract(epoch FROM i.created_at) * 1000000)::bigint AS k, i.id, CASE WHEN i.team_id IS NOT NULL "
        "    THEN " + invitation_json("i", Scope::Team, std::string(", 'teamName', t.name") + kInvitedBy) +
        "    ELSE " + invitation_json("i", Scope::File, std::string(", 'fileName', f.name") + kInvitedBy) + " END AS item "
        "FROM vellum.invitations i LEFT JOIN vellum.teams t ON t.id = i.team_id "
        "LEFT JOIN vellum.files f ON f.id = i.file_id LEFT JOIN vellum.users b ON b.id = i.invited_by "
        "WHERE i.email = " + my_email("$1"),
        "invitations", 2, 3, 4);
    run(app, call, sql, {call->user.id, page.after_key, page.after_id, std::to_string(page.limit)}, http::status::ok, {},
        true);
}

// POST /api/invitations/:invitationId/accept: the invitee joins the team or
// gets the file, in the same statement that removes the invitation (so two
// accepts at once join once, and the other answers 404). The answer is the
// team or the file as the user now has it.
void accept_invitation(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "WITH taken AS (DELETE FROM vellum.invitations i WHERE i.id = $1::uuid AND i.email = " + my_email("$2") +
        "               RETURNING i.*), "
        "joined AS (INSERT INTO vellum.team_members AS m (team_id, user_id, role) "
        "           SELECT t.team_id, $2::uuid, t.role FROM taken t WHERE t.team_id IS NOT NULL "
        "           ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role "
        "           WHERE " + ranks_above(kTeamRoles, "excluded.role::text", "m.role::text") + " RETURNING 1), "
        "granted AS (INSERT INTO vellum.file_permissions AS p (file_id, user_id, permission) "
        "            SELECT t.file_id, $2::uuid, t.role FROM taken t WHERE t.file_id IS NOT NULL "
        "            ON CONFLICT (file_id, user_id) DO UPDATE SET permission = excluded.permission, granted_at = now() "
        "            WHERE " + ranks_above(kFilePermissions, "excluded.permission::text", "p.permission::text") +
        "            RETURNING 1) "
        // The statement sees the rows as they were before it: what the user
        // has now is the higher of that and the invitation.
        "SELECT 'ok', json_build_object('accepted', CASE WHEN t.team_id IS NOT NULL "
        "    THEN json_build_object('invitationId', t.id, 'team', " +
        sql::team_json("tm", higher(kTeamRoles,
                                    "(SELECT m.role::text FROM vellum.team_members m "
                                    " WHERE m.team_id = t.team_id AND m.user_id = $2::uuid)",
                                    "t.role::text")) +
        ") ELSE json_build_object('invitationId', t.id, 'file', " +
        sql::file_json("f", higher(kFilePermissions, "vellum.file_access(f.id, $2::uuid)", "t.role::text")) +
        ") END)::text "
        "FROM taken t LEFT JOIN vellum.teams tm ON tm.id = t.team_id LEFT JOIN vellum.files f ON f.id = t.file_id";
    run(app, call, sql, {call->params[0], call->user.id}, http::status::ok,
        {{"not_found", http::status::not_found,
          "invitation " + call->params[0] + " does not exist or is not addressed to you"}});
}

// DELETE /api/invitations/:invitationId: the invitee declines, or an owner or
// admin of the team (an admin of the file) cancels. Anyone else gets 404.
void delete_invitation(App& app, const Request&, const CallPtr& call) {
    static const std::string sql =
        "DELETE FROM vellum.invitations i WHERE i.id = $1::uuid AND (i.email = " + my_email("$2") +
        "    OR EXISTS (SELECT 1 FROM vellum.team_members m "
        "               WHERE m.team_id = i.team_id AND m.user_id = $2::uuid AND m.role IN ('owner', 'admin')) "
        "    OR (i.file_id IS NOT NULL AND vellum.file_access(i.file_id, $2::uuid) = 'admin')) "
        "RETURNING 'ok', json_build_object('deleted', true, 'id', i.id)::text";
    run(app, call, sql, {call->params[0], call->user.id}, http::status::ok,
        {{"not_found", http::status::not_found,
          "invitation " + call->params[0] + " does not exist, or is neither addressed to you nor one you manage"}});
}

}  // namespace vellum::gateway::rest
