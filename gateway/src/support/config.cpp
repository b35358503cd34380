#include "support/config.hpp"

#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>

namespace vellum::gateway {

namespace {

struct Setting {
    const char* name;
    const char* help;
    std::function<bool(Config&, const std::string&)> apply;  // false: the value is invalid
};

bool parse_int(const std::string& text, long min, long max, long& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    long v = std::strtol(text.c_str(), &end, 10);
    if (*end != '\0' || v < min || v > max) return false;
    out = v;
    return true;
}

bool parse_double(const std::string& text, double min, double& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (*end != '\0' || !(v >= min)) return false;
    out = v;
    return true;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        auto b = item.find_first_not_of(' ');
        auto e = item.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

// A setting whose value is a whole number from min to max.
Setting int_setting(const char* name, const char* help, long min, long max, void (*set)(Config&, long)) {
    return {name, help, [min, max, set](Config& c, const std::string& v) {
                long n;
                if (!parse_int(v, min, max, n)) return false;
                set(c, n);
                return true;
            }};
}

const std::vector<Setting>& settings() {
    static const std::vector<Setting> all = {
        {"DATABASE_URL", "libpq connection string of the PostgreSQL with the vellum extension",
         [](Config& c, const std::string& v) { c.database_url = v; return !v.empty(); }},
        {"REDIS_URL", "redis://host:port for presence across gateways (optional: without it, presence stays here)",
         [](Config& c, const std::string& v) { c.redis_url = v; return true; }},
        {"HOST", "address to listen on (default 127.0.0.1)",
         [](Config& c, const std::string& v) { c.host = v; return !v.empty(); }},
        int_setting("PORT", "port to listen on (default 8080)", 0, 65535,
                    [](Config& c, long n) { c.port = static_cast<uint16_t>(n); }),
        {"ALLOWED_ORIGINS", "comma-separated origins allowed to open the WebSocket (default: same origin only)",
         [](Config& c, const std::string& v) { c.allowed_origins = split_list(v); return true; }},
        {"METRICS_TOKEN", "bearer token /metrics requires (Authorization: Bearer TOKEN), at least 16 characters; "
                          "without it /metrics is not served. Pass it in the environment, not as a flag",
         [](Config& c, const std::string& v) { c.metrics_token = v; return v.size() >= 16; }},
        {"WEB_ROOT", "folder of the built browser client to serve",
         [](Config& c, const std::string& v) { c.web_root = v; return true; }},
        {"LOG_LEVEL", "debug, info, warn or error (default info)",
         [](Config& c, const std::string& v) {
             c.log_level = v;
             return v == "debug" || v == "info" || v == "warn" || v == "error";
         }},
        int_setting("THREADS", "event loop threads (default 2)", 1, 64,
                    [](Config& c, long n) { c.threads = static_cast<int>(n); }),
        int_setting("PG_POOL_SIZE", "PostgreSQL connections for queries (default 4)", 1, 64,
                    [](Config& c, long n) { c.pg_pool_size = static_cast<int>(n); }),
        int_setting("COMMIT_WINDOW_MS",
                    "least milliseconds from one group commit of ops to the next (default 8; 0: back to back)", 0, 1000,
                    [](Config& c, long n) { c.commit_window_ms = static_cast<int>(n); }),
        int_setting("MAX_MESSAGE_BYTES", "largest WebSocket message or request body (default 1048576)", 1024, 64L << 20,
                    [](Config& c, long n) { c.max_message_bytes = static_cast<size_t>(n); }),
        int_setting("MAX_IMAGE_BYTES", "largest image upload, in bytes (default 10485760: 10 MiB)", 1024, 256L << 20,
                    [](Config& c, long n) { c.max_image_bytes = static_cast<size_t>(n); }),
        int_setting("MAX_OPS_PER_MESSAGE",
                    "most ops one operation message may carry (default 1000; at most 10000, what one database call takes)",
                    1, 10000,
                    [](Config& c, long n) { c.max_ops_per_message = static_cast<size_t>(n); }),
        int_setting("MAX_SEND_QUEUE", "messages queued to one slow client before it is closed (default 256)", 1, 1000000,
                    [](Config& c, long n) { c.max_send_queue = static_cast<size_t>(n); }),
        {"RATE_LIMIT", "messages per second per connection (default 200; bursts of twice that)",
         [](Config& c, const std::string& v) {
             double r;
             if (!parse_double(v, 0.1, r)) return false;
             c.rate_limit_per_second = r;
             c.rate_limit_burst = 2 * r;
             return true;
         }},
        {"HTTP_RATE_LIMIT", "/api requests per second per client address (default 50; bursts of twice that)",
         [](Config& c, const std::string& v) { return parse_double(v, 0.1, c.http_rate_limit_per_second); }},
        int_setting("PASSWORD_THREADS", "threads that check passwords with bcrypt, off the event loop (default 2)", 1, 64,
                    [](Config& c, long n) { c.password_threads = static_cast<int>(n); }),
        int_setting("PASSWORD_QUEUE", "password checks that may wait for a thread; more sign-ins get 503 busy (default 32)", 0, 100000,
                    [](Config& c, long n) { c.password_queue = static_cast<size_t>(n); }),
        {"LOGIN_FAILURES_PER_ADDRESS", "failed sign-ins per minute from one address (default 10; bursts of twice that), then 429",
         [](Config& c, const std::string& v) { return parse_double(v, 0.1, c.login_failures_per_address); }},
        {"LOGIN_FAILURES_PER_ACCOUNT", "failed sign-ins per minute for one account (default 5; bursts of twice that), then 429",
         [](Config& c, const std::string& v) { return parse_double(v, 0.1, c.login_failures_per_account); }},
        int_setting("IDLE_TIMEOUT", "seconds without a pong before a WebSocket is closed (default 60)", 1, 86400,
                    [](Config& c, long n) { c.idle_timeout_seconds = static_cast<int>(n); }),
        int_setting("PRESENCE_TIMEOUT", "seconds after which a silent gateway's cursors are removed (default 15; heartbeats every third of it)", 1, 3600,
                    [](Config& c, long n) { c.presence_timeout_seconds = static_cast<int>(n); }),
    };
    return all;
}

std::string flag_of(const char* name) {
    std::string flag = "--";
    for (const char* p = name; *p; ++p) flag += (*p == '_') ? '-' : static_cast<char>(std::tolower(*p));
    return flag;
}

}  // namespace

std::string config_help() {
    std::string out =
        "vellum-gateway: the WebSocket and HTTP bridge between browsers and the vellum extension.\n\n"
        "Each setting is an environment variable, or a flag of the same name (--port 8080, --port=8080):\n";
    for (const auto& s : settings()) out += "  " + std::string(s.name) + "  " + flag_of(s.name) + "\n      " + s.help + "\n";
    out += "  --help  this text\n";
    out += "  --list-routes  print every HTTP route and WebSocket message type, one a line, and exit\n";
    return out;
}

ConfigResult load_config(int argc, const char* const* argv, const char* (*getenv_fn)(const char*)) {
    ConfigResult result;
    Config config;
    for (const auto& s : settings()) {
        const char* value = getenv_fn ? getenv_fn(s.name) : nullptr;
        if (value && !s.apply(config, value)) {
            result.error = std::string("invalid ") + s.name + " (environment): \"" + value + "\"";
            return result;
        }
    }
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            result.help = true;
            return result;
        }
        if (arg == "--list-routes") {
            result.list_routes = true;
            return result;
        }
        std::string value;
        bool has_value = false;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        const Setting* match = nullptr;
        for (const auto& s : settings())
            if (flag_of(s.name) == arg) match = &s;
        if (!match) {
            result.error = "unknown flag " + arg + " (see --help)";
            return result;
        }
        if (!has_value) {
            if (i + 1 >= argc) {
                result.error = arg + " needs a value";
                return result;
            }
            value = argv[++i];
        }
        if (!match->apply(config, value)) {
            result.error = "invalid " + arg + ": \"" + value + "\"";
            return result;
        }
    }
    result.config = config;
    return result;
}

}  // namespace vellum::gateway
