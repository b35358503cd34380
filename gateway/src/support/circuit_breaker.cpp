#include "support/circuit_breaker.hpp"

namespace vellum::gateway {

void CircuitBreaker::update(Clock::time_point now) {
    if (state_ == State::Open && now - opened_at_ >= options_.open_timeout) {
        state_ = State::HalfOpen;
        successes_ = 0;
    }
}

bool CircuitBreaker::allow(Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    update(now);
    return state_ != State::Open;
}

void CircuitBreaker::record_success(Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    update(now);
    failures_ = 0;
    if (state_ == State::HalfOpen && ++successes_ >= options_.success_threshold) state_ = State::Closed;
}

void CircuitBreaker::record_probe_success(Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    update(now);
    failures_ = 0;
    if (state_ == State::Open) {
        state_ = State::HalfOpen;
        successes_ = 0;
        return;
    }
    if (state_ == State::HalfOpen && ++successes_ >= options_.success_threshold) state_ = State::Closed;
}

void CircuitBreaker::record_failure(Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    update(now);
    ++failures_;
    if (state_ == State::HalfOpen || (state_ == State::Closed && failures_ >= options_.failure_threshold)) {
        state_ = State::Open;
        opened_at_ = now;
        successes_ = 0;
    }
}

CircuitBreaker::State CircuitBreaker::state(Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    update(now);
    return state_;
}

int CircuitBreaker::consecutive_failures() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failures_;
}

const char* state_name(CircuitBreaker::State state) {
    switch (state) {
    case CircuitBreaker::State::Closed: return "CLOSED";
    case CircuitBreaker::State::Open: return "OPEN";
    case CircuitBreaker::State::HalfOpen: return "HALF_OPEN";
    }
    return "CLOSED";
}

int state_metric(CircuitBreaker::State state) {
    switch (state) {
    case CircuitBreaker::State::Closed: return 0;
    case CircuitBreaker::State::Open: return 1;
    case CircuitBreaker::State::HalfOpen: return 2;
    }
    return 0;
}

}  // namespace vellum::gateway
