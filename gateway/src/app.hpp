// Everything one gateway process shares: configuration, the PostgreSQL pool
// and LISTEN connection, the rooms, the op batcher, metrics and breakers.
#pragma once

#include <atomic>
#include <memory>

#include "support/circuit_breaker.hpp"
#include "support/config.hpp"
#include "rooms/file_watchers.hpp"
#include "rooms/hub.hpp"
#include "auth/login_throttle.hpp"
#include "support/metrics.hpp"
#include "net/net.hpp"
#include "rooms/op_batcher.hpp"
#include "pg/pg_listener.hpp"
#include "pg/pg_pool.hpp"
#include "redis/presence_bus.hpp"
#include "net/session_sockets.hpp"
#include "auth/worker_pool.hpp"

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
    FileWatchers file_watchers;
    OpBatcher batcher;
    std::shared_ptr<PgListener> listener;
    std::shared_ptr<PresenceBus> presence_bus;  // null without REDIS_URL
    // bcrypt is slow on purpose: it runs here, off the event loop, with a
    // bounded queue (sign-ins beyond it are refused as busy) in which client
    // addresses take turns.
    WorkerPool password_workers;
    LoginThrottle login_throttle;
    // Every open WebSocket, subscribed or not, with its sign-in session.
    SessionSockets sockets;
    // SIGTERM: new connections and REST calls are refused, ops from open
    // connections are still taken until the connections are closed.
    std::atomic<bool> draining{false};
    // The connections are being closed: ops are refused from now on.
    std::atomic<bool> closing_clients{false};
    std::atomic<uint64_t> next_member_id{1};

private:
    // LISTEN was (re)established: a session that ended while nobody listened
    // was not announced, so the open sockets' sessions are looked up again.
    void recheck_sessions(int attempt);
};

}  // namespace vellum::gateway
