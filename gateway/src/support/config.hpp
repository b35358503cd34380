// The gateway's configuration: environment variables, each overridable by a
// flag of the same name (--port 8080 or --port=8080 for PORT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vellum::gateway {

struct Config {
    std::string database_url = "postgresql:///vellum";
    std::string redis_url;  // empty: presence stays in this process
    std::string host = "127.0.0.1";
    uint16_t port = 8080;
    std::vector<std::string> allowed_origins;  // empty: same-origin only
    std::string web_root;
    std::string log_level = "info";
    int threads = 2;
    int pg_pool_size = 4;
    int commit_window_ms = 8;  // the least time between two group commits' starts (see OpBatcher)
    size_t max_message_bytes = 1 << 20;
    size_t max_image_bytes = 10 << 20;  // an image upload's body
    size_t max_ops_per_message = 1000;
    size_t max_send_queue = 256;       // messages queued to one client before it is dropped
    double rate_limit_per_second = 200;  // messages per connection
    double rate_limit_burst = 400;
    double http_rate_limit_per_second = 50;  // /api requests per client address (bursts of twice that)
    int password_threads = 2;      // threads running bcrypt (sign-in, registration)
    size_t password_queue = 32;    // password checks waiting for a thread before 503 busy
    double login_failures_per_address = 10;  // failed sign-ins per minute per address (bursts of twice that)
    double login_failures_per_account = 5;   // failed sign-ins per minute per account (bursts of twice that)
    int idle_timeout_seconds = 60;
    int presence_timeout_seconds = 15;  // a gateway silent this long has lost its clients' cursors
    // /metrics lists every open file: only for operators who present this
    // bearer token. Empty: /metrics is not served at all.
    std::string metrics_token;
};

struct ConfigResult {
    std::optional<Config> config;
    std::string error;     // why the configuration is unusable
    bool help = false;     // --help was asked for
    bool list_routes = false;  // --list-routes was asked for
};

// Reads the environment (through getenv) and then argv.
ConfigResult load_config(int argc, const char* const* argv, const char* (*getenv_fn)(const char*));

std::string config_help();

}  // namespace vellum::gateway
