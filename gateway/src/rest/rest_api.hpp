// The REST resources behind /api (all but /api/auth): files, versions,
// comments, teams, projects and file permissions. Every request is signed in
// (HttpApi checked the session); what the user may do is decided in the
// database, with vellum.file_access, the rule apply_ops enforces.
#pragma once

#include "app.hpp"
#include "rooms/client_handler.hpp"
#include "rest/http_api.hpp"

namespace vellum::gateway {

class RestApi {
public:
    explicit RestApi(App& app) : app_(app) {}

    // Answers one /api request (path without the query string) for user.
    void handle(const Request& request, const std::string& path, const SignedInUser& user, Respond respond);

    // Every route, as "METHOD /api/pattern" ("GET /api/files/:fileId"), in
    // the order of the table that handle() dispatches with.
    static std::vector<std::string> route_list();

private:
    App& app_;
};

}  // namespace vellum::gateway
