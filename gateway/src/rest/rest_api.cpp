#include "rest/rest_api.hpp"

#include <vector>

#include "rest/rest_handlers.hpp"

namespace vellum::gateway {

namespace {

using rest::Handler;

struct Route {
    http::verb method;
    std::vector<std::string> pattern;  // literal segments, and ":name" for an id
    Handler handler;
};

// "a/b/c" -> {"a", "b", "c"}; "" -> {}. Empty segments are kept, so that
// "/api/files/" or "//" match nothing.
std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    size_t start = 0;
    while (true) {
        size_t slash = text.find('/', start);
        out.push_back(text.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return out;
}

Route route(http::verb method, const std::string& pattern, Handler handler) {
    return Route{method, split(pattern), handler};
}

const std::vector<Route>& routes() {
    using http::verb;
    static const std::vector<Route> table = {
        route(verb::get, "files", rest::list_files),
        route(verb::post, "files", rest::create_file),
        route(verb::get, "files/:fileId", rest::get_file),
        route(verb::patch, "files/:fileId", rest::rename_file),
        route(verb::delete_, "files/:fileId", rest::trash_file),
        route(verb::post, "files/:fileId/restore", rest::restore_file),
        route(verb::post, "files/:fileId/duplicate", rest::duplicate_file),
        route(verb::put, "files/:fileId/thumbnail", rest::put_thumbnail),
        route(verb::get, "files/:fileId/thumbnail", rest::get_thumbnail),
        route(verb::get, "files/:fileId/versions", rest::list_versions),
        route(verb::post, "files/:fileId/versions", rest::create_version),
        route(verb::get, "files/:fileId/versions/:versionId", rest::get_version),
        route(verb::patch, "files/:fileId/versions/:versionId", rest::rename_version),
        route(verb::post, "files/:fileId/versions/:versionId/restore", rest::restore_version),
        route(verb::get, "files/:fileId/history", rest::file_history),
        route(verb::get, "files/:fileId/comments", rest::list_comments),
        route(verb::post, "files/:fileId/comments", rest::create_comment),
        route(verb::post, "comments/:commentId/replies", rest::reply_to_comment),
        route(verb::patch, "comments/:commentId", rest::update_comment),
        route(verb::delete_, "comments/:commentId", rest::delete_comment),
        route(verb::post, "teams", rest::create_team),
        route(verb::get, "teams", rest::list_teams),
        route(verb::get, "teams/:teamId/members", rest::list_team_members),
        route(verb::post, "teams/:teamId/members", rest::invite_to_team),
        route(verb::patch, "teams/:teamId/members/:userId", rest::change_team_member_role),
        route(verb::delete_, "teams/:teamId/members/:userId", rest::remove_team_member),
        route(verb::get, "teams/:teamId/invitations", rest::list_team_invitations),
        route(verb::post, "projects", rest::create_project),
        route(verb::get, "projects", rest::list_projects),
        route(verb::get, "files/:fileId/permissions", rest::list_permissions),
        route(verb::put, "files/:fileId/permissions", rest::invite_to_file),
        route(verb::put, "files/:fileId/permissions/:userId", rest::change_permission),
        route(verb::delete_, "files/:fileId/permissions/:userId", rest::revoke_permission),
        route(verb::post, "files/:fileId/images", rest::upload_image),
        route(verb::get, "files/:fileId/images/:sha256", rest::get_image),
        route(verb::get, "files/:fileId/invitations", rest::list_file_invitations),
        route(verb::get, "invitations", rest::list_invitations),
        route(verb::post, "invitations/:invitationId/accept", rest::accept_invitation),
        route(verb::delete_, "invitations/:invitationId", rest::delete_invitation),
    };
    return table;
}

// Whether segments fit a pattern; the ids go to params (checked later).
bool matches(const Route& r, const std::vector<std::string>& segments, std::vector<std::pair<std::string, std::string>>& params) {
    if (r.pattern.size() != segments.size()) return false;
    params.clear();
    for (size_t i = 0; i < segments.size(); ++i) {
        const std::string& p = r.pattern[i];
        if (!p.empty() && p[0] == ':') {
            if (segments[i].empty()) return false;
            params.emplace_back(p.substr(1), segments[i]);
        } else if (p != segments[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::vector<std::string> RestApi::route_list() {
    std::vector<std::string> out;
    for (const auto& r : routes()) {
        std::string pattern;
        for (const auto& segment : r.pattern) pattern += "/" + segment;
        out.push_back(std::string(http::to_string(r.method)) + " /api" + pattern);
    }
    return out;
}

void RestApi::handle(const Request& request, const std::string& path, const SignedInUser& user, Respond respond) {
    auto not_found = [&] {
        respond(error_response(request, http::status::not_found, "not_found",
                               "no such endpoint: " + std::string(request.method_string()) + " " + path));
    };
    const std::string prefix = "/api/";
    if (path.rfind(prefix, 0) != 0) return not_found();
    std::vector<std::string> segments = split(path.substr(prefix.size()));

    const Route* found = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
    std::string allowed;
    for (const auto& r : routes()) {
        std::vector<std::pair<std::string, std::string>> candidate;
        if (!matches(r, segments, candidate)) continue;
        if (r.method == request.method()) {
            found = &r;
            params = std::move(candidate);
            break;
        }
        std::string name(http::to_string(r.method));
        if (allowed.find(name) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + name;
    }
    if (!found && allowed.empty()) return not_found();
    if (!found) {
        Response res = error_response(request, http::status::method_not_allowed, "method_not_allowed",
                                      std::string(request.method_string()) + " is not allowed on " + path + "; use " + allowed);
        res.set(http::field::allow, allowed);
        return respond(std::move(res));
    }

    // Ids are canonicalised here, so that handlers and their messages see one spelling.
    for (auto& [name, value] : params) {
        auto id = name == "sha256" ? canonical_sha256(value) : canonical_uuid(value);
        if (!id)
            return respond(error_response(request, http::status::bad_request, "invalid_request",
                                          "\"" + name + "\" in the path must be " +
                                              (name == "sha256" ? "a SHA-256 (64 hexadecimal digits)" : "a uuid")));
        value = *id;
    }

    auto call = std::make_shared<rest::Call>();
    auto meta = std::make_shared<Request>();
    meta->version(request.version());
    meta->keep_alive(request.keep_alive());
    call->meta = std::move(meta);
    call->user = user;
    for (auto& [name, value] : params) call->params.push_back(std::move(value));
    std::string target(request.target());
    size_t q = target.find('?');
    if (q != std::string::npos) call->query = rest::parse_query(target.substr(q + 1));
    call->respond = std::move(respond);
    found->handler(app_, request, call);
}

}  // namespace vellum::gateway
