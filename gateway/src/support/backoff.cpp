#include "support/backoff.hpp"

#include <algorithm>

namespace vellum::gateway {

std::chrono::milliseconds Backoff::delay(int attempt) {
    using std::chrono::milliseconds;
    int shift = std::clamp(attempt - 1, 0, 30);
    int64_t base = options_.initial.count() << shift;
    if (base <= 0 || base > options_.max.count()) base = options_.max.count();
    int64_t jitter = 0;
    if (options_.jitter.count() > 0) jitter = std::uniform_int_distribution<int64_t>(0, options_.jitter.count())(rng_);
    return milliseconds(base + jitter);
}

}  // namespace vellum::gateway
