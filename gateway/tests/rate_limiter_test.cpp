// The per-connection token bucket. Time is passed in: no sleeping.
#include <gtest/gtest.h>

#include <chrono>

#include "support/rate_limiter.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;

const RateLimiter::Clock::time_point t0 = RateLimiter::Clock::time_point{} + 1000h;

int allowed(RateLimiter& r, int tries, RateLimiter::Clock::time_point now) {
    int n = 0;
    for (int i = 0; i < tries; ++i) n += r.allow(now) ? 1 : 0;
    return n;
}

TEST(GatewayRateLimiter, StartsFullThenRefuses) {
    RateLimiter r(4, 8, t0);
    EXPECT_DOUBLE_EQ(r.tokens(), 8);
    for (int i = 0; i < 8; ++i) EXPECT_TRUE(r.allow(t0)) << "message " << i + 1 << " of the burst";
    EXPECT_FALSE(r.allow(t0));
    EXPECT_FALSE(r.allow(t0));
}

TEST(GatewayRateLimiter, RefillsAtTheRate) {
    RateLimiter r(4, 8, t0);  // one token every 250 ms
    EXPECT_EQ(allowed(r, 100, t0), 8);
    EXPECT_FALSE(r.allow(t0 + 125ms)) << "half a token is not enough";
    EXPECT_TRUE(r.allow(t0 + 250ms));
    EXPECT_FALSE(r.allow(t0 + 250ms));
    EXPECT_EQ(allowed(r, 100, t0 + 1250ms), 4) << "one second refills 4 tokens";
}

TEST(GatewayRateLimiter, FractionsOfATokenAccumulate) {
    RateLimiter r(4, 1, t0);
    ASSERT_TRUE(r.allow(t0));
    EXPECT_FALSE(r.allow(t0 + 125ms));  // 0.5 token
    EXPECT_TRUE(r.allow(t0 + 250ms));   // 0.5 + 0.5
}

TEST(GatewayRateLimiter, NeverAboveTheBurst) {
    RateLimiter r(4, 8, t0);
    EXPECT_EQ(allowed(r, 3, t0), 3);
    EXPECT_EQ(allowed(r, 100, t0 + 1h), 8) << "an hour idle still allows only the burst";
    EXPECT_LE(r.tokens(), 8);
    EXPECT_FALSE(r.allow(t0 + 1h));
}

TEST(GatewayRateLimiter, SustainedRateIsTheRate) {
    RateLimiter r(200, 400, t0);  // the defaults
    EXPECT_EQ(allowed(r, 1000, t0), 400);
    int total = 0;
    for (int ms = 1; ms <= 10000; ++ms) total += allowed(r, 10, t0 + std::chrono::milliseconds(ms));
    // 10 s at 200/s, give or take the rounding of the last token.
    EXPECT_GE(total, 1999);
    EXPECT_LE(total, 2000);
}

TEST(GatewayRateLimiter, TimeGoingBackwardsAddsNoTokens) {
    RateLimiter r(4, 2, t0);
    EXPECT_EQ(allowed(r, 2, t0), 2);
    EXPECT_FALSE(r.allow(t0 - 1h));
    EXPECT_FALSE(r.allow(t0));
    EXPECT_TRUE(r.allow(t0 + 250ms));
}

TEST(GatewayRateLimiter, GiveBackReturnsATokenUpToTheBurst) {
    RateLimiter r(1, 2, t0);
    ASSERT_EQ(allowed(r, 5, t0), 2);
    r.give_back();
    EXPECT_TRUE(r.allow(t0));
    EXPECT_FALSE(r.allow(t0));
    for (int i = 0; i < 5; ++i) r.give_back();
    EXPECT_DOUBLE_EQ(r.tokens(), 2);
}

TEST(GatewayRateLimiter, WaitIsTheTimeUntilTheNextToken) {
    RateLimiter r(4, 1, t0);  // one token every 250 ms
    EXPECT_EQ(r.wait(t0), RateLimiter::Clock::duration::zero());
    ASSERT_TRUE(r.allow(t0));
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(r.wait(t0)), 250ms);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(r.wait(t0 + 100ms)), 150ms);
    EXPECT_EQ(r.wait(t0 + 250ms), RateLimiter::Clock::duration::zero());
}

TEST(GatewayRateLimiter, FullOnceRefilled) {
    RateLimiter r(4, 2, t0);
    EXPECT_TRUE(r.full(t0));
    ASSERT_TRUE(r.allow(t0));
    EXPECT_FALSE(r.full(t0 + 100ms));
    EXPECT_TRUE(r.full(t0 + 250ms));
}

}  // namespace
}  // namespace vellum::gateway
