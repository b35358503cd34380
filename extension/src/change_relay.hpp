// The change relay: NOTIFY vellum_changes sent after commit by a background
// worker, when the library is preloaded.
//
// A transaction that notifies holds PostgreSQL's notify lock from just before
// its commit until its commit record is on disk, so notifying commits never
// share an fsync: eight clients applying one op per call commit one at a time
// (about 300 commits a second on this machine's disk, against 1,600 for the
// same writes without NOTIFY). With the relay, a committing backend hands its
// files' seq ranges to the relay through shared memory once its commit is
// durable, and the relay notifies, many commits' ranges in one transaction of
// its own. Listeners still hear of a change only once it committed, and of a
// file's ranges in commit order (a file's row lock orders its commits, and the
// hand-over happens before that lock is released).
//
// Without the preload, or in another database than the relay's, or while the
// relay is not running, the committing transaction notifies itself, as before.
#pragma once

#include <cstddef>

extern "C" {
#include "postgres.h"
#include "utils/uuid.h"
}

namespace vellum::pg {

struct ChangeRange {
    pg_uuid_t file_id;
    int64 first_seq;
    int64 last_seq;
};

// While preloading: asks for the relay's shared memory and registers its worker.
void register_change_relay();

// True when the relay is running in this backend's database.
bool change_relay_serves_this_database();

// After commit: hands the ranges to the relay (waits while its queue is full).
// Never raises an error: the transaction has already committed.
void hand_to_change_relay(const ChangeRange* ranges, size_t count);

}  // namespace vellum::pg
