// The change relay (see change_relay.hpp): a ring of seq ranges in shared
// memory, filled by committing backends and drained by the relay worker.
//
// The worker is written in PostgreSQL's C style (no C++ objects with
// destructors on its stack): an error there ends the process, and the
// postmaster starts it again a second later; what it had taken from the ring
// and not yet notified is lost with it, and logged by the error. Ranges still
// in the ring wait for the next worker.
#include "change_relay.hpp"

#include <cstring>
#include <vector>

#include "change_notifier.hpp"
#include "maintenance_worker.hpp"

extern "C" {
#include "access/xact.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "tcop/tcopprot.h"
#include "utils/guc.h"

PGDLLEXPORT void vellum_change_relay_main(Datum);
}

namespace vellum::pg {

namespace {

// 16,384 ranges of 32 bytes: half a megabyte, many seconds of commits.
constexpr uint64 kCapacity = 16384;
// The most ranges one relay transaction notifies.
constexpr size_t kBatch = 4096;
// How long a committing backend waits for a relay that is not running before
// it gives up on its ranges (the worker is restarted a second after it ends).
constexpr int kGiveUpMs = 10000;

struct RelayShared {
    slock_t mutex;
    Oid database;   // the relay's database, InvalidOid while it is not running
    Latch* latch;   // the relay's latch, null while it is not running
    uint64 head;    // ranges ever put in
    uint64 tail;    // ranges ever taken out
    uint64 dropped; // ranges given up on (no relay for kGiveUpMs)
    ChangeRange ring[kCapacity];
};

bool enabled = true;
RelayShared* shared = nullptr;
shmem_request_hook_type previous_request_hook = nullptr;
shmem_startup_hook_type previous_startup_hook = nullptr;

void request_shared_memory() {
    if (previous_request_hook) previous_request_hook();
    RequestAddinShmemSpace(sizeof(RelayShared));
}

void attach_shared_memory() {
    if (previous_startup_hook) previous_startup_hook();
    LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
    bool found = false;
    shared = static_cast<RelayShared*>(ShmemInitStruct("vellum change relay", sizeof(RelayShared), &found));
    if (!found) {
        SpinLockInit(&shared->mutex);
        shared->database = InvalidOid;
        shared->latch = nullptr;
        shared->head = shared->tail = shared->dropped = 0;
    }
    LWLockRelease(AddinShmemInitLock);
}

void detach_relay(int, Datum) {
    SpinLockAcquire(&shared->mutex);
    shared->latch = nullptr;
    shared->database = InvalidOid;
    SpinLockRelease(&shared->mutex);
}

// Outside any memory context, so that an error in the worker leaks nothing it
// would need again (the process ends).
std::vector<ChangeRange> batch;

// Moves up to kBatch ranges from the ring into batch; returns the count of
// ranges given up on so far.
uint64 take_batch() {
    batch.clear();
    SpinLockAcquire(&shared->mutex);
    while (shared->tail < shared->head && batch.size() < kBatch) {
        batch.push_back(shared->ring[shared->tail % kCapacity]);
        shared->tail++;
    }
    uint64 dropped = shared->dropped;
    SpinLockRelease(&shared->mutex);
    return dropped;
}

}  // namespace

void register_change_relay() {
    DefineCustomBoolVariable("vellum.change_relay",
                             "Whether a background worker sends the change notifications of committed ingestion.",
                             "Off: each committing transaction notifies itself, and notifying commits are written "
                             "to disk one at a time.",
                             &enabled, true, PGC_POSTMASTER, 0, nullptr, nullptr, nullptr);
    if (!enabled) return;
    previous_request_hook = shmem_request_hook;
    shmem_request_hook = request_shared_memory;
    previous_startup_hook = shmem_startup_hook;
    shmem_startup_hook = attach_shared_memory;

    register_worker("vellum_change_relay_main", "vellum change relay", 1);
}

bool change_relay_serves_this_database() {
    if (shared == nullptr) return false;
    SpinLockAcquire(&shared->mutex);
    bool serves = shared->latch != nullptr && shared->database == MyDatabaseId;
    SpinLockRelease(&shared->mutex);
    return serves;
}

void hand_to_change_relay(const ChangeRange* ranges, size_t count) {
    if (shared == nullptr) return;
    size_t done = 0;
    int waited_ms = 0;
    while (done < count) {
        SpinLockAcquire(&shared->mutex);
        while (done < count && shared->head - shared->tail < kCapacity) {
            shared->ring[shared->head % kCapacity] = ranges[done++];
            shared->head++;
        }
        Latch* latch = shared->latch;
        if (done < count && latch == nullptr && waited_ms >= kGiveUpMs) {
            shared->dropped += count - done;
            done = count;
        }
        SpinLockRelease(&shared->mutex);
        if (latch != nullptr) SetLatch(latch);
        if (done < count) {
            // The ring is full: the relay is behind, or being restarted.
            pg_usleep(1000L);
            waited_ms++;
        }
    }
}

}  // namespace vellum::pg

using vellum::pg::batch;
using vellum::pg::shared;

extern "C" void vellum_change_relay_main(Datum) {
    pqsignal(SIGHUP, SignalHandlerForConfigReload);
    pqsignal(SIGTERM, die);
    BackgroundWorkerUnblockSignals();
    BackgroundWorkerInitializeConnection(vellum::pg::maintenance_database(), nullptr, 0);
    pgstat_report_appname("vellum change relay");
    // Its transactions carry notifications only: their commit need not wait
    // for the disk (a crash ends the listeners' connections, and they catch up).
    SetConfigOption("synchronous_commit", "off", PGC_SUSET, PGC_S_OVERRIDE);
    batch.reserve(vellum::pg::kBatch);
    before_shmem_exit(vellum::pg::detach_relay, 0);
    SpinLockAcquire(&shared->mutex);
    shared->database = MyDatabaseId;
    shared->latch = MyLatch;
    uint64 reported_dropped = shared->dropped;
    SpinLockRelease(&shared->mutex);
    ereport(LOG, (errmsg("vellum change relay: started in database \"%s\"", vellum::pg::maintenance_database())));
    for (;;) {
        ResetLatch(MyLatch);
        uint64 dropped = vellum::pg::take_batch();
        if (dropped != reported_dropped) {
            ereport(WARNING, (errmsg("vellum change relay: %llu change notification(s) were given up on while no "
                                     "relay was running; listeners see those changes with the file's next change",
                                     static_cast<unsigned long long>(dropped - reported_dropped))));
            reported_dropped = dropped;
        }
        if (batch.empty()) {
            (void)WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1000L, PG_WAIT_EXTENSION);
            CHECK_FOR_INTERRUPTS();
            if (ConfigReloadPending) {
                ConfigReloadPending = false;
                ProcessConfigFile(PGC_SIGHUP);
            }
            continue;
        }
        SetCurrentStatementStartTimestamp();
        StartTransactionCommand();
        vellum::pg::notify_changes(batch);
        CommitTransactionCommand();
        CHECK_FOR_INTERRUPTS();
    }
}
