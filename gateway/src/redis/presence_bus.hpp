// Presence across gateways, through Redis pub/sub. Each gateway publishes
// its own clients' presence per file and a heartbeat with a snapshot every
// 5 s; a gateway whose heartbeat stops for 15 s is taken for dead and its
// clients' cursors are removed. Presence never touches PostgreSQL. Without
// Redis (not configured, or down), presence stays with this gateway's own
// clients and editing goes on.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "support/backoff.hpp"
#include "support/circuit_breaker.hpp"
#include "rooms/hub.hpp"
#include "net/net.hpp"
#include "redis/redis_connection.hpp"

namespace vellum::gateway {

class PresenceBus : public std::enable_shared_from_this<PresenceBus> {
public:
    PresenceBus(net::io_context& ioc, RedisAddress address, CircuitBreaker& breaker, Hub& hub,
                std::chrono::seconds peer_timeout);

    void start();
    void stop();
    const std::string& gateway_id() const { return gateway_id_; }
    // Publishes a presence change of this gateway's clients in a file.
    void publish(const std::string& file_id, const std::string& entries_json, const std::string& removed_json,
                 bool snapshot);

private:
    void open();
    void retry_later();
    void heartbeat();
    void on_message(const std::string& channel, const std::string& message);

    net::io_context& ioc_;
    RedisAddress address_;
    CircuitBreaker& breaker_;
    Hub& hub_;
    std::string gateway_id_;
    std::shared_ptr<RedisConnection> publisher_;
    std::shared_ptr<RedisConnection> subscriber_;
    Backoff backoff_;
    net::steady_timer retry_timer_;
    net::steady_timer heartbeat_timer_;
    std::mutex mutex_;
    std::map<std::string, std::chrono::steady_clock::time_point> peers_;  // gateway id -> last heartbeat
    std::chrono::seconds peer_timeout_;
    bool stopped_ = false;
};

}  // namespace vellum::gateway
