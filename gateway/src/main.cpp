// vellum-gateway: the WebSocket and HTTP bridge between browsers and the
// vellum extension. See --help.
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "app.hpp"
#include "config.hpp"
#include "http_api.hpp"
#include "listener.hpp"
#include "log.hpp"

using namespace vellum::gateway;

namespace {

// SIGTERM: stop accepting, let in-flight op batches commit and ack (up to
// 10 s), tell clients we are going away, then stop.
void shut_down(App& app, Listener& listener, net::io_context& ioc) {
    log::info("shutdown_started");
    app.begin_shutdown();
    listener.stop();
    auto timer = std::make_shared<net::steady_timer>(ioc);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::function<void()> wait = [&app, &ioc, timer, deadline, &wait] {
        if (app.batcher.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
            timer->expires_after(std::chrono::milliseconds(20));
            timer->async_wait([&wait](beast::error_code) { wait(); });
            return;
        }
        app.hub.close_all(kCloseGoingAway, "the gateway is restarting; reconnect");
        app.hub.stop();
        timer->expires_after(std::chrono::milliseconds(300));
        timer->async_wait([&app, &ioc](beast::error_code) {
            app.listener->stop();
            app.pool->stop();
            log::info("shutdown_finished");
            ioc.stop();
        });
    };
    wait();
}

}  // namespace

int main(int argc, char** argv) {
    ConfigResult loaded = load_config(argc, argv, [](const char* name) -> const char* { return std::getenv(name); });
    if (loaded.help) {
        std::fputs(config_help().c_str(), stdout);
        return 0;
    }
    if (!loaded.config) {
        std::fprintf(stderr, "vellum-gateway: %s\n", loaded.error.c_str());
        return 2;
    }
    Config config = *loaded.config;
    log::set_level(config.log_level);

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
    signals.async_wait([&](beast::error_code, int) { shut_down(app, *listener, ioc); });

    std::vector<std::thread> threads;
    for (int i = 1; i < config.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    return 0;
}
