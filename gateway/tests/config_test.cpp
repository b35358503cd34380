// The gateway's configuration: defaults, environment variables, flags that
// override them (--flag value and --flag=value), errors naming what is wrong,
// --help.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "support/config.hpp"

namespace vellum::gateway {
namespace {

// load_config takes a plain function pointer for getenv: the fake
// environment lives in a global the fixture resets.
std::map<std::string, std::string> g_env;

const char* fake_getenv(const char* name) {
    auto it = g_env.find(name);
    return it == g_env.end() ? nullptr : it->second.c_str();
}

class GatewayConfig : public ::testing::Test {
protected:
    void SetUp() override { g_env.clear(); }
    void TearDown() override { g_env.clear(); }

    ConfigResult load(std::vector<std::string> args) {
        args.insert(args.begin(), "vellum-gateway");
        std::vector<const char*> argv;
        for (const auto& a : args) argv.push_back(a.c_str());
        argv.push_back(nullptr);
        return load_config(static_cast<int>(args.size()), argv.data(), fake_getenv);
    }

    Config load_ok(std::vector<std::string> args) {
        ConfigResult r = load(std::move(args));
        EXPECT_TRUE(r.config.has_value()) << "error: " << r.error;
        EXPECT_EQ(r.error, "");
        EXPECT_FALSE(r.help);
        return r.config.value_or(Config{});
    }

