// vellum-gateway: the WebSocket and HTTP bridge between browsers and the
// vellum extension. See --help.
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "app.hpp"
#include "support/config.hpp"
#include "rest/http_api.hpp"
#include "net/listener.hpp"
#include "support/log.hpp"

using namespace vellum::gateway;

namespace {

// SIGTERM: stop accepting connections, give messages already on their way a
// moment to arrive, let in-flight op batches commit and ack (up to 10 s), tell
// clients we are going away, then stop.
class Shutdown : public std::enable_shared_from_this<Shutdown> {
public:
    Shutdown(App& app, Listener& listener, net::io_context& ioc) : app_(app), listener_(listener), ioc_(ioc), timer_(ioc) {}

    void start() {
        log::info("shutdown_started");
        app_.begin_shutdown();
        listener_.stop();
        deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        after(std::chrono::milliseconds(200), [](Shutdown& s) { s.drain([](Shutdown& t) { t.close_clients(); }); });
    }

private:
    using Step = void (*)(Shutdown&);

    void after(std::chrono::milliseconds delay, Step step) {
        timer_.expires_after(delay);
        timer_.async_wait([self = shared_from_this(), step](beast::error_code) { step(*self); });
    }

    // Waits until no op batch is in flight (or the deadline), then runs next.
    void drain(Step next) {
        if (app_.batcher.in_flight() > 0 && std::chrono::steady_clock::now() < deadline_) {
            next_ = next;
            return after(std::chrono::milliseconds(20), [](Shutdown& s) { s.drain(s.next_); });
        }
        next(*this);
    }

    void close_clients() {
        app_.closing_clients = true;
        app_.sockets.close_all(kCloseGoingAway, "the gateway is restarting; reconnect");
        after(std::chrono::milliseconds(300), [](Shutdown& s) { s.drain([](Shutdown& t) { t.finish(); }); });
    }

    void finish() {
        app_.hub.stop();
        app_.listener->stop();
        app_.pool->stop();
        if (app_.presence_bus) app_.presence_bus->stop();
        log::info("shutdown_finished");
        ioc_.stop();
    }

    App& app_;
    Listener& listener_;
    net::io_context& ioc_;
    net::steady_timer timer_;
    std::chrono::steady_clock::time_point deadline_;
    Step next_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
    ConfigResult loaded = load_config(argc, argv, [](const char* name) -> const char* { return std::getenv(name); });
    if (loaded.help) {
        std::fputs(config_help().c_str(), stdout);
        return 0;
    }
    if (loaded.list_routes) {
        for (const auto& route : HttpApi::route_list()) std::printf("%s\n", route.c_str());
        return 0;
    }
    if (!loaded.config) {
        std::fprintf(stderr, "vellum-gateway: %s\n", loaded.error.c_str());
        return 2;
    }
    Config config = *loaded.config;
    log::set_level(config.log_level);
    if (!config.redis_url.empty() && !parse_redis_url(config.redis_url)) {
        std::fprintf(stderr, "vellum-gateway: invalid REDIS_URL (expected redis://host:port)\n");
        return 2;
    }

    net::io_context ioc(config.threads);
    App app(ioc, config);
    HttpApi api(app);

    beast::error_code ec;
    auto address = net::ip::make_address(config.host, ec);
    if (ec) {
        std::fprintf(stderr, "vellum-gateway: invalid HOST \"%s\"\n", config.host.c_str());
        return 2;
    }
    auto listener = std::make_shared<Listener>(app, api, tcp::endpoint(address, config.port), ec);
    if (ec) {
        log::error("listen_failed", {{"host", config.host}, {"port", static_cast<int>(config.port)}, {"error", ec.message()}});
        return 1;
    }
    app.start();
    listener->run();
    log::info("listening", {{"host", config.host}, {"port", static_cast<int>(listener->port())}});

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { std::make_shared<Shutdown>(app, *listener, ioc)->start(); });

    std::vector<std::thread> threads;
    for (int i = 1; i < config.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    return 0;
}
