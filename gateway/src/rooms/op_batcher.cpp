#include "rooms/op_batcher.hpp"

#include <rapidjson/document.h>

#include "support/json_text.hpp"
#include "support/log.hpp"
#include "rooms/protocol.hpp"

namespace vellum::gateway {

namespace {

using rapidjson::Value;

// The op as other clients receive it: the shape changes_since gives too.
// When some of its properties lost to newer values, its result carries the
// ones that took effect (newValue), and that is what is relayed, as logged.
// A create of an object the file already had is marked objectExisted (see
// VELLUM_CHANGE_JSON in hub.cpp).
std::string broadcast_op(const Value& op, const Value& result, int64_t seq, const std::string& user_id) {
    auto field = [&op](const char* name) -> std::string {
        auto it = op.FindMember(name);
        return it == op.MemberEnd() ? "null" : json_text(it->value);
    };
    auto effective = result.FindMember("newValue");
    std::string new_value = effective != result.MemberEnd() && effective->value.IsObject() ? json_text(effective->value)
                                                                                          : field("newValue");
    std::string key = field("idempotencyKey");
    if (key == "null") {
        auto id = op.FindMember("id");
        if (id != op.MemberEnd() && id->value.IsString()) key = json_text(id->value);
    }
    auto existed = result.FindMember("objectExisted");
    bool object_existed = existed != result.MemberEnd() && existed->value.IsTrue();
    return "{\"seq\": " + std::to_string(seq) + ", \"operationType\": " + field("operationType") +
           ", \"objectId\": " + field("objectId") + ", \"propertyPath\": " + field("propertyPath") +
           ", \"newValue\": " + new_value + ", \"timestamp\": " + field("timestamp") +
           ", \"clientId\": " + field("clientId") + ", \"userId\": " + json_quote(user_id) +
           ", \"idempotencyKey\": " + key + (object_existed ? ", \"objectExisted\": true" : "") + "}";
}

}  // namespace

std::string database_error_message(const PgResult& r, const std::string& request_id) {
    std::string code = "internal";
    const std::string& s = r.sqlstate;
    if (is_availability_failure(r)) code = "unavailable";
    else if (s == "42501") code = "forbidden";
    else if (s == "P0002") code = "not_found";
    else if (s == "55000") code = "conflict";
    else if (s == "54000") code = "too_large";
    else if (s.rfind("22", 0) == 0 || s == "23502") code = "invalid_request";
    std::string message = r.message;
    if (code == "internal") {
        log::error("database_error", {{"sqlstate", s}, {"error", r.message}});
        message = "the request failed inside the gateway; it was logged";
    }
    return error_message(code, message, request_id);
}

OpBatcher::OpBatcher(net::io_context& ioc, PgPool& pool, Hub& hub, Metrics& metrics,
                     std::chrono::milliseconds commit_window)
    : ioc_(ioc), pool_(pool), hub_(hub), metrics_(metrics), commit_window_(commit_window), window_timer_(ioc) {}

void OpBatcher::submit(const std::string& file_id, OpSubmission submission) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& batch = pending_[file_id];
        if (batch.empty() && !busy_files_.count(file_id)) ready_.push_back(file_id);
        waiting_ops_ += submission.op_ids.size();
        batch.push_back(std::move(submission));
    }
    schedule_dispatch();
}

void OpBatcher::schedule_dispatch() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (dispatch_posted_) return;
        dispatch_posted_ = true;
    }
    // Everything that arrives before this posted handler runs joins the call.
    net::post(ioc_, [this] { dispatch(); });
}

