// Failed sign-ins per address and per account. Time is passed in: no sleeping.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "auth/login_throttle.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;
using Scope = LoginThrottle::Scope;

const LoginThrottle::Clock::time_point t0 = LoginThrottle::Clock::time_point{} + 1000h;

// How many of `tries` attempts for key may go on at `now`.
int allowed(LoginThrottle& t, Scope scope, const std::string& key, int tries, LoginThrottle::Clock::time_point now) {
    int n = 0;
    for (int i = 0; i < tries; ++i) n += t.begin(scope, key, now) ? 0 : 1;
    return n;
}

TEST(GatewayLoginThrottle, TheDefaultsAllowABurstThenAHandfulPerMinute) {
    LoginThrottle t(10, 5);  // the gateway's defaults
    EXPECT_EQ(allowed(t, Scope::Address, "203.0.113.7", 100, t0), 20) << "bursts of twice the rate per minute";
    EXPECT_EQ(allowed(t, Scope::Account, "ada@example.com", 100, t0), 10);
    EXPECT_EQ(allowed(t, Scope::Address, "203.0.113.7", 100, t0 + 1min), 10) << "then 10 a minute per address";
    EXPECT_EQ(allowed(t, Scope::Account, "ada@example.com", 100, t0 + 1min), 5) << "and 5 a minute per account";
}

TEST(GatewayLoginThrottle, AnAttemptCountsAsSoonAsItBegins) {
    LoginThrottle t(3, 3);
    // Six attempts begun at once, none finished yet: only the burst goes on.
    EXPECT_EQ(allowed(t, Scope::Account, "ada@example.com", 6, t0), 6);
    EXPECT_TRUE(t.begin(Scope::Account, "ada@example.com", t0).has_value());
}

TEST(GatewayLoginThrottle, TheRefusalSaysHowLongToWait) {
    LoginThrottle t(6, 6);  // one attempt back every 10 s
    ASSERT_EQ(allowed(t, Scope::Address, "a", 12, t0), 12);
    auto wait = t.begin(Scope::Address, "a", t0);
    ASSERT_TRUE(wait.has_value());
    EXPECT_EQ(*wait, 10s);
    wait = t.begin(Scope::Address, "a", t0 + 7500ms);
    ASSERT_TRUE(wait.has_value());
    EXPECT_EQ(*wait, 3s) << "2.5 s rounded up";
    EXPECT_FALSE(t.begin(Scope::Address, "a", t0 + 10s + 1ms).has_value()) << "allowed once the wait is over";
    wait = t.begin(Scope::Address, "a", t0 + 10s + 9999ms);
    ASSERT_TRUE(wait.has_value());
    EXPECT_EQ(*wait, 1s) << "never less than a second";
}

TEST(GatewayLoginThrottle, ASuccessGivesItsAttemptBack) {
    LoginThrottle t(1, 1);  // bursts of 2
    // A user who signs in right, again and again, is never limited.
    for (int i = 0; i < 100; ++i) {
        ASSERT_FALSE(t.begin(Scope::Account, "ada@example.com", t0).has_value()) << "sign-in " << i;
        t.give_back(Scope::Account, "ada@example.com");
    }
    // Mistypes count, successes do not.
    EXPECT_FALSE(t.begin(Scope::Account, "ada@example.com", t0).has_value());  // wrong
    EXPECT_FALSE(t.begin(Scope::Account, "ada@example.com", t0).has_value());  // right
    t.give_back(Scope::Account, "ada@example.com");
    EXPECT_FALSE(t.begin(Scope::Account, "ada@example.com", t0).has_value());  // wrong
    EXPECT_TRUE(t.begin(Scope::Account, "ada@example.com", t0).has_value()) << "two failures: the burst is spent";
}

TEST(GatewayLoginThrottle, GivingBackNeverExceedsTheBurst) {
    LoginThrottle t(1, 1);
    for (int i = 0; i < 10; ++i) t.give_back(Scope::Address, "a");  // unknown key: nothing happens
    ASSERT_FALSE(t.begin(Scope::Address, "a", t0).has_value());
    for (int i = 0; i < 10; ++i) t.give_back(Scope::Address, "a");
    EXPECT_EQ(allowed(t, Scope::Address, "a", 10, t0), 2);
}

TEST(GatewayLoginThrottle, KeysAndScopesAreIndependent) {
    LoginThrottle t(2, 1);
    EXPECT_EQ(allowed(t, Scope::Address, "198.51.100.1", 10, t0), 4);
    EXPECT_EQ(allowed(t, Scope::Address, "198.51.100.2", 10, t0), 4) << "another address is not affected";
    EXPECT_EQ(allowed(t, Scope::Account, "198.51.100.1", 10, t0), 2) << "nor is the account scope";
    EXPECT_EQ(allowed(t, Scope::Account, "bob@example.com", 10, t0), 2);
}

TEST(GatewayLoginThrottle, MemoryIsBoundedAndIdleKeysAreForgottenFirst) {
    LoginThrottle t(60, 60, 3);  // one a second, bursts of 120; at most 3 keys
    ASSERT_EQ(allowed(t, Scope::Address, "attacker", 120, t0), 120);
    ASSERT_FALSE(t.begin(Scope::Address, "idle-1", t0).has_value());
    ASSERT_FALSE(t.begin(Scope::Address, "idle-2", t0).has_value());
    // Two seconds later the idle keys have refilled and make room; the
    // attacker's bucket, still far from full, is kept.
    ASSERT_FALSE(t.begin(Scope::Address, "new", t0 + 2s).has_value());
    EXPECT_EQ(allowed(t, Scope::Address, "attacker", 10, t0 + 2s), 2);
}

}  // namespace
}  // namespace vellum::gateway
