// Everything one gateway process shares: configuration, the PostgreSQL pool
// and LISTEN connection, the rooms, the op batcher, metrics and breakers.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include "circuit_breaker.hpp"
#include "config.hpp"
#include "hub.hpp"
#include "metrics.hpp"
#include "net.hpp"
#include "op_batcher.hpp"
#include "pg_listener.hpp"
#include "pg_pool.hpp"
#include "presence_bus.hpp"

namespace vellum::gateway {

struct App {
    App(net::io_context& ioc, Config config);

    void start();
    // SIGTERM: stop accepting, let in-flight ops finish, close clients.
    void begin_shutdown();

    net::io_context& ioc;
    Config config;
    CircuitBreaker pg_breaker;
    CircuitBreaker redis_breaker;
    Metrics metrics;
    std::shared_ptr<PgPool> pool;
    Hub hub;
    OpBatcher batcher;
    std::shared_ptr<PgListener> listener;
    std::shared_ptr<PresenceBus> presence_bus;  // null without REDIS_URL
    // bcrypt is slow on purpose: it runs here, off the event loop.
    net::thread_pool password_workers{1};
    // SIGTERM: new connections and REST calls are refused, ops from open
    // connections are still taken until the connections are closed.
    std::atomic<bool> draining{false};
    // The connections are being closed: ops are refused from now on.
    std::atomic<bool> closing_clients{false};
    std::atomic<uint64_t> next_member_id{1};

    // Every open WebSocket, subscribed or not, so that shutdown can close them all.
    void add_connection(uint64_t id, std::weak_ptr<Connection> connection);
    void remove_connection(uint64_t id);
    void close_all_connections(uint16_t code, const std::string& reason);

private:
    std::mutex connections_mutex_;
    std::map<uint64_t, std::weak_ptr<Connection>> connections_;
};

}  // namespace vellum::gateway