void OpBatcher::dispatch() {
    std::vector<std::vector<FileBatch>> calls;
    // A call beside another only while the pool has a ready connection for
    // it; the first call even while the pool reconnects (it then fails fast
    // as unavailable and the clients resend). Asked before taking our lock:
    // the pool has its own.
    const int most_calls = std::max(1, pool_.ready_connections());
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        dispatch_posted_ = false;
        while (!ready_.empty()) {
            if (calls_in_flight_ > 0 && (waiting_ops_ < kBacklogOps || calls_in_flight_ >= most_calls)) break;
            if (calls_in_flight_ == 0 && now < last_call_started_ + commit_window_) {
                arm_window_timer();
                break;
            }
            std::vector<FileBatch> files;
            size_t ops = 0;
            while (!ready_.empty()) {
                auto it = pending_.find(ready_.front());
                auto& waiting = it->second;
                // Within the call's bound: what does not fit waits for the
                // file's next call (a file is never in two at once).
                size_t taken = 0;
                while (taken < waiting.size() &&
                       (ops == 0 || ops + waiting[taken].op_ids.size() <= kMaxCallOps)) {
                    ops += waiting[taken++].op_ids.size();
                }
                if (taken == 0) break;  // the call is full
                auto batch = std::make_shared<std::vector<OpSubmission>>(std::make_move_iterator(waiting.begin()),
                                                                         std::make_move_iterator(waiting.begin() + taken));
                waiting.erase(waiting.begin(), waiting.begin() + taken);
                files.push_back({it->first, std::move(batch)});
                busy_files_.insert(it->first);
                if (waiting.empty()) pending_.erase(it);
                ready_.pop_front();
            }
            ++calls_in_flight_;
            waiting_ops_ -= ops;
            last_call_started_ = now;
            in_flight_ += static_cast<int>(files.size());
            calls.push_back(std::move(files));
        }
    }
    for (auto& files : calls) {
        for (const auto& f : files) hub_.begin_own_commit(f.file_id, idempotency_keys(*f.submissions));
        auto left = std::make_shared<size_t>(files.size());
        apply(std::move(files), [this, left](const std::string& file_id) {
            file_done(file_id);
            if (--*left > 0) return;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                --calls_in_flight_;
            }
            schedule_dispatch();
        });
    }
}

void OpBatcher::arm_window_timer() {
    if (window_timer_armed_) return;
    window_timer_armed_ = true;
    window_timer_.expires_at(last_call_started_ + commit_window_);
    window_timer_.async_wait([this](const boost::system::error_code&) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            window_timer_armed_ = false;
        }
        schedule_dispatch();
    });
}

std::vector<std::pair<std::string, uint64_t>> OpBatcher::idempotency_keys(const std::vector<OpSubmission>& batch) {
    std::vector<std::pair<std::string, uint64_t>> keys;
    for (const auto& s : batch)
        for (const auto& key : s.idempotency_keys) keys.emplace_back(key, s.member_id);
    return keys;
}

void OpBatcher::file_done(const std::string& file_id) {
    hub_.end_own_commit(file_id);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        busy_files_.erase(file_id);
        // What arrived meanwhile goes in the file's next call.
        if (pending_.count(file_id)) ready_.push_back(file_id);
    }
    --in_flight_;
}

void OpBatcher::apply(std::vector<FileBatch> files, std::function<void(const std::string& file_id)> done) {
    // [{"fileId", "batches": [{"userId", "ops"}]}]: one entry per file, one
    // batch per message; results come back per file, then per batch.
    std::string arg = "[";
    for (const auto& f : files) {
        if (arg.size() > 1) arg += ", ";
        arg += "{\"fileId\": " + json_quote(f.file_id) + ", \"batches\": [";
        bool first = true;
        for (const auto& s : *f.submissions) {
            if (!first) arg += ", ";
            first = false;
            arg += "{\"userId\": " + json_quote(s.user_id) + ", \"ops\": " + s.ops_json + "}";
        }
        arg += "]}";
    }
    arg += "]";
    // Safe to retry after a lost connection: every op's idempotency key makes
    // a repeat a duplicate.
    pool_.query(
        "SELECT vellum.apply_ops_files($1::jsonb)", {arg},
        [this, files = std::move(files), done = std::move(done)](PgResult result) mutable {
            rapidjson::Document answer;
            if (result.ok && result.rows == 1 && result.at(0, 0)) answer.Parse(result.at(0, 0)->c_str());
            bool answered = result.ok && answer.IsArray() && answer.Size() == files.size();
            if (result.ok && !answered) {
                log::error("apply_ops_files_result_mismatch", {{"files", static_cast<int64_t>(files.size())}});
                result.ok = false;
                result.message = "the database answered in an unexpected shape";
            }
            for (size_t i = 0; i < files.size(); ++i) {
                FileBatch& f = files[i];
                PgResult error = result;
                if (answered) {
                    const rapidjson::Value& entry = answer[static_cast<rapidjson::SizeType>(i)];
                    auto results = entry.FindMember("results");
                    if (results != entry.MemberEnd() && results->value.IsArray()) {
                        finish(f.file_id, *f.submissions, results->value);
                        done(f.file_id);
                        continue;
                    }
                    // This file failed inside the transaction, alone.
                    error.ok = false;
                    auto e = entry.FindMember("error");
                    if (e != entry.MemberEnd() && e->value.IsObject()) {
                        auto field = [&e](const char* name) -> std::string {
                            auto it = e->value.FindMember(name);
                            return it != e->value.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
                        };
                        error.sqlstate = field("sqlstate");
                        error.message = field("message");
                        error.detail = field("detail");
                    }
                }
                // A failure caused by something in the call (not by the
                // database being away) is tried again one submission at a
                // time, so that only the one that caused it gets the error.
                // (A file that failed alone inside the transaction is split
                // only when it has several submissions.)
                bool split = !is_availability_failure(error) &&
                             (f.submissions->size() > 1 || (!answered && files.size() > 1));
                if (split) {
                    log::warn("apply_ops_files_split", {{"file", f.file_id},
                                                        {"submissions", static_cast<int64_t>(f.submissions->size())},
                                                        {"error", error.message}});
                    std::string file_id = f.file_id;
                    apply_each(std::move(f), 0, [done, file_id] { done(file_id); });
                    continue;
                }
                fail(*f.submissions, error);
                done(f.file_id);
            }
        },
        true);
}

