// A token bucket per connection: `rate` messages per second on average, up to
// `burst` at once. Time is passed in so tests need no sleeping.
#pragma once

#include <chrono>

namespace vellum::gateway {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(double rate_per_second, double burst, Clock::time_point now)
        : rate_(rate_per_second), burst_(burst), tokens_(burst), last_(now) {}

    // Takes one token; false when the bucket is empty (the message is refused).
    bool allow(Clock::time_point now);
    // Puts back a token taken by allow (the attempt it paid for did not count).
    void give_back();
    // How long until allow would succeed (zero when it would now).
    Clock::duration wait(Clock::time_point now);
    // Whether the bucket has refilled completely: it then remembers nothing.
    bool full(Clock::time_point now);
    double tokens() const { return tokens_; }

private:
    void refill(Clock::time_point now);

    double rate_;
    double burst_;
    double tokens_;
    Clock::time_point last_;
};

}  // namespace vellum::gateway
