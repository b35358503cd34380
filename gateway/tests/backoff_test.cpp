// Exponential backoff with jitter: 100 ms doubling up to 5 s, plus 0-100 ms.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "support/backoff.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;

Backoff::Options no_jitter() {
    Backoff::Options o;
    o.jitter = 0ms;
    return o;
}

TEST(GatewayBackoff, DefaultsAreTheSeedsParameters) {
    Backoff::Options o;
    EXPECT_EQ(o.initial, 100ms);
    EXPECT_EQ(o.max, 5000ms);
    EXPECT_EQ(o.jitter, 100ms);
}

TEST(GatewayBackoff, DoublesFrom100msUpTo5s) {
    Backoff b(no_jitter(), 1);
    EXPECT_EQ(b.delay(1), 100ms);
    EXPECT_EQ(b.delay(2), 200ms);
    EXPECT_EQ(b.delay(3), 400ms);
    EXPECT_EQ(b.delay(4), 800ms);
    EXPECT_EQ(b.delay(5), 1600ms);
    EXPECT_EQ(b.delay(6), 3200ms);
    EXPECT_EQ(b.delay(7), 5000ms) << "6400 is capped";
    EXPECT_EQ(b.delay(8), 5000ms);
    EXPECT_EQ(b.delay(31), 5000ms);
    EXPECT_EQ(b.delay(64), 5000ms) << "no overflow for large attempts";
    EXPECT_EQ(b.delay(1000000), 5000ms);
}

TEST(GatewayBackoff, AttemptZeroOrNegativeIsTheInitialDelay) {
    Backoff b(no_jitter(), 1);
    EXPECT_EQ(b.delay(0), 100ms);
    EXPECT_EQ(b.delay(-5), 100ms);
}

TEST(GatewayBackoff, JitterIsBetween0And100ms) {
    Backoff b(Backoff::Options{}, 12345);
    const int bases[] = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
    int64_t lowest = 1000, highest = -1;
    for (int round = 0; round < 200; ++round) {
        for (int attempt = 1; attempt <= 8; ++attempt) {
            int64_t d = b.delay(attempt).count();
            int64_t jitter = d - bases[attempt - 1];
            ASSERT_GE(jitter, 0) << "attempt " << attempt << " delay " << d;
            ASSERT_LE(jitter, 100) << "attempt " << attempt << " delay " << d;
            lowest = std::min(lowest, jitter);
            highest = std::max(highest, jitter);
        }
    }
    // 1600 draws: the jitter really spreads over the range.
    EXPECT_LE(lowest, 5);
    EXPECT_GE(highest, 95);
}

TEST(GatewayBackoff, SameSeedSameDelays) {
    Backoff a(Backoff::Options{}, 42), b(Backoff::Options{}, 42);
    for (int i = 0; i < 20; ++i) EXPECT_EQ(a.next(), b.next()) << "retry " << i + 1;
}

TEST(GatewayBackoff, DifferentSeedsDifferentJitter) {
    Backoff a(Backoff::Options{}, 1), b(Backoff::Options{}, 2);
    std::vector<int64_t> da, db;
    for (int i = 0; i < 20; ++i) {
        da.push_back(a.delay(1).count());
        db.push_back(b.delay(1).count());
    }
    EXPECT_NE(da, db);
}

TEST(GatewayBackoff, NextCountsAttemptsAndResetStartsOver) {
    Backoff b(no_jitter(), 7);
    EXPECT_EQ(b.attempts(), 0);
    EXPECT_EQ(b.next(), 100ms);
    EXPECT_EQ(b.attempts(), 1);
    EXPECT_EQ(b.next(), 200ms);
    EXPECT_EQ(b.next(), 400ms);
    EXPECT_EQ(b.attempts(), 3);
    b.reset();
    EXPECT_EQ(b.attempts(), 0);
    EXPECT_EQ(b.next(), 100ms);
    EXPECT_EQ(b.attempts(), 1);
}

TEST(GatewayBackoff, NextStaysAtTheCap) {
    Backoff b(Backoff::Options{}, 3);
    std::chrono::milliseconds last{};
    for (int i = 0; i < 100; ++i) last = b.next();
    EXPECT_EQ(b.attempts(), 100);
    EXPECT_GE(last, 5000ms);
    EXPECT_LE(last, 5100ms);
}

TEST(GatewayBackoff, CustomOptions) {
    Backoff::Options o;
    o.initial = 10ms;
    o.max = 50ms;
    o.jitter = 0ms;
    Backoff b(o, 1);
    EXPECT_EQ(b.next(), 10ms);
    EXPECT_EQ(b.next(), 20ms);
    EXPECT_EQ(b.next(), 40ms);
    EXPECT_EQ(b.next(), 50ms);
    EXPECT_EQ(b.next(), 50ms);
}

}  // namespace
}  // namespace vellum::gateway
