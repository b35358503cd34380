// A small pool of PostgreSQL connections for queries, with reconnection
// (exponential backoff with jitter) and a circuit breaker: while PostgreSQL is
// down, callers get an immediate "unavailable" instead of piling up.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "support/backoff.hpp"
#include "support/circuit_breaker.hpp"
#include "pg/pg_connection.hpp"

namespace vellum::gateway {

class PgPool : public std::enable_shared_from_this<PgPool> {
public:
    PgPool(net::io_context& ioc, std::string conninfo, int size, CircuitBreaker& breaker);

    void start();
    void stop();
    // Runs a query on the least busy ready connection. A query that is safe to
    // repeat (idempotent) is retried after a lost connection, up to 3 times.
    void query(std::string sql, PgParams params, PgCallback done, bool idempotent = false);
    int ready_connections() const;

private:
    struct Slot {
        std::shared_ptr<PgConnection> connection;
        Backoff backoff;
        std::unique_ptr<net::steady_timer> retry_timer;
    };

    void open(size_t index);
    void attempt(std::string sql, PgParams params, PgCallback done, bool idempotent, int attempt_number);

    net::io_context& ioc_;
    std::string conninfo_;
    CircuitBreaker& breaker_;
    mutable std::mutex mutex_;
    std::vector<Slot> slots_;
    std::atomic<bool> stopped_{false};
};

// Whether a failed query says PostgreSQL itself is in trouble (as opposed to
// an error about the request): lost connections, shutdowns, resource errors.
bool is_availability_failure(const PgResult& result);

}  // namespace vellum::gateway
