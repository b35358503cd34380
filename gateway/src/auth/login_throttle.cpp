#include "auth/login_throttle.hpp"

#include "support/log.hpp"

namespace vellum::gateway {

LoginThrottle::LoginThrottle(double per_address_per_minute, double per_account_per_minute, size_t max_keys)
    : addresses_{per_address_per_minute, {}}, accounts_{per_account_per_minute, {}}, max_keys_(max_keys) {}

std::optional<std::chrono::seconds> LoginThrottle::begin(Scope scope, const std::string& key, Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    Buckets& b = buckets(scope);
    auto it = b.by_key.find(key);
    if (it == b.by_key.end()) {
        if (b.by_key.size() >= max_keys_) {
            // A full bucket holds nothing worth keeping; if that is not
            // enough, forgetting everything is better than growing forever.
            for (auto k = b.by_key.begin(); k != b.by_key.end();) k = k->second.full(now) ? b.by_key.erase(k) : std::next(k);
            if (b.by_key.size() >= max_keys_) {
                log::warn("login_throttle_reset", {{"keys", static_cast<int64_t>(b.by_key.size())}});
                b.by_key.clear();
            }
        }
        it = b.by_key.emplace(key, RateLimiter(b.per_minute / 60.0, 2 * b.per_minute, now)).first;
    }
    if (it->second.allow(now)) return std::nullopt;
    auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.wait(now));
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::give_back(Scope scope, const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    Buckets& b = buckets(scope);
    auto it = b.by_key.find(key);
    if (it != b.by_key.end()) it->second.give_back();
}

}  // namespace vellum::gateway
