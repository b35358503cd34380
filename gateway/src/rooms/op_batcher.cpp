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
    return "{\"seq\": " + std::to_string(seq) + ", \"operationType\": " + field("operationType") +
           ", \"objectId\": " + field("objectId") + ", \"propertyPath\": " + field("propertyPath") +
           ", \"newValue\": " + new_value + ", \"timestamp\": " + field("timestamp") +
           ", \"clientId\": " + field("clientId") + ", \"userId\": " + json_quote(user_id) +
           ", \"idempotencyKey\": " + key + "}";
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

OpBatcher::OpBatcher(net::io_context& ioc, PgPool& pool, Hub& hub, Metrics& metrics)
    : ioc_(ioc), pool_(pool), hub_(hub), metrics_(metrics) {}

void OpBatcher::submit(const std::string& file_id, OpSubmission submission) {
    bool first = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& batch = pending_[file_id];
        first = batch.empty() && !busy_files_.count(file_id);
        batch.push_back(std::move(submission));
    }
    // Everything that arrives before this posted handler runs joins the batch.
    if (first) net::post(ioc_, [this, file_id] { flush(file_id); });
}

void OpBatcher::flush(const std::string& file_id) {
    auto batch = std::make_shared<std::vector<OpSubmission>>();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = pending_.find(file_id);
        if (it == pending_.end()) return;
        // Within the extension's limit on ops per call: what does not fit
        // waits for the next batch (a submission alone always fits, as the
        // protocol caps a message's ops below it).
        auto& waiting = it->second;
        size_t ops = 0, taken = 0;
        while (taken < waiting.size() && (taken == 0 || ops + waiting[taken].op_ids.size() <= kMaxBatchOps))
            ops += waiting[taken++].op_ids.size();
        batch->assign(std::make_move_iterator(waiting.begin()), std::make_move_iterator(waiting.begin() + taken));
        waiting.erase(waiting.begin(), waiting.begin() + taken);
        if (waiting.empty()) pending_.erase(it);
        busy_files_.insert(file_id);
    }
    ++in_flight_;
    hub_.begin_own_commit(file_id);
    apply(file_id, batch, [this, file_id] {
        hub_.end_own_commit(file_id);
        bool more = false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            busy_files_.erase(file_id);
            more = pending_.count(file_id) > 0;
        }
        if (more) flush(file_id);  // what arrived meanwhile, in one batch
        --in_flight_;
    });
}

void OpBatcher::apply(const std::string& file_id, std::shared_ptr<std::vector<OpSubmission>> batch,
                      std::function<void()> done) {
    // One entry per message: [{"userId", "ops"}]; results come back per entry.
    std::string batches = "[";
    for (const auto& s : *batch) {
        if (batches.size() > 1) batches += ", ";
        batches += "{\"userId\": " + json_quote(s.user_id) + ", \"ops\": " + s.ops_json + "}";
    }
    batches += "]";
    // Safe to retry after a lost connection: every op's idempotency key makes
    // a repeat a duplicate.
    pool_.query(
        "SELECT vellum.apply_ops_batch($1::uuid, $2::jsonb)", {file_id, batches},
        [this, file_id, batch, done = std::move(done)](PgResult result) mutable {
            // A call that failed for something in it (not for the database
            // being away) is tried again one submission at a time, so that
            // only the one that caused it gets the error.
            if (!result.ok && !is_availability_failure(result) && batch->size() > 1) {
                log::warn("apply_ops_batch_split", {{"file", file_id}, {"submissions", static_cast<int64_t>(batch->size())},
                                                    {"error", result.message}});
                return apply_each(file_id, batch, 0, std::move(done));
            }
            finish(file_id, *batch, result);
            done();
        },
        true);
}

void OpBatcher::apply_each(const std::string& file_id, std::shared_ptr<std::vector<OpSubmission>> batch, size_t index,
                           std::function<void()> done) {
    if (index >= batch->size()) return done();
    auto one = std::make_shared<std::vector<OpSubmission>>();
    one->push_back(std::move((*batch)[index]));
    apply(file_id, one, [this, file_id, batch, index, done = std::move(done)]() mutable {
        apply_each(file_id, batch, index + 1, std::move(done));
    });
}

void OpBatcher::finish(const std::string& file_id, std::vector<OpSubmission>& batch, const PgResult& result) {
    auto now = std::chrono::steady_clock::now();
    if (!result.ok || result.rows != 1 || !result.at(0, 0)) {
        for (const auto& s : batch) {
            if (auto c = s.connection.lock())
                c->send(std::make_shared<const std::string>(database_error_message(result, s.request_id)));
        }
        return;
    }
    rapidjson::Document results;
    results.Parse(result.at(0, 0)->c_str());
    if (!results.IsArray() || results.Size() != batch.size()) {
        log::error("apply_ops_batch_result_mismatch", {{"file", file_id}});
        return;
    }

    int64_t from_seq = 0, to_seq = 0;
    std::string applied;
    std::set<uint64_t> senders;
    auto earliest = now;
    for (size_t b = 0; b < batch.size(); ++b) {
        const OpSubmission& s = batch[b];
        const Value& batch_results = results[static_cast<rapidjson::SizeType>(b)];
        rapidjson::Document ops;
        ops.Parse(s.ops_json.c_str());
        if (!batch_results.IsArray() || !ops.IsArray() || batch_results.Size() != ops.Size()) continue;
        earliest = std::min(earliest, s.received);
        std::string ids, statuses;
        bool sent_any = false;
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
            if (status == "applied" && seq > 0) {
                if (!from_seq) from_seq = seq;
                to_seq = seq;
                sent_any = true;
                if (!applied.empty()) applied += ", ";
                applied += broadcast_op(op, r, seq, s.user_id);
            }
        }
        if (sent_any) senders.insert(s.member_id);
        std::string ack = "{\"type\": \"ack\"" +
                          (s.request_id.empty() ? std::string() : ", \"requestId\": " + json_quote(s.request_id)) +
                          ", \"payload\": {\"operationIds\": [" + ids + "], \"results\": [" + statuses + "]}}";
        if (auto c = s.connection.lock()) c->send(std::make_shared<const std::string>(std::move(ack)));
        metrics_.observe_ack_latency(std::chrono::duration<double>(now - s.received).count());
    }
    if (from_seq) {
        auto message = std::make_shared<const std::string>(
            "{\"type\": \"operation\", \"payload\": {\"fromSeq\": " + std::to_string(from_seq) +
            ", \"toSeq\": " + std::to_string(to_seq) + ", \"operations\": [" + applied + "]}}");
        // The sender already has its ops (and their seqs, in the ack); when
        // several clients' ops share the message, everyone gets it and a
        // client skips its own.
        if (senders.size() > 1) senders.clear();
        hub_.applied(file_id, from_seq, to_seq, message, senders, earliest);
    }
}

}  // namespace vellum::gateway