    // The configuration is refused and the error names every word.
    ::testing::AssertionResult refused(std::vector<std::string> args, std::initializer_list<std::string> words) {
        ConfigResult r = load(args);
        if (r.config) return ::testing::AssertionFailure() << "configuration was accepted";
        if (r.error.empty()) return ::testing::AssertionFailure() << "no error given";
        for (const auto& w : words)
            if (r.error.find(w) == std::string::npos)
                return ::testing::AssertionFailure() << "error \"" << r.error << "\" does not name \"" << w << "\"";
        return ::testing::AssertionSuccess();
    }
};

TEST_F(GatewayConfig, Defaults) {
    Config c = load_ok({});
    EXPECT_EQ(c.database_url, "postgresql:///vellum");
    EXPECT_EQ(c.redis_url, "");
    EXPECT_EQ(c.host, "127.0.0.1");
    EXPECT_EQ(c.port, 8080);
    EXPECT_TRUE(c.allowed_origins.empty());
    EXPECT_EQ(c.web_root, "");
    EXPECT_EQ(c.log_level, "info");
    EXPECT_EQ(c.threads, 2);
    EXPECT_EQ(c.pg_pool_size, 4);
    EXPECT_EQ(c.commit_window_ms, 8);
    EXPECT_EQ(c.max_message_bytes, 1u << 20);
    EXPECT_EQ(c.max_ops_per_message, 1000u);
    EXPECT_EQ(c.max_send_queue, 256u);
    EXPECT_DOUBLE_EQ(c.rate_limit_per_second, 200);
    EXPECT_DOUBLE_EQ(c.rate_limit_burst, 400);
    EXPECT_EQ(c.idle_timeout_seconds, 60);
    EXPECT_EQ(c.password_threads, 2);
    EXPECT_EQ(c.password_queue, 32u);
    EXPECT_DOUBLE_EQ(c.login_failures_per_address, 10);
    EXPECT_DOUBLE_EQ(c.login_failures_per_account, 5);
}

TEST_F(GatewayConfig, SignInLimits) {
    g_env = {{"PASSWORD_THREADS", "4"}, {"LOGIN_FAILURES_PER_ACCOUNT", "2.5"}};
    Config c = load_ok({"--password-queue=0", "--login-failures-per-address", "30"});
    EXPECT_EQ(c.password_threads, 4);
    EXPECT_EQ(c.password_queue, 0u) << "no waiting: only what a free thread can start";
    EXPECT_DOUBLE_EQ(c.login_failures_per_address, 30);
    EXPECT_DOUBLE_EQ(c.login_failures_per_account, 2.5);
    EXPECT_TRUE(refused({"--password-threads=0"}, {"--password-threads", "0"}));
    EXPECT_TRUE(refused({"--password-queue=-1"}, {"--password-queue", "-1"}));
    EXPECT_TRUE(refused({"--login-failures-per-address=0"}, {"--login-failures-per-address"}));
    EXPECT_TRUE(refused({"--login-failures-per-account=many"}, {"--login-failures-per-account", "many"}));
    std::string help = config_help();
    for (const char* name : {"PASSWORD_THREADS", "PASSWORD_QUEUE", "LOGIN_FAILURES_PER_ADDRESS", "LOGIN_FAILURES_PER_ACCOUNT"})
        EXPECT_NE(help.find(name), std::string::npos) << name << " is in --help";
}

TEST_F(GatewayConfig, NullGetenvMeansNoEnvironment) {
    const char* argv[] = {"vellum-gateway", nullptr};
    ConfigResult r = load_config(1, argv, nullptr);
    ASSERT_TRUE(r.config.has_value()) << r.error;
    EXPECT_EQ(r.config->port, 8080);
}

TEST_F(GatewayConfig, EnvironmentValues) {
    g_env = {{"DATABASE_URL", "postgresql://db.example/vellum"},
             {"REDIS_URL", "redis://127.0.0.1:6379"},
             {"HOST", "0.0.0.0"},
             {"PORT", "9000"},
             {"WEB_ROOT", "/srv/web"},
             {"LOG_LEVEL", "debug"},
             {"THREADS", "8"},
             {"PG_POOL_SIZE", "16"},
             {"COMMIT_WINDOW_MS", "0"},
             {"MAX_MESSAGE_BYTES", "2048"},
             {"MAX_OPS_PER_MESSAGE", "50"},
             {"MAX_SEND_QUEUE", "32"},
             {"RATE_LIMIT", "50"},
             {"IDLE_TIMEOUT", "30"}};
    Config c = load_ok({});
    EXPECT_EQ(c.database_url, "postgresql://db.example/vellum");
    EXPECT_EQ(c.redis_url, "redis://127.0.0.1:6379");
    EXPECT_EQ(c.host, "0.0.0.0");
    EXPECT_EQ(c.port, 9000);
    EXPECT_EQ(c.web_root, "/srv/web");
    EXPECT_EQ(c.log_level, "debug");
    EXPECT_EQ(c.threads, 8);
    EXPECT_EQ(c.pg_pool_size, 16);
    EXPECT_EQ(c.commit_window_ms, 0) << "0: group commits back to back";
    EXPECT_EQ(c.max_message_bytes, 2048u);
    EXPECT_EQ(c.max_ops_per_message, 50u);
    EXPECT_EQ(c.max_send_queue, 32u);
    EXPECT_DOUBLE_EQ(c.rate_limit_per_second, 50);
    EXPECT_DOUBLE_EQ(c.rate_limit_burst, 100) << "bursts of twice the rate";
    EXPECT_EQ(c.idle_timeout_seconds, 30);
}

TEST_F(GatewayConfig, FlagsWithSeparateValues) {
    Config c = load_ok({"--port", "9001", "--host", "::1", "--database-url", "postgresql:///other", "--pg-pool-size",
                        "3", "--max-send-queue", "10", "--log-level", "warn", "--rate-limit", "2.5"});
    EXPECT_EQ(c.port, 9001);
    EXPECT_EQ(c.host, "::1");
    EXPECT_EQ(c.database_url, "postgresql:///other");
    EXPECT_EQ(c.pg_pool_size, 3);
    EXPECT_EQ(c.max_send_queue, 10u);
    EXPECT_EQ(c.log_level, "warn");
    EXPECT_DOUBLE_EQ(c.rate_limit_per_second, 2.5);
    EXPECT_DOUBLE_EQ(c.rate_limit_burst, 5);
}

TEST_F(GatewayConfig, FlagsWithEqualsValues) {
    Config c = load_ok({"--port=9002", "--threads=4", "--redis-url=redis://r:1", "--idle-timeout=5",
                        "--max-message-bytes=4096", "--max-ops-per-message=7", "--web-root=/w"});
    EXPECT_EQ(c.port, 9002);
    EXPECT_EQ(c.threads, 4);
    EXPECT_EQ(c.redis_url, "redis://r:1");
    EXPECT_EQ(c.idle_timeout_seconds, 5);
    EXPECT_EQ(c.max_message_bytes, 4096u);
    EXPECT_EQ(c.max_ops_per_message, 7u);
    EXPECT_EQ(c.web_root, "/w");
}

TEST_F(GatewayConfig, EqualsValueMayItselfContainEquals) {
    Config c = load_ok({"--database-url=host=db port=5432 dbname=vellum"});
    EXPECT_EQ(c.database_url, "host=db port=5432 dbname=vellum");
}

TEST_F(GatewayConfig, FlagsOverrideTheEnvironment) {
    g_env = {{"PORT", "9000"}, {"HOST", "0.0.0.0"}, {"LOG_LEVEL", "debug"}};
    Config c = load_ok({"--port", "9100", "--log-level=error"});
    EXPECT_EQ(c.port, 9100);
    EXPECT_EQ(c.log_level, "error");
    EXPECT_EQ(c.host, "0.0.0.0") << "settings without a flag keep the environment's value";
}

TEST_F(GatewayConfig, TheLastFlagWins) {
    EXPECT_EQ(load_ok({"--port=1", "--port", "2"}).port, 2);
}

TEST_F(GatewayConfig, AllowedOriginsIsACommaSeparatedList) {
    g_env = {{"ALLOWED_ORIGINS", "https://a.example, https://b.example ,http://localhost:5173,, ,"}};
    Config c = load_ok({});
    std::vector<std::string> expected = {"https://a.example", "https://b.example", "http://localhost:5173"};
    EXPECT_EQ(c.allowed_origins, expected);
}

TEST_F(GatewayConfig, AllowedOriginsFlagReplacesTheEnvironmentList) {
    g_env = {{"ALLOWED_ORIGINS", "https://a.example,https://b.example"}};
    Config c = load_ok({"--allowed-origins=https://c.example"});
    EXPECT_EQ(c.allowed_origins, std::vector<std::string>{"https://c.example"});
    EXPECT_TRUE(load_ok({"--allowed-origins="}).allowed_origins.empty());
}

TEST_F(GatewayConfig, PortBoundaries) {
    EXPECT_EQ(load_ok({"--port=0"}).port, 0);
    EXPECT_EQ(load_ok({"--port=65535"}).port, 65535);
    EXPECT_TRUE(refused({"--port=65536"}, {"--port", "65536"}));
    EXPECT_TRUE(refused({"--port=-1"}, {"--port", "-1"}));
}

TEST_F(GatewayConfig, InvalidFlagValuesAreNamed) {
    EXPECT_TRUE(refused({"--port", "http"}, {"invalid", "--port", "\"http\""}));
    EXPECT_TRUE(refused({"--port=80x"}, {"--port", "80x"}));
    EXPECT_TRUE(refused({"--port="}, {"--port"}));
    EXPECT_TRUE(refused({"--threads=0"}, {"--threads", "0"}));
    EXPECT_TRUE(refused({"--threads=65"}, {"--threads", "65"}));
    EXPECT_TRUE(refused({"--pg-pool-size=abc"}, {"--pg-pool-size", "abc"}));
    EXPECT_TRUE(refused({"--commit-window-ms=-1"}, {"--commit-window-ms", "-1"}));
    EXPECT_TRUE(refused({"--commit-window-ms=1001"}, {"--commit-window-ms", "1001"}));
    EXPECT_TRUE(refused({"--log-level=verbose"}, {"--log-level", "verbose"}));
    EXPECT_TRUE(refused({"--max-message-bytes=1023"}, {"--max-message-bytes", "1023"}));
    EXPECT_TRUE(refused({"--max-ops-per-message=0"}, {"--max-ops-per-message"}));
    EXPECT_TRUE(refused({"--max-send-queue=0"}, {"--max-send-queue"}));
    EXPECT_TRUE(refused({"--rate-limit=0"}, {"--rate-limit", "0"}));
    EXPECT_TRUE(refused({"--rate-limit=nan"}, {"--rate-limit", "nan"}));
    EXPECT_TRUE(refused({"--rate-limit=fast"}, {"--rate-limit", "fast"}));
    EXPECT_TRUE(refused({"--idle-timeout=0"}, {"--idle-timeout"}));
    EXPECT_TRUE(refused({"--database-url="}, {"--database-url"}));
    EXPECT_TRUE(refused({"--host="}, {"--host"}));
}

TEST_F(GatewayConfig, InvalidEnvironmentValuesAreNamed) {
    g_env = {{"PORT", "eighty"}};
    EXPECT_TRUE(refused({}, {"PORT", "environment", "eighty"}));
    g_env = {{"LOG_LEVEL", "loud"}};
    EXPECT_TRUE(refused({}, {"LOG_LEVEL", "loud"}));
    g_env = {{"THREADS", "-2"}};
    EXPECT_TRUE(refused({}, {"THREADS", "-2"}));
    g_env = {{"MAX_MESSAGE_BYTES", "12"}};
    EXPECT_TRUE(refused({}, {"MAX_MESSAGE_BYTES", "12"}));
}

TEST_F(GatewayConfig, AnInvalidEnvironmentValueIsAnErrorEvenWhenAFlagWouldOverrideIt) {
    g_env = {{"PORT", "eighty"}};
    EXPECT_TRUE(refused({"--port=80"}, {"PORT"}));
}

TEST_F(GatewayConfig, UnknownFlagsAreNamed) {
    EXPECT_TRUE(refused({"--bogus"}, {"unknown flag", "--bogus", "--help"}));
    EXPECT_TRUE(refused({"--bogus=1"}, {"unknown flag", "--bogus"}));
    EXPECT_TRUE(refused({"--PORT=1"}, {"--PORT"}));
    EXPECT_TRUE(refused({"--database_url=x"}, {"--database_url"}));
    EXPECT_TRUE(refused({"8080"}, {"8080"}));
    EXPECT_TRUE(refused({"--port=1", "-p", "2"}, {"-p"}));
}

TEST_F(GatewayConfig, AFlagWithoutItsValueIsNamed) {
    EXPECT_TRUE(refused({"--port"}, {"--port", "needs a value"}));
    EXPECT_TRUE(refused({"--threads=2", "--host"}, {"--host", "needs a value"}));
}

TEST_F(GatewayConfig, Help) {
    for (const char* flag : {"--help", "-h"}) {
        ConfigResult r = load({flag});
        EXPECT_TRUE(r.help) << flag;
        EXPECT_FALSE(r.config.has_value()) << flag;
    }
    // --help wins even after other flags.
    ConfigResult r = load({"--port=1", "--help"});
    EXPECT_TRUE(r.help);
}

TEST_F(GatewayConfig, ListRoutes) {
    ConfigResult r = load({"--list-routes"});
    EXPECT_TRUE(r.list_routes);
    EXPECT_FALSE(r.help);
    EXPECT_FALSE(r.config.has_value());
    EXPECT_NE(config_help().find("--list-routes"), std::string::npos);
}

TEST_F(GatewayConfig, HelpTextListsEverySetting) {
    std::string help = config_help();
    for (const char* s : {"DATABASE_URL", "--database-url", "REDIS_URL", "--redis-url", "HOST", "--host", "PORT",
                          "--port", "ALLOWED_ORIGINS", "--allowed-origins", "WEB_ROOT", "--web-root", "LOG_LEVEL",
                          "--log-level", "THREADS", "--threads", "PG_POOL_SIZE", "--pg-pool-size", "COMMIT_WINDOW_MS", "--commit-window-ms", "MAX_MESSAGE_BYTES",
                          "--max-message-bytes", "MAX_OPS_PER_MESSAGE", "--max-ops-per-message", "MAX_SEND_QUEUE",
                          "--max-send-queue", "RATE_LIMIT", "--rate-limit", "IDLE_TIMEOUT", "--idle-timeout",
                          "--help"}) {
        EXPECT_NE(help.find(s), std::string::npos) << s << " missing from:\n" << help;
    }
}

}  // namespace
}  // namespace vellum::gateway
