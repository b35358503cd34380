#include "pg/pg_pool.hpp"

#include "support/log.hpp"

namespace vellum::gateway {

namespace {
constexpr int kMaxQueuedPerConnection = 2000;
}  // namespace

bool is_availability_failure(const PgResult& r) {
    if (r.ok) return false;
    if (r.connection_failed()) return true;
    const std::string& s = r.sqlstate;
    return s.rfind("08", 0) == 0 || s.rfind("57P", 0) == 0 || s.rfind("53", 0) == 0;
}

PgPool::PgPool(net::io_context& ioc, std::string conninfo, int size, CircuitBreaker& breaker)
    : ioc_(ioc), conninfo_(std::move(conninfo)), breaker_(breaker), slots_(static_cast<size_t>(size)) {}

void PgPool::start() {
    for (size_t i = 0; i < slots_.size(); ++i) open(i);
}

void PgPool::stop() {
    stopped_ = true;
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& slot : slots_) {
        if (slot.retry_timer) slot.retry_timer->cancel();
        if (slot.connection) slot.connection->close();
    }
}

void PgPool::open(size_t index) {
    if (stopped_) return;
    auto connection = std::make_shared<PgConnection>(ioc_, conninfo_);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        slots_[index].connection = connection;
    }
    std::weak_ptr<PgPool> weak = shared_from_this();
    connection->on_broken([weak, index] {
        if (auto self = weak.lock()) {
            log::warn("postgres_connection_lost", {{"slot", static_cast<int>(index)}});
            self->breaker_.record_failure(CircuitBreaker::Clock::now());
            self->open(index);
        }
    });
    connection->connect([weak, index](bool ok, const std::string& error) {
        auto self = weak.lock();
        if (!self) return;
        auto now = CircuitBreaker::Clock::now();
        std::lock_guard<std::mutex> lock(self->mutex_);
        Slot& slot = self->slots_[index];
        if (ok) {
            if (slot.backoff.attempts() > 0) log::info("postgres_reconnected", {{"slot", static_cast<int>(index)}});
            slot.backoff.reset();
            self->breaker_.record_probe_success(now);
            return;
        }
        self->breaker_.record_failure(now);
        auto delay = slot.backoff.next();
        // The libpq message names the host and port, never the password.
        log::warn("postgres_connect_failed",
                  {{"slot", static_cast<int>(index)}, {"retry_ms", static_cast<int64_t>(delay.count())},
                   {"error", error.substr(0, error.find('\n'))}});
        slot.retry_timer = std::make_unique<net::steady_timer>(self->ioc_, delay);
        slot.retry_timer->async_wait([weak, index](beast::error_code ec) {
            if (ec) return;
            if (auto s = weak.lock()) s->open(index);
        });
    });
}

int PgPool::ready_connections() const {
    std::lock_guard<std::mutex> lock(mutex_);
    int n = 0;
    for (const auto& slot : slots_)
        if (slot.connection && slot.connection->ready()) ++n;
    return n;
}

void PgPool::query(std::string sql, PgParams params, PgCallback done, bool idempotent) {
    attempt(std::move(sql), std::move(params), std::move(done), idempotent, 1);
}

void PgPool::attempt(std::string sql, PgParams params, PgCallback done, bool idempotent, int attempt_number) {
    auto unavailable = [&done](const char* why) {
        PgResult r;
        r.message = why;
        done(std::move(r));
    };
    if (!breaker_.allow(CircuitBreaker::Clock::now())) return unavailable("the database is unavailable (circuit open)");
    std::shared_ptr<PgConnection> best;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& slot : slots_)
            if (slot.connection && slot.connection->ready() &&
                (!best || slot.connection->pending() < best->pending()))
                best = slot.connection;
    }
    if (!best) return unavailable("the database is unavailable (no connection)");
    // Overloaded: refuse now rather than queue without bound (clients retry).
    if (best->pending() >= kMaxQueuedPerConnection) return unavailable("the database is busy; try again shortly");

    std::weak_ptr<PgPool> weak = shared_from_this();
    best->query(sql, params,
                [weak, sql, params, done = std::move(done), idempotent, attempt_number](PgResult result) mutable {
                    auto self = weak.lock();
                    if (!self) return done(std::move(result));
                    auto now = CircuitBreaker::Clock::now();
                    if (!is_availability_failure(result)) {
                        self->breaker_.record_success(now);
                        return done(std::move(result));
                    }
                    self->breaker_.record_failure(now);
                    if (!idempotent || attempt_number >= 3 || self->stopped_) return done(std::move(result));
                    auto delay = Backoff().delay(attempt_number);
                    auto timer = std::make_shared<net::steady_timer>(self->ioc_, delay);
                    timer->async_wait([weak, timer, sql = std::move(sql), params = std::move(params),
                                       done = std::move(done), attempt_number](beast::error_code) mutable {
                        if (auto s = weak.lock())
                            s->attempt(std::move(sql), std::move(params), std::move(done), true, attempt_number + 1);
                    });
                });
}

}  // namespace vellum::gateway
