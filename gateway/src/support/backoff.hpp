// Exponential backoff with jitter, the seeds' retry policy: 100 ms doubling
// up to 5 s, plus 0-100 ms of jitter so that gateways do not retry in step.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace vellum::gateway {

class Backoff {
public:
    struct Options {
        std::chrono::milliseconds initial{100};
        std::chrono::milliseconds max{5000};
        std::chrono::milliseconds jitter{100};
    };

    explicit Backoff(Options options, uint64_t seed = std::random_device{}()) : options_(options), rng_(seed) {}
    Backoff() : Backoff(Options{}) {}

    // The delay before retry number attempt (1 for the first retry).
    std::chrono::milliseconds delay(int attempt);
    // The delay before the next retry, counting attempts since reset().
    std::chrono::milliseconds next() { return delay(++attempts_); }
    void reset() { attempts_ = 0; }
    int attempts() const { return attempts_; }

private:
    Options options_;
    std::mt19937_64 rng_;
    int attempts_ = 0;
};

}  // namespace vellum::gateway
