#include "support/rate_limiter.hpp"

#include <algorithm>

namespace vellum::gateway {

void RateLimiter::refill(Clock::time_point now) {
    if (now > last_) {
        double elapsed = std::chrono::duration<double>(now - last_).count();
        tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
        last_ = now;
    }
}

bool RateLimiter::allow(Clock::time_point now) {
    refill(now);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
}

void RateLimiter::give_back() { tokens_ = std::min(burst_, tokens_ + 1.0); }

RateLimiter::Clock::duration RateLimiter::wait(Clock::time_point now) {
    refill(now);
    if (tokens_ >= 1.0) return Clock::duration::zero();
    auto seconds = std::chrono::duration<double>((1.0 - tokens_) / rate_);
    return std::chrono::ceil<Clock::duration>(seconds);
}

bool RateLimiter::full(Clock::time_point now) {
    refill(now);
    return tokens_ >= burst_;
}

}  // namespace vellum::gateway
