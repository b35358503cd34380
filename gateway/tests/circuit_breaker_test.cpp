// The circuit breaker with the seeds' parameters: open after 5 consecutive
// failures, half-open after 10 s, closed again after 2 successes. Time is
// passed in: no sleeping.
#include <gtest/gtest.h>

#include <chrono>

#include "support/circuit_breaker.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;
using State = CircuitBreaker::State;

const CircuitBreaker::Clock::time_point t0 = CircuitBreaker::Clock::time_point{} + 1000h;

void fail_times(CircuitBreaker& b, int n, CircuitBreaker::Clock::time_point now) {
    for (int i = 0; i < n; ++i) b.record_failure(now);
}

// Opens b at time `at`.
void open(CircuitBreaker& b, CircuitBreaker::Clock::time_point at) {
    fail_times(b, 5, at);
    ASSERT_EQ(b.state(at), State::Open);
}

TEST(GatewayCircuitBreaker, StartsClosedAndAllowsCalls) {
    CircuitBreaker b;
    EXPECT_EQ(b.state(t0), State::Closed);
    EXPECT_TRUE(b.allow(t0));
    EXPECT_EQ(b.consecutive_failures(), 0);
}

TEST(GatewayCircuitBreaker, OpensAfterFiveConsecutiveFailures) {
    CircuitBreaker b;
    for (int i = 1; i <= 4; ++i) {
        b.record_failure(t0 + i * 1ms);
        EXPECT_EQ(b.state(t0 + i * 1ms), State::Closed) << "after " << i << " failures";
        EXPECT_TRUE(b.allow(t0 + i * 1ms));
        EXPECT_EQ(b.consecutive_failures(), i);
    }
    b.record_failure(t0 + 5ms);
    EXPECT_EQ(b.state(t0 + 5ms), State::Open);
    EXPECT_EQ(b.consecutive_failures(), 5);
}

TEST(GatewayCircuitBreaker, ASuccessResetsTheFailureCount) {
    CircuitBreaker b;
    fail_times(b, 4, t0);
    b.record_success(t0);
    EXPECT_EQ(b.consecutive_failures(), 0);
    fail_times(b, 4, t0);
    EXPECT_EQ(b.state(t0), State::Closed) << "4 + 4 failures with a success between are not 5 in a row";
    b.record_failure(t0);
    EXPECT_EQ(b.state(t0), State::Open);
}

TEST(GatewayCircuitBreaker, OpenRefusesCallsUntilTheTimeout) {
    CircuitBreaker b;
    open(b, t0);
    EXPECT_FALSE(b.allow(t0));
    EXPECT_FALSE(b.allow(t0 + 5s));
    EXPECT_FALSE(b.allow(t0 + 9999ms));
    EXPECT_EQ(b.state(t0 + 9999ms), State::Open);
}

TEST(GatewayCircuitBreaker, MoreFailuresWhileOpenDoNotExtendTheTimeout) {
    CircuitBreaker b;
    open(b, t0);
    b.record_failure(t0 + 5s);  // a call that started before the breaker opened
    EXPECT_EQ(b.state(t0 + 10s), State::HalfOpen);
}

TEST(GatewayCircuitBreaker, TurnsHalfOpenAfterTenSeconds) {
    CircuitBreaker b;
    open(b, t0);
    EXPECT_EQ(b.state(t0 + 10s), State::HalfOpen);
    EXPECT_TRUE(b.allow(t0 + 10s));
}

TEST(GatewayCircuitBreaker, AllowTurnsItHalfOpenToo) {
    CircuitBreaker b;
    open(b, t0);
    EXPECT_TRUE(b.allow(t0 + 11s));
    EXPECT_EQ(b.state(t0 + 11s), State::HalfOpen);
}

TEST(GatewayCircuitBreaker, TwoSuccessesInHalfOpenCloseIt) {
    CircuitBreaker b;
    open(b, t0);
    auto t = t0 + 10s;
    ASSERT_TRUE(b.allow(t));
    b.record_success(t);
    EXPECT_EQ(b.state(t), State::HalfOpen) << "one success is not enough";
    b.record_success(t + 1ms);
    EXPECT_EQ(b.state(t + 1ms), State::Closed);
    EXPECT_TRUE(b.allow(t + 1ms));
    EXPECT_EQ(b.consecutive_failures(), 0);
}

TEST(GatewayCircuitBreaker, AFailureInHalfOpenReopensIt) {
    CircuitBreaker b;
    open(b, t0);
    auto t = t0 + 10s;
    ASSERT_EQ(b.state(t), State::HalfOpen);
    b.record_failure(t);
    EXPECT_EQ(b.state(t), State::Open);
    EXPECT_FALSE(b.allow(t + 9s));
    EXPECT_EQ(b.state(t + 10s), State::HalfOpen) << "the timeout counts from the re-opening";
}

TEST(GatewayCircuitBreaker, ASuccessThenAFailureInHalfOpenReopensIt) {
    CircuitBreaker b;
    open(b, t0);
    auto t = t0 + 10s;
    b.record_success(t);
    b.record_failure(t);
    EXPECT_EQ(b.state(t), State::Open);
    // And the successes start from zero at the next half-open.
    b.record_success(t + 10s);
    EXPECT_EQ(b.state(t + 10s), State::HalfOpen);
    b.record_success(t + 10s);
    EXPECT_EQ(b.state(t + 10s), State::Closed);
}

TEST(GatewayCircuitBreaker, AfterClosingItTakesFiveFailuresAgain) {
    CircuitBreaker b;
    open(b, t0);
    auto t = t0 + 10s;
    b.record_success(t);
    b.record_success(t);
    ASSERT_EQ(b.state(t), State::Closed);
    fail_times(b, 4, t);
    EXPECT_EQ(b.state(t), State::Closed);
    b.record_failure(t);
    EXPECT_EQ(b.state(t), State::Open);
}

TEST(GatewayCircuitBreaker, CustomOptions) {
    CircuitBreaker::Options options;
    options.failure_threshold = 2;
    options.success_threshold = 1;
    options.open_timeout = 500ms;
    CircuitBreaker b(options);
    fail_times(b, 2, t0);
    EXPECT_EQ(b.state(t0), State::Open);
    EXPECT_EQ(b.state(t0 + 499ms), State::Open);
    EXPECT_EQ(b.state(t0 + 500ms), State::HalfOpen);
    b.record_success(t0 + 500ms);
    EXPECT_EQ(b.state(t0 + 500ms), State::Closed);
}

TEST(GatewayCircuitBreaker, StateNamesAndMetrics) {
    EXPECT_STREQ(state_name(State::Closed), "CLOSED");
    EXPECT_STREQ(state_name(State::Open), "OPEN");
    EXPECT_STREQ(state_name(State::HalfOpen), "HALF_OPEN");
    EXPECT_EQ(state_metric(State::Closed), 0);
    EXPECT_EQ(state_metric(State::Open), 1);
    EXPECT_EQ(state_metric(State::HalfOpen), 2);
}

}  // namespace
}  // namespace vellum::gateway
