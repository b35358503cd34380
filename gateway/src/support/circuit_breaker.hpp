// A circuit breaker per dependency (PostgreSQL, Redis), with the seeds'
// parameters: open after 5 consecutive failures, try again (half-open) after
// 10 s, close after 2 successes in a row. Time is passed in, so tests need
// no sleeping. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace vellum::gateway {

class CircuitBreaker {
public:
    using Clock = std::chrono::steady_clock;
    enum class State { Closed, Open, HalfOpen };

    struct Options {
        int failure_threshold = 5;
        int success_threshold = 2;
        std::chrono::milliseconds open_timeout{10000};
    };

    explicit CircuitBreaker(Options options) : options_(options) {}
    CircuitBreaker() : CircuitBreaker(Options{}) {}

    // Whether a call may go ahead now; an open breaker turns half-open once
    // its timeout has passed and lets calls through to test the dependency.
    bool allow(Clock::time_point now);
    void record_success(Clock::time_point now);
    // A reconnect that worked: proof enough to try the dependency again
    // (open -> half-open) without waiting out the timeout; the usual
    // successes in half-open still decide whether it closes.
    void record_probe_success(Clock::time_point now);
    void record_failure(Clock::time_point now);

    State state(Clock::time_point now);
    int consecutive_failures() const;

private:
    void update(Clock::time_point now);

    Options options_;
    mutable std::mutex mutex_;
    State state_ = State::Closed;
    int failures_ = 0;
    int successes_ = 0;
    Clock::time_point opened_at_{};
};

const char* state_name(CircuitBreaker::State state);
// 0 closed, 1 open, 2 half-open: the seeds' metric encoding.
int state_metric(CircuitBreaker::State state);

}  // namespace vellum::gateway
