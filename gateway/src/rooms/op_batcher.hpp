// Batches the ops of one file that arrive in the same turn of the event loop,
// from however many users, into one vellum.apply_ops_batch call: one
// transaction, one NOTIFY, which keeps notifying commits under PostgreSQL's
// ceiling when many clients edit one file. While a file's batch is in flight,
// its next ops wait and go together when it returns, so a file never has more
// than one commit at a time and batches grow with the load. Acks go back only
// after the commit.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "net/connection.hpp"
#include "rooms/hub.hpp"
#include "support/metrics.hpp"
#include "net/net.hpp"
#include "pg/pg_pool.hpp"

namespace vellum::gateway {

struct OpSubmission {
    std::weak_ptr<Connection> connection;
    uint64_t member_id = 0;
    std::string user_id;
    std::string ops_json;              // a JSON array
    std::vector<std::string> op_ids;   // each op's id as JSON text
    std::string request_id;
    std::chrono::steady_clock::time_point received;
};

class OpBatcher {
public:
    OpBatcher(net::io_context& ioc, PgPool& pool, Hub& hub, Metrics& metrics);

    void submit(const std::string& file_id, OpSubmission submission);
    // Batches sent to PostgreSQL whose results have not come back yet.
    int in_flight() const { return in_flight_; }

    // The most ops one apply_ops_batch call carries: the extension's default
    // vellum.max_batch_ops.
    static constexpr size_t kMaxBatchOps = 10000;

private:
    void flush(const std::string& file_id);
    // One apply_ops_batch call for the submissions, then done(); a call that
    // fails because of one of them is split (apply_each) so the others apply.
    void apply(const std::string& file_id, std::shared_ptr<std::vector<OpSubmission>> batch, std::function<void()> done);
    void apply_each(const std::string& file_id, std::shared_ptr<std::vector<OpSubmission>> batch, size_t index,
                    std::function<void()> done);
    void finish(const std::string& file_id, std::vector<OpSubmission>& batch, const PgResult& result);

    net::io_context& ioc_;
    PgPool& pool_;
    Hub& hub_;
    Metrics& metrics_;
    std::mutex mutex_;
    std::map<std::string, std::vector<OpSubmission>> pending_;
    std::set<std::string> busy_files_;  // a batch of theirs is in flight
    std::atomic<int> in_flight_{0};
};

// An "error" message for a failed database call, with the status a client
// can act on (forbidden, not_found, unavailable, ...).
std::string database_error_message(const PgResult& result, const std::string& request_id);

}  // namespace vellum::gateway
