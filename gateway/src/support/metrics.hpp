// Prometheus metrics: counters, gauges and latency histograms, rendered as
// the text exposition format at /metrics. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace vellum::gateway {

class Histogram {
public:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.016, 0.025,
                                                        0.05,  0.1,    0.25,  0.5,  1.0,   2.5};
    void observe(double seconds);
    void render(std::string& out, const std::string& name, const std::string& labels) const;

private:
    std::array<uint64_t, kBuckets.size()> counts_{};
    uint64_t count_ = 0;
    double sum_ = 0;
};

class Metrics {
public:
    void connection_opened();
    void connection_closed();
    int64_t connections() const;
    void operation(const std::string& type, const std::string& status);
    void message_rejected(const std::string& code);
    void observe_ack_latency(double seconds);
    void observe_broadcast_latency(double seconds);
    void observe_sync_latency(double seconds);

    // extra: gauges computed by the caller at scrape time (collaborators per
    // file, circuit breaker states), already in exposition format.
    std::string render(const std::string& extra) const;

private:
    mutable std::mutex mutex_;
    int64_t connections_ = 0;
    uint64_t connections_total_ = 0;
    std::map<std::pair<std::string, std::string>, uint64_t> operations_;
    std::map<std::string, uint64_t> rejected_;
    Histogram ack_latency_;
    Histogram broadcast_latency_;
    Histogram sync_latency_;
};

}  // namespace vellum::gateway
