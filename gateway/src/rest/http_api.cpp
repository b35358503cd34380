#include "rest/http_api.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

#include "auth/auth.hpp"
#include "support/json_parse.hpp"
#include "support/json_text.hpp"
#include "support/log.hpp"
#include "rooms/protocol.hpp"
#include "rest/rest_api.hpp"

namespace vellum::gateway {

namespace {

constexpr int kSessionSeconds = 30 * 24 * 3600;

const char* kPlaceholderPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vellum</title></head>
<body style="font-family: system-ui, sans-serif; margin: 4rem">
<h1>Vellum</h1>
<p>The gateway is running. The browser client is not built yet.</p>
<p>API: <code>/api/auth/register</code>, <code>/api/auth/login</code>, <code>/api/auth/me</code>;
WebSocket: <code>/ws</code>; <a href="/health">/health</a>, <a href="/metrics">/metrics</a>.</p>
</body></html>
)";

std::string user_json(const std::string& id, const std::string& email, const std::string& name) {
    return "{\"id\": " + json_quote(id) + ", \"email\": " + json_quote(email) + ", \"name\": " + json_quote(name) + "}";
}

// Reads a JSON object body with string fields; the error names what is wrong.
std::optional<rapidjson::Document> json_body(const Request& request, std::string& error) {
    rapidjson::Document doc;
    if (auto e = parse_json_body(request.body(), doc)) {
        error = *e;
        return std::nullopt;
    }
    return doc;
}

std::optional<std::string> string_field(const rapidjson::Document& doc, const char* name, std::string& error) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsString()) {
        error = std::string("\"") + name + "\" is required and must be a string";
        return std::nullopt;
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string content_type(const std::string& path) {
    auto dot = path.rfind('.');
    std::string ext = dot == std::string::npos ? "" : path.substr(dot);
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

// The Content-Security-Policy of the pages: scripts only from this origin's
// files (no inline script, no eval), so that a user's string that ever reached
// the page as markup could not run; styles may be inline (the placeholder
// page's attributes, React's style props); the WebSocket is this host's
// (named, as older browsers do not count ws: as 'self'); no plugins, no
// framing by other sites, no <base> rewriting the script addresses.
std::string page_policy(const Request& request) {
    std::string connect = "'self'";
    auto host = request.find(http::field::host);
    if (host != request.end()) {
        std::string h(host->value());
        bool plain = !h.empty() && h.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                                       std::string::npos;
        if (plain) connect += " ws://" + h + " wss://" + h;
    }
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
           "connect-src " + connect + "; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
           "form-action 'self'";
}

std::string ascii_lower(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string session_token(const Request& request) {
    auto it = request.find(http::field::cookie);
    if (it == request.end()) return "";
    return cookie_value(std::string_view(it->value().data(), it->value().size()), kSessionCookie).value_or("");
}

}  // namespace

// The sign-in endpoints, which need no session (all other /api routes are RestApi's).
struct HttpApi::AuthRoute {
    http::verb method;
    const char* path;
    void (HttpApi::*handler)(const Request&, const std::string& client, Respond);
};

const std::vector<HttpApi::AuthRoute>& HttpApi::auth_routes() {
    static const std::vector<AuthRoute> table = {
        {http::verb::post, "/api/auth/register", &HttpApi::register_user},
        {http::verb::post, "/api/auth/login", &HttpApi::login},
        {http::verb::post, "/api/auth/logout", &HttpApi::logout},
        {http::verb::get, "/api/auth/me", &HttpApi::me},
    };
    return table;
}

std::vector<std::string> HttpApi::route_list() {
    std::vector<std::string> out = {"GET /health", "GET /metrics"};
    for (const auto& route : auth_routes()) out.push_back(std::string(http::to_string(route.method)) + " " + route.path);
    for (auto& route : RestApi::route_list()) out.push_back(std::move(route));
    out.push_back("GET /*");   // pages and the client's files (static_file)
    out.push_back("GET /ws");  // the WebSocket upgrade
    for (const auto& [name, type] : client_message_types()) out.push_back("WS " + name);
    return out;
}

HttpApi::HttpApi(App& app) : app_(app), rest_(std::make_unique<RestApi>(app)) {}
HttpApi::~HttpApi() = default;

Response json_response(const Request& request, http::status status, std::string body) {
    Response res{status, request.version()};
    res.set(http::field::server, "vellum-gateway");
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(request.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response error_response(const Request& request, http::status status, const std::string& code, const std::string& message) {
    return json_response(request, status,
                         "{\"error\": {\"code\": " + json_quote(code) + ", \"message\": " + json_quote(message) + "}}");
}

Response busy_response(const Request& request) {
    Response res = error_response(request, http::status::service_unavailable, "busy",
                                  "too many sign-ins are being checked right now; try again in a moment");
    res.set(http::field::retry_after, "1");
    return res;
}

Response throttled_response(const Request& request, std::chrono::seconds wait, const std::string& whose) {
    std::string seconds = std::to_string(wait.count());
    Response res = error_response(request, http::status::too_many_requests, "rate_limited",
                                  "too many failed sign-ins " + whose + "; wait " + seconds +
                                      (wait.count() == 1 ? " second" : " seconds") + " and try again");
    res.set(http::field::retry_after, seconds);
    return res;
}

http::status status_for(const PgResult& r) {
    if (is_availability_failure(r)) return http::status::service_unavailable;
    const std::string& s = r.sqlstate;
    if (s == "42501") return http::status::forbidden;
    if (s == "P0002") return http::status::not_found;
    if (s == "23505" || s == "55000") return http::status::conflict;
    if (s == "54000") return http::status::payload_too_large;
    if (s.rfind("22", 0) == 0 || s.rfind("23", 0) == 0) return http::status::bad_request;
    return http::status::internal_server_error;
}

bool HttpApi::origin_allowed(const Request& request) const {
    auto origin = request.find(http::field::origin);
    if (origin == request.end()) return false;
    std::string o(origin->value());
    for (const auto& allowed : app_.config.allowed_origins)
        if (o == allowed) return true;
    // Same origin: the page was served by this gateway.
    auto host = request.find(http::field::host);
    return host != request.end() && (o == "http://" + std::string(host->value()) || o == "https://" + std::string(host->value()));
}

bool HttpApi::from_another_site(const Request& request) const {
    // Browsers send an Origin with every POST, PUT, PATCH and DELETE; it
    // decides. Without one, Sec-Fetch-Site (sent by browsers that may omit
    // Origin in some cases) must not say the request is another site's.
    // Neither header: not a browser, which has no one else's cookie to send.
    if (request.find(http::field::origin) != request.end()) return !origin_allowed(request);
    auto site = request.find("Sec-Fetch-Site");
    if (site == request.end()) return false;
    std::string_view value(site->value().data(), site->value().size());
    return value != "same-origin" && value != "none";
}

void HttpApi::authenticate(const Request& request, std::function<void(std::optional<SignedInUser>, bool)> done) {
    std::string token = session_token(request);
    if (token.size() != 64) return done(std::nullopt, false);
    app_.pool->query(
        "SELECT u.id, u.email, u.name, encode(s.token_hash, 'hex'), "
        "       ceil(extract(epoch FROM s.expires_at - now()) * 1000)::bigint "
        "FROM vellum.sessions s JOIN vellum.users u ON u.id = s.user_id "
        "WHERE s.token_hash = sha256(convert_to($1, 'UTF8')) AND s.expires_at > now()",
        {token}, [done = std::move(done)](PgResult r) {
            if (!r.ok) return done(std::nullopt, true);
            if (r.rows == 0) return done(std::nullopt, false);
            // The time left is the database's view, so the two clocks need not agree.
            auto expires = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::stoll(*r.at(0, 4)));
            done(SignedInUser{*r.at(0, 0), *r.at(0, 1), *r.at(0, 2), *r.at(0, 3), expires}, false);
        });
}

bool HttpApi::allow_api_request(const std::string& client) {
    auto now = RateLimiter::Clock::now();
    std::lock_guard<std::mutex> lock(limiters_mutex_);
    // Forget idle addresses now and then so that the map stays small.
    if (limiters_.size() > 10000) limiters_.clear();
    auto it = limiters_.find(client);
    if (it == limiters_.end())
        it = limiters_.emplace(client, RateLimiter(app_.config.http_rate_limit_per_second,
                                                   2 * app_.config.http_rate_limit_per_second, now)).first;
    return it->second.allow(now);
}

void HttpApi::handle(Request request, const std::string& client, Respond respond) {
    std::string target(request.target());
    std::string path = target.substr(0, target.find('?'));
    auto method = request.method();
    if (path == "/health" && method == http::verb::get) return health(request, std::move(respond));
    if (path == "/metrics" && method == http::verb::get) return metrics(request, std::move(respond));
    if (path.rfind("/api/", 0) == 0) {
        if (!allow_api_request(client)) {
            Response res = error_response(request, http::status::too_many_requests, "rate_limited",
                                          "too many requests from this address; slow down");
            res.set(http::field::retry_after, "1");
            return respond(std::move(res));
        }
        if (app_.draining)
            return respond(error_response(request, http::status::service_unavailable, "unavailable", "the gateway is shutting down"));
        // CSRF: the session is a cookie, which a browser would add to a
        // request another site's page makes. SameSite=Lax keeps it off most
        // of them; a request that changes anything is refused besides when
        // the browser says it comes from another site.
        if (method != http::verb::get && method != http::verb::head && from_another_site(request))
            return respond(error_response(request, http::status::forbidden, "forbidden",
                                          "cross-origin request refused: the Origin (or Sec-Fetch-Site) is not this site's"));
        for (const auto& route : auth_routes())
            if (path == route.path && method == route.method) return (this->*route.handler)(request, client, std::move(respond));
        if (path.rfind("/api/auth/", 0) == 0)
            return respond(error_response(request, http::status::not_found, "not_found",
                                          "no such endpoint: " + std::string(request.method_string()) + " " + path));
        // Everything else under /api needs a signed-in user.
        auto req = std::make_shared<Request>(std::move(request));
        RestApi* rest = rest_.get();
        return authenticate(*req, [req, path, rest, respond = std::move(respond)](std::optional<SignedInUser> user,
                                                                               bool db_failed) mutable {
            if (db_failed)
                return respond(error_response(*req, http::status::service_unavailable, "unavailable", "the database is unavailable"));
            if (!user) return respond(error_response(*req, http::status::unauthorized, "unauthorized", "sign in first"));
            rest->handle(*req, path, *user, std::move(respond));
        });
    }
    if (method == http::verb::get || method == http::verb::head) return static_file(request, std::move(respond));
    respond(error_response(request, http::status::method_not_allowed, "method_not_allowed", "use GET for pages"));
}

void HttpApi::health(const Request& request, Respond respond) {
    auto now = CircuitBreaker::Clock::now();
    auto pg_state = app_.pg_breaker.state(now);
    int ready = app_.pool->ready_connections();
    bool listening = app_.listener && app_.listener->listening();
    bool redis_configured = !app_.config.redis_url.empty();
    auto redis_state = app_.redis_breaker.state(now);
    bool healthy = pg_state == CircuitBreaker::State::Closed && ready > 0 && listening && !app_.draining;
    std::string body =
        "{\"status\": " + json_quote(healthy ? "ok" : (app_.draining ? "draining" : "degraded")) +
        ", \"postgres\": {\"state\": " + json_quote(state_name(pg_state)) +
        ", \"failures\": " + std::to_string(app_.pg_breaker.consecutive_failures()) +
        ", \"connections\": " + std::to_string(ready) + ", \"listening\": " + (listening ? "true" : "false") + "}" +
        ", \"redis\": {\"state\": " + json_quote(redis_configured ? state_name(redis_state) : "DISABLED") +
        ", \"failures\": " + std::to_string(app_.redis_breaker.consecutive_failures()) + "}" +
        ", \"websocket\": {\"connections\": " + std::to_string(app_.metrics.connections()) + ", \"rooms\": " +
        std::to_string(app_.hub.rooms()) + ", \"state\": " + json_quote(app_.draining ? "draining" : "healthy") + "}}";
    respond(json_response(request, healthy ? http::status::ok : http::status::service_unavailable, std::move(body)));
}

bool HttpApi::metrics_allowed(const Request& request) const {
    const std::string& token = app_.config.metrics_token;
    if (token.empty()) return false;
    auto it = request.find(http::field::authorization);
    if (it == request.end()) return false;
    std::string expected = "Bearer " + token;
    std::string_view given(it->value().data(), it->value().size());
    if (given.size() != expected.size()) return false;
    unsigned char diff = 0;  // constant time
    for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ expected[i]);
    return diff == 0;
}

void HttpApi::metrics(const Request& request, Respond respond) {
    if (app_.config.metrics_token.empty())
        return respond(error_response(request, http::status::not_found, "not_found",
                                      "/metrics is not served: the operator sets METRICS_TOKEN to enable it"));
    if (!metrics_allowed(request)) {
        Response res = error_response(request, http::status::unauthorized, "unauthorized",
                                      "/metrics needs the operator's token: Authorization: Bearer METRICS_TOKEN");
        res.set(http::field::www_authenticate, "Bearer realm=\"metrics\"");
        return respond(std::move(res));
    }
    std::string extra = "# HELP vellum_file_collaborators Clients with the file open on this gateway.\n"
                        "# TYPE vellum_file_collaborators gauge\n";
    for (const auto& [file, n] : app_.hub.collaborators())
        extra += "vellum_file_collaborators{file=\"" + file + "\"} " + std::to_string(n) + "\n";
    auto now = CircuitBreaker::Clock::now();
    extra += "# HELP vellum_circuit_breaker_state 0 closed, 1 open, 2 half-open.\n# TYPE vellum_circuit_breaker_state gauge\n";
    extra += "vellum_circuit_breaker_state{service=\"postgres\"} " + std::to_string(state_metric(app_.pg_breaker.state(now))) + "\n";
    extra += "vellum_circuit_breaker_state{service=\"redis\"} " + std::to_string(state_metric(app_.redis_breaker.state(now))) + "\n";
    Response res{http::status::ok, request.version()};
    res.set(http::field::content_type, "text/plain; version=0.0.4");
    res.keep_alive(request.keep_alive());
    res.body() = app_.metrics.render(extra);
    res.prepare_payload();
    respond(std::move(res));
}

void HttpApi::register_user(const Request& request, const std::string& client, Respond respond) {
    std::string error;
    auto body = json_body(request, error);
    std::optional<std::string> email, name, password;
    if (body) email = string_field(*body, "email", error);
    if (email) name = string_field(*body, "name", error);
    if (name) password = string_field(*body, "password", error);
    if (!password) return respond(error_response(request, http::status::bad_request, "invalid_request", error));
    for (auto check : {check_email(*email), check_name(*name), check_password(*password)})
        if (check) return respond(error_response(request, http::status::bad_request, "invalid_request", *check));
    App& app = app_;
    auto req = std::make_shared<Request>(request);
    bool queued = app_.password_workers.try_post(client, [&app, req, email = *email, name = *name,
                                                         password = *password, respond]() mutable {
        auto hash = hash_password(password);
        if (!hash)
            return respond(error_response(*req, http::status::internal_server_error, "internal", "could not hash the password"));
        std::string token = new_session_token();
        app.pool->query(
            "WITH u AS (INSERT INTO vellum.users (email, name, password_hash) VALUES (lower($1), $2, $3) "
            "           RETURNING id, email, name), "
            "     s AS (INSERT INTO vellum.sessions (token_hash, user_id, expires_at) "
            "           SELECT sha256(convert_to($4, 'UTF8')), id, now() + make_interval(secs => $5::int) FROM u) "
            "SELECT id, email, name FROM u",
            {email, name, *hash, token, std::to_string(kSessionSeconds)},
            [req, token, respond = std::move(respond)](PgResult r) {
                if (!r.ok && r.sqlstate == "23505")
                    return respond(error_response(*req, http::status::conflict, "conflict", "an account with this email already exists"));
                if (!r.ok) return respond(error_response(*req, status_for(r), "unavailable", r.message));
                Response res = json_response(*req, http::status::created,
                                             "{\"user\": " + user_json(*r.at(0, 0), *r.at(0, 1), *r.at(0, 2)) + "}");
                res.set(http::field::set_cookie, session_cookie(token, kSessionSeconds));
                respond(std::move(res));
            });
    });
    if (!queued) respond(busy_response(request));
}

void HttpApi::login(const Request& request, const std::string& client, Respond respond) {
    std::string error;
    auto body = json_body(request, error);
    std::optional<std::string> email, password;
    if (body) email = string_field(*body, "email", error);
    if (email) password = string_field(*body, "password", error);
    if (!password) return respond(error_response(request, http::status::bad_request, "invalid_request", error));
    using Scope = LoginThrottle::Scope;
    // Counted before anything else, so that a burst of guesses cannot all get
    // to bcrypt; every path below that is not a wrong password gives it back.
    if (auto wait = app_.login_throttle.begin(Scope::Address, client, LoginThrottle::Clock::now()))
        return respond(throttled_response(request, *wait, "from this address"));
    App& app = app_;
    auto req = std::make_shared<Request>(request);
    app_.pool->query(
        "SELECT id, email, name, password_hash FROM vellum.users WHERE email = lower($1)", {*email},
        [&app, req, client, typed = *email, password = *password, respond = std::move(respond)](PgResult r) mutable {
            if (!r.ok) {
                app.login_throttle.give_back(Scope::Address, client);
                return respond(error_response(*req, status_for(r), "unavailable", r.message));
            }
            bool found = r.rows == 1 && r.at(0, 3);
            std::string hash = found ? *r.at(0, 3) : decoy_password_hash();
            std::string id = found ? *r.at(0, 0) : "", email = found ? *r.at(0, 1) : "", name = found ? *r.at(0, 2) : "";
            // The account as stored (PostgreSQL's lower() decides which spellings
            // are the same account); an unknown one by the lower-cased input.
            std::string account = found ? email : ascii_lower(typed);
            if (auto wait = app.login_throttle.begin(Scope::Account, account, LoginThrottle::Clock::now())) {
                app.login_throttle.give_back(Scope::Address, client);
                return respond(throttled_response(*req, *wait, "for this account"));
            }
            auto give_back = [&app, client, account] {
                app.login_throttle.give_back(Scope::Address, client);
                app.login_throttle.give_back(Scope::Account, account);
            };
            bool queued = app.password_workers.try_post(client, [&app, req, password, hash, found, id, email, name,
                                                                 give_back, respond]() mutable {
                if (!verify_password(password, hash) || !found)
                    return respond(error_response(*req, http::status::unauthorized, "unauthorized", "wrong email or password"));
                give_back();
                std::string token = new_session_token();
                app.pool->query(
                    "INSERT INTO vellum.sessions (token_hash, user_id, expires_at) "
                    "VALUES (sha256(convert_to($1, 'UTF8')), $2::uuid, now() + make_interval(secs => $3::int))",
                    {token, id, std::to_string(kSessionSeconds)},
                    [req, token, id, email, name, respond = std::move(respond)](PgResult r2) {
                        if (!r2.ok) return respond(error_response(*req, status_for(r2), "unavailable", r2.message));
                        Response res = json_response(*req, http::status::ok, "{\"user\": " + user_json(id, email, name) + "}");
                        res.set(http::field::set_cookie, session_cookie(token, kSessionSeconds));
                        respond(std::move(res));
                    });
            });
            if (!queued) {
                give_back();
                respond(busy_response(*req));
            }
        });
}

void HttpApi::logout(const Request& request, const std::string&, Respond respond) {
    std::string token = session_token(request);
    auto req = std::make_shared<Request>(request);
    App& app = app_;
    app_.pool->query("DELETE FROM vellum.sessions WHERE token_hash = sha256(convert_to($1, 'UTF8')) "
                     "RETURNING encode(token_hash, 'hex')",
                     {token}, [&app, req, respond = std::move(respond)](PgResult r) {
                         if (!r.ok) return respond(error_response(*req, status_for(r), "unavailable", r.message));
                         // This gateway's sockets of the session are closed before the answer
                         // (nothing they send after it is applied); the others', when
                         // vellum_sessions announces the delete.
                         if (r.rows == 1) app.sockets.end_session(*r.at(0, 0), "signed out");
                         Response res = json_response(*req, http::status::ok, "{\"signedOut\": true}");
                         res.set(http::field::set_cookie, session_cookie("", 0));
                         respond(std::move(res));
                     });
}

void HttpApi::me(const Request& request, const std::string&, Respond respond) {
    auto req = std::make_shared<Request>(request);
    authenticate(request, [req, respond = std::move(respond)](std::optional<SignedInUser> user, bool db_failed) {
        if (db_failed)
            return respond(error_response(*req, http::status::service_unavailable, "unavailable", "the database is unavailable"));
        if (!user) return respond(error_response(*req, http::status::unauthorized, "unauthorized", "sign in first"));
        respond(json_response(*req, http::status::ok, "{\"user\": " + user_json(user->id, user->email, user->name) + "}"));
    });
}

void HttpApi::static_file(const Request& request, Respond respond) {
    namespace fs = std::filesystem;
    std::string target(request.target());
    std::string path = target.substr(0, target.find('?'));
    // Only absolute paths, resolved under the root before anything is opened:
    // "-private/x" must not become WEB_ROOT + "-private/x".
    if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos || path.find('\0') != std::string::npos ||
        path.find('\\') != std::string::npos)
        return respond(error_response(request, http::status::bad_request, "invalid_request",
                                      "a page path must be absolute and must not contain '..' or backslashes"));
    if (path == "/") path = "/index.html";
    std::string body, file;
    bool found = false;
    if (!app_.config.web_root.empty()) {
        std::error_code ec;
        fs::path root = fs::canonical(app_.config.web_root, ec);
        auto under_root = [&root](const fs::path& candidate, fs::path& resolved) {
            std::error_code e;
            resolved = fs::canonical(candidate, e);  // follows symlinks: they must stay inside too
            if (e || !fs::is_regular_file(resolved, e)) return false;
            auto r = root.native() + "/";
            return resolved.native().compare(0, r.size(), r) == 0;
        };
        fs::path resolved;
        if (!ec) {
            found = under_root(root / path.substr(1), resolved);
            // Client-side routes (/file/...) get the app's page.
            if (!found && path.find('.') == std::string::npos) found = under_root(root / "index.html", resolved);
        }
        if (found) {
            std::ifstream in(resolved, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            found = static_cast<bool>(in);
            body = ss.str();
            file = resolved.native();
        }
    }
    if (!found && path == "/index.html") {
        body = kPlaceholderPage;
        file = "index.html";
        found = true;
    }
    if (!found) return respond(error_response(request, http::status::not_found, "not_found", "no such file: " + path));
    Response res{http::status::ok, request.version()};
    res.set(http::field::server, "vellum-gateway");
    res.set(http::field::content_type, content_type(file));
    res.set("X-Content-Type-Options", "nosniff");
    if (content_type(file).rfind("text/html", 0) == 0) res.set("Content-Security-Policy", page_policy(request));
    res.keep_alive(request.keep_alive());
    if (request.method() != http::verb::head) res.body() = std::move(body);
    res.prepare_payload();
    respond(std::move(res));
}

}  // namespace vellum::gateway
