#include "rate_limiter.hpp"

#include <algorithm>

namespace vellum::gateway {

bool RateLimiter::allow(Clock::time_point now) {
    if (now > last_) {
        double elapsed = std::chrono::duration<double>(now - last_).count();
        tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
        last_ = now;
    }
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
}

}  // namespace vellum::gateway
