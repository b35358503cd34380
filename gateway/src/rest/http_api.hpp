// The HTTP side: REST endpoints, /health, /metrics and the browser client's
// files. Every handler answers through `respond`, possibly later (after a
// database round trip); errors are JSON {"error": {"code", "message"}}.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app.hpp"
#include "rooms/client_handler.hpp"
#include "net/net.hpp"
#include "support/rate_limiter.hpp"

namespace vellum::gateway {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using Respond = std::function<void(Response)>;

class RestApi;

class HttpApi {
public:
    explicit HttpApi(App& app);
    ~HttpApi();

    // client: the peer's address, for the per-address rate limit of /api.
    void handle(Request request, const std::string& client, Respond respond);

    // The signed-in user of a request (its session cookie), looked up in the
    // database; done(nullopt) when there is none.
    void authenticate(const Request& request, std::function<void(std::optional<SignedInUser>, bool db_failed)> done);
    // Whether a WebSocket upgrade may come from this request's Origin.
    bool origin_allowed(const Request& request) const;

    // Every HTTP route and WebSocket message type, one a line as
    // "GET /api/files/:fileId" or "WS subscribe": what --list-routes prints,
    // and what the authorization matrix must have a row for.
    static std::vector<std::string> route_list();

private:
    struct AuthRoute;
    static const std::vector<AuthRoute>& auth_routes();

    void health(const Request& request, Respond respond);
    void metrics(const Request& request, Respond respond);
    // Whether the request carries the operator's METRICS_TOKEN.
    bool metrics_allowed(const Request& request) const;
    void register_user(const Request& request, const std::string& client, Respond respond);
    void login(const Request& request, const std::string& client, Respond respond);
    void logout(const Request& request, const std::string& client, Respond respond);
    void me(const Request& request, const std::string& client, Respond respond);
    void static_file(const Request& request, Respond respond);

    // Whether a browser says the request comes from another site's page
    // (its Origin, or Sec-Fetch-Site without one): the CSRF check.
    bool from_another_site(const Request& request) const;
    // Whether client may make another /api request now (429 otherwise):
    // a token bucket per address, which also slows password guessing.
    bool allow_api_request(const std::string& client);

    App& app_;
    std::unique_ptr<RestApi> rest_;
    std::mutex limiters_mutex_;
    std::map<std::string, RateLimiter> limiters_;
};

Response json_response(const Request& request, http::status status, std::string body);
Response error_response(const Request& request, http::status status, const std::string& code, const std::string& message);
// 503 busy: the password checks' queue is full (Retry-After: 1).
Response busy_response(const Request& request);
// 429 for failed sign-ins over the limit; whose: "from this address", "for this account".
Response throttled_response(const Request& request, std::chrono::seconds wait, const std::string& whose);
// The HTTP status for a failed database call.
http::status status_for(const PgResult& result);

}  // namespace vellum::gateway
