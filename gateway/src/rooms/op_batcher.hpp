// Batches what arrives for many files into vellum.apply_ops_files calls: one
// transaction (one commit, one fsync) carries several files' ops, each file
// with its own seq range and NOTIFY, so notifying commits per second are
// bounded by the commit rate, not by the number of files being edited. A file
// is in at most one call at a time. Calls are group commits: one is in flight,
// and what arrives meanwhile waits and goes in the next, started when it
// returns and no sooner than the commit window after it began, so that a call
// carries several ops and PostgreSQL pays its fixed cost per call (about a
// millisecond: statements, commit, fsync) once for all of them. When a call's
// worth of ops is waiting, PostgreSQL has fallen behind: more calls go beside
// it, while the pool has ready connections. Acks go back only after the
// commit.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>

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
    std::vector<std::string> idempotency_keys;  // the ops' idempotency keys (see Hub::begin_own_commit)
    std::string request_id;
    std::chrono::steady_clock::time_point received;
};

class OpBatcher {
public:
    // commit_window: the least time from one call's start to the next one's
    // (0: the next starts as soon as the previous returns).
    OpBatcher(net::io_context& ioc, PgPool& pool, Hub& hub, Metrics& metrics,
              std::chrono::milliseconds commit_window = std::chrono::milliseconds(0));

    void submit(const std::string& file_id, OpSubmission submission);
    // Files whose ops were sent to PostgreSQL and whose results have not
    // come back yet.
    int in_flight() const { return in_flight_; }

    // The most ops one apply_ops_files call carries (the extension allows
    // vellum.max_batch_ops, 10,000 by default): a bound on how long one
    // transaction holds its files' locks. A single submission always fits,
    // as the protocol caps a message's ops below it.
    static constexpr size_t kMaxCallOps = 2000;
    // Waiting ops from which a call goes beside the one in flight.
    static constexpr size_t kBacklogOps = 500;

private:
    struct FileBatch {
        std::string file_id;
        std::shared_ptr<std::vector<OpSubmission>> submissions;
    };

    void schedule_dispatch();
    // Each op's idempotency key and its sender (see Hub::begin_own_commit).
    static std::vector<std::pair<std::string, uint64_t>> idempotency_keys(const std::vector<OpSubmission>& batch);
    // Sends calls while files are waiting and the pool has ready connections.
    void dispatch();
    // Dispatches again once the commit window since the last call's start is
    // over (called with mutex_ held).
    void arm_window_timer();
    // One apply_ops_files call for the files; each file's done() when its
    // results are handed out. A file whose part failed because of one of its
    // submissions is tried again one submission at a time (apply_each), so
    // the others apply.
    void apply(std::vector<FileBatch> files, std::function<void(const std::string& file_id)> done);
    void apply_each(FileBatch file, size_t index, std::function<void()> done);
    void file_done(const std::string& file_id);
    void finish(const std::string& file_id, std::vector<OpSubmission>& batch, const rapidjson::Value& results);
    void fail(std::vector<OpSubmission>& batch, const PgResult& error);

    net::io_context& ioc_;
    PgPool& pool_;
    Hub& hub_;
    Metrics& metrics_;
    std::mutex mutex_;
    std::map<std::string, std::vector<OpSubmission>> pending_;
    std::deque<std::string> ready_;     // files with pending ops and none in flight, oldest first
    std::set<std::string> busy_files_;  // a call of theirs is in flight
    int calls_in_flight_ = 0;
    size_t waiting_ops_ = 0;  // in pending_
    const std::chrono::milliseconds commit_window_;
    std::chrono::steady_clock::time_point last_call_started_{};
    net::steady_timer window_timer_;  // armed (under mutex_) while a call waits for the window
    bool window_timer_armed_ = false;
    bool dispatch_posted_ = false;
    std::atomic<int> in_flight_{0};
};

// An "error" message for a failed database call, with the status a client
// can act on (forbidden, not_found, unavailable, ...).
std::string database_error_message(const PgResult& result, const std::string& request_id);

}  // namespace vellum::gateway
