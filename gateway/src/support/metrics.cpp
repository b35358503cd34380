#include "support/metrics.hpp"

#include <cstdio>
#include <cstdlib>

namespace vellum::gateway {

namespace {
// The shortest text that reads back as the same double, as Prometheus
// clients write numbers: 0.0025, not 0.0025000000000000001.
std::string number(double v) {
    char buf[64];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}
}  // namespace

void Histogram::observe(double seconds) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++counts_[i];
    ++count_;
    sum_ += seconds;
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
    std::string sep = labels.empty() ? "" : ",";
    for (size_t i = 0; i < kBuckets.size(); ++i)
        out += name + "_bucket{" + labels + sep + "le=\"" + number(kBuckets[i]) + "\"} " + std::to_string(counts_[i]) + "\n";
    out += name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(count_) + "\n";
    out += name + "_sum" + (labels.empty() ? "" : "{" + labels + "}") + " " + number(sum_) + "\n";
    out += name + "_count" + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(count_) + "\n";
}

void Metrics::connection_opened() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++connections_;
    ++connections_total_;
}

void Metrics::connection_closed() {
    std::lock_guard<std::mutex> lock(mutex_);
    --connections_;
}

int64_t Metrics::connections() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return connections_;
}

void Metrics::operation(const std::string& type, const std::string& status) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++operations_[{type, status}];
}

void Metrics::message_rejected(const std::string& code) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++rejected_[code];
}

void Metrics::observe_ack_latency(double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ack_latency_.observe(seconds);
}

void Metrics::observe_broadcast_latency(double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    broadcast_latency_.observe(seconds);
}

void Metrics::observe_sync_latency(double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    sync_latency_.observe(seconds);
}

std::string Metrics::render(const std::string& extra) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    out += "# HELP vellum_websocket_connections Open WebSocket connections.\n# TYPE vellum_websocket_connections gauge\n";
    out += "vellum_websocket_connections " + std::to_string(connections_) + "\n";
    out += "# HELP vellum_websocket_connections_total WebSocket connections accepted.\n# TYPE vellum_websocket_connections_total counter\n";
    out += "vellum_websocket_connections_total " + std::to_string(connections_total_) + "\n";
    out += "# HELP vellum_operations_total Ops by type and status.\n# TYPE vellum_operations_total counter\n";
    for (const auto& [key, count] : operations_)
        out += "vellum_operations_total{type=\"" + key.first + "\",status=\"" + key.second + "\"} " +
               std::to_string(count) + "\n";
    out += "# HELP vellum_messages_rejected_total Client messages refused, by error code.\n# TYPE vellum_messages_rejected_total counter\n";
    for (const auto& [code, count] : rejected_)
        out += "vellum_messages_rejected_total{code=\"" + code + "\"} " + std::to_string(count) + "\n";
    out += "# HELP vellum_operation_ack_seconds From receiving ops to acking them (after commit).\n# TYPE vellum_operation_ack_seconds histogram\n";
    ack_latency_.render(out, "vellum_operation_ack_seconds", "");
    out += "# HELP vellum_broadcast_seconds From receiving ops to sending them to the file's other clients.\n# TYPE vellum_broadcast_seconds histogram\n";
    broadcast_latency_.render(out, "vellum_broadcast_seconds", "");
    out += "# HELP vellum_sync_seconds From subscribe to sync.\n# TYPE vellum_sync_seconds histogram\n";
    sync_latency_.render(out, "vellum_sync_seconds", "");
    out += extra;
    return out;
}

}  // namespace vellum::gateway
