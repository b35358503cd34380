#include "change_notifier.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "pg_bridge.hpp"
#include "pg_values.hpp"

extern "C" {
#include "access/xact.h"
#include "commands/async.h"
}

namespace vellum::pg {

namespace {

struct PendingChange {
    pg_uuid_t file_id;
    int64 first_seq;
    int64 last_seq;
    SubTransactionId subxact;
};

// Trivially destructible elements, kept outside any PostgreSQL memory context
// so that they outlive the statement that recorded them.
std::vector<PendingChange> pending;

void send_notifications() {
    // Merge the ranges of each file, then send one payload per file.
    std::sort(pending.begin(), pending.end(), [](const PendingChange& a, const PendingChange& b) {
        return std::memcmp(a.file_id.data, b.file_id.data, UUID_LEN) < 0;
    });
    size_t i = 0;
    while (i < pending.size()) {
        PendingChange merged = pending[i];
        size_t j = i + 1;
        for (; j < pending.size() && std::memcmp(pending[j].file_id.data, merged.file_id.data, UUID_LEN) == 0; ++j) {
            merged.first_seq = std::min(merged.first_seq, pending[j].first_seq);
            merged.last_seq = std::max(merged.last_seq, pending[j].last_seq);
        }
        char payload[160];
        std::snprintf(payload, sizeof payload, "{\"fileId\": \"%s\", \"fromSeq\": %lld, \"toSeq\": %lld}",
                      uuid_text(merged.file_id).c_str(),
                      static_cast<long long>(merged.first_seq), static_cast<long long>(merged.last_seq));
        Async_Notify(kChangesChannel, payload);
        i = j;
    }
}

void on_xact(XactEvent event, void*) {
    switch (event) {
    case XACT_EVENT_PRE_COMMIT:
    case XACT_EVENT_PRE_PREPARE:
        // PreCommit_Notify runs after these callbacks, so these notifications
        // join the commit like a NOTIFY statement would.
        if (!pending.empty()) send_notifications();
        pending.clear();
        break;
    case XACT_EVENT_COMMIT:
    case XACT_EVENT_ABORT:
    case XACT_EVENT_PARALLEL_COMMIT:
    case XACT_EVENT_PARALLEL_ABORT:
        pending.clear();
        break;
    default: break;
    }
}

void on_subxact(SubXactEvent event, SubTransactionId subxact, SubTransactionId parent, void*) {
    if (event == SUBXACT_EVENT_ABORT_SUB) {
        pending.erase(std::remove_if(pending.begin(), pending.end(),
                                     [&](const PendingChange& c) { return c.subxact == subxact; }),
                      pending.end());
    } else if (event == SUBXACT_EVENT_COMMIT_SUB) {
        for (auto& c : pending)
            if (c.subxact == subxact) c.subxact = parent;
    }
}

}  // namespace

void register_change_notifier() {
    RegisterXactCallback(on_xact, nullptr);
    RegisterSubXactCallback(on_subxact, nullptr);
}

void record_change(const pg_uuid_t& file_id, int64 first_seq, int64 last_seq) {
    pending.push_back({file_id, first_seq, last_seq, GetCurrentSubTransactionId()});
}

}  // namespace vellum::pg
