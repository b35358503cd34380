// Failed sign-ins, limited per client address and per account, so that
// password guessing gets a handful of bcrypt runs per minute and cannot crowd
// out other people's sign-ins. An attempt is counted when it starts (a burst
// of concurrent guesses cannot all reach bcrypt) and given back when it turns
// out not to be a failure (the password was right, or it was never checked).
// Time is passed in so tests need no sleeping.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "support/rate_limiter.hpp"

namespace vellum::gateway {

class LoginThrottle {
public:
    using Clock = RateLimiter::Clock;
    enum class Scope { Address, Account };

    // Failures per minute per address and per account, each allowed in bursts
    // of twice that. max_keys bounds the memory of each scope.
    LoginThrottle(double per_address_per_minute, double per_account_per_minute, size_t max_keys = 100000);

    // Counts an attempt for key: nothing when it may go on, otherwise how long
    // to wait (whole seconds, at least 1) before the next one may.
    std::optional<std::chrono::seconds> begin(Scope scope, const std::string& key, Clock::time_point now);
    // The attempt begun for key did not fail: it does not count.
    void give_back(Scope scope, const std::string& key);

private:
    struct Buckets {
        double per_minute;
        std::map<std::string, RateLimiter> by_key;
    };
    Buckets& buckets(Scope scope) { return scope == Scope::Address ? addresses_ : accounts_; }

    std::mutex mutex_;
    Buckets addresses_;
    Buckets accounts_;
    size_t max_keys_;
};

}  // namespace vellum::gateway
