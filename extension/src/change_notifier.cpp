#include "change_notifier.hpp"

#include "change_relay.hpp"

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
    ChangeRange range;
    SubTransactionId subxact;
};

// Trivially destructible elements, kept outside any PostgreSQL memory context
// so that they outlive the statement that recorded them.
std::vector<PendingChange> pending;
std::vector<ChangeRange> ranges;  // pending's ranges, for notify_changes or the relay
// Set at pre-commit when the relay will notify for this transaction, after its commit.
bool relayed = false;

void take_ranges() {
    ranges.clear();
    for (const auto& c : pending) ranges.push_back(c.range);
    pending.clear();
}

void on_xact(XactEvent event, void*) {
    switch (event) {
    case XACT_EVENT_PRE_COMMIT:
    case XACT_EVENT_PRE_PREPARE:
        if (pending.empty()) break;
        take_ranges();
        // A prepared transaction commits later, elsewhere: it notifies itself.
        relayed = event == XACT_EVENT_PRE_COMMIT && change_relay_serves_this_database();
        // PreCommit_Notify runs after these callbacks, so these notifications
        // join the commit like a NOTIFY statement would.
        if (!relayed) notify_changes(ranges);
        break;
    case XACT_EVENT_COMMIT:
        if (relayed) hand_to_change_relay(ranges.data(), ranges.size());
        pending.clear();
        relayed = false;
        break;
    case XACT_EVENT_ABORT:
    case XACT_EVENT_PARALLEL_COMMIT:
    case XACT_EVENT_PARALLEL_ABORT:
        pending.clear();
        relayed = false;
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

void notify_changes(std::vector<ChangeRange>& changes) {
    // Merge the ranges of each file, then send one payload per file.
    std::sort(changes.begin(), changes.end(), [](const ChangeRange& a, const ChangeRange& b) {
        return std::memcmp(a.file_id.data, b.file_id.data, UUID_LEN) < 0;
    });
    size_t i = 0;
    while (i < changes.size()) {
        ChangeRange merged = changes[i];
        size_t j = i + 1;
        for (; j < changes.size() && std::memcmp(changes[j].file_id.data, merged.file_id.data, UUID_LEN) == 0; ++j) {
            merged.first_seq = std::min(merged.first_seq, changes[j].first_seq);
            merged.last_seq = std::max(merged.last_seq, changes[j].last_seq);
        }
        char payload[160];
        std::snprintf(payload, sizeof payload, "{\"fileId\": \"%s\", \"fromSeq\": %lld, \"toSeq\": %lld}",
                      uuid_text(merged.file_id).c_str(),
                      static_cast<long long>(merged.first_seq), static_cast<long long>(merged.last_seq));
        Async_Notify(kChangesChannel, payload);
        i = j;
    }
}

void register_change_notifier() {
    RegisterXactCallback(on_xact, nullptr);
    RegisterSubXactCallback(on_subxact, nullptr);
}

void record_change(const pg_uuid_t& file_id, int64 first_seq, int64 last_seq) {
    pending.push_back({{file_id, first_seq, last_seq}, GetCurrentSubTransactionId()});
}

}  // namespace vellum::pg