void OpBatcher::apply_each(FileBatch file, size_t index, std::function<void()> done) {
    if (index >= file.submissions->size()) return done();
    auto one = std::make_shared<std::vector<OpSubmission>>();
    one->push_back(std::move((*file.submissions)[index]));
    std::vector<FileBatch> call{{file.file_id, one}};
    apply(std::move(call), [this, file = std::move(file), index, done = std::move(done)](const std::string&) mutable {
        apply_each(std::move(file), index + 1, std::move(done));
    });
}

void OpBatcher::fail(std::vector<OpSubmission>& batch, const PgResult& error) {
    for (const auto& s : batch) {
        if (auto c = s.connection.lock())
            c->send(std::make_shared<const std::string>(database_error_message(error, s.request_id)));
    }
}

void OpBatcher::finish(const std::string& file_id, std::vector<OpSubmission>& batch, const rapidjson::Value& results) {
    auto now = std::chrono::steady_clock::now();
    if (results.Size() != batch.size()) {
        log::error("apply_ops_files_result_mismatch", {{"file", file_id}});
        return;
    }

    // The applied ops in seq order, each with the member that sent it.
    std::vector<Hub::AppliedOp> applied;
    auto earliest = now;
    for (size_t b = 0; b < batch.size(); ++b) {
        const OpSubmission& s = batch[b];
        const Value& batch_results = results[static_cast<rapidjson::SizeType>(b)];
        rapidjson::Document ops;
        ops.Parse(s.ops_json.c_str());
        if (!batch_results.IsArray() || !ops.IsArray() || batch_results.Size() != ops.Size()) continue;
        earliest = std::min(earliest, s.received);
        std::string ids, statuses;
        for (rapidjson::SizeType k = 0; k < ops.Size(); ++k) {
            const Value& r = batch_results[k];
            const Value& op = ops[k];
            if (k) {
                ids += ", ";
                statuses += ", ";
            }
            ids += k < s.op_ids.size() ? s.op_ids[k] : "null";
            statuses += json_text(r);
            std::string status;
            int64_t seq = 0;
            if (r.IsObject()) {
                auto st = r.FindMember("status");
                if (st != r.MemberEnd() && st->value.IsString()) status = st->value.GetString();
                auto sq = r.FindMember("seq");
                if (sq != r.MemberEnd() && sq->value.IsInt64()) seq = sq->value.GetInt64();
            }
            // Metric labels only take the four known types.
            std::string type = "invalid";
            auto ot = op.FindMember("operationType");
            if (ot != op.MemberEnd() && ot->value.IsString()) {
                std::string t = ot->value.GetString();
                if (t == "create" || t == "update" || t == "delete" || t == "move") type = t;
            }
            metrics_.operation(type, status);
            if (status == "applied" && seq > 0) applied.push_back({seq, s.member_id, broadcast_op(op, r, seq, s.user_id)});
        }
        std::string ack = "{\"type\": \"ack\"" +
                          (s.request_id.empty() ? std::string() : ", \"requestId\": " + json_quote(s.request_id)) +
                          ", \"payload\": {\"operationIds\": [" + ids + "], \"results\": [" + statuses + "]}}";
        if (auto c = s.connection.lock()) c->send(std::make_shared<const std::string>(std::move(ack)));
        metrics_.observe_ack_latency(std::chrono::duration<double>(now - s.received).count());
    }
    hub_.applied(file_id, std::move(applied), earliest);
}

}  // namespace vellum::gateway
