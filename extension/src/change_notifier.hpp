// One NOTIFY vellum_changes per file per committed transaction (sent by the
// transaction itself, or after its commit by the change relay: change_relay.hpp).
//
// Ingestion records the sequence range it gave each file; at pre-commit the
// ranges become notifications, so listeners hear of a change only once it
// commits, and a batch of any size costs one small payload. Ranges recorded
// in a subtransaction that rolls back are forgotten with it.
#pragma once

#include <vector>

#include "change_relay.hpp"

extern "C" {
#include "postgres.h"
#include "utils/uuid.h"
}

namespace vellum::pg {

constexpr const char* kChangesChannel = "vellum_changes";

void register_change_notifier();
// Sends one notification per file of changes (its ranges merged); sorts changes.
void notify_changes(std::vector<ChangeRange>& changes);
void record_change(const pg_uuid_t& file_id, int64 first_seq, int64 last_seq);

}  // namespace vellum::pg
