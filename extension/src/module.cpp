// Loading the library: settings, transaction callbacks and, when preloaded,
// the maintenance worker and the change relay.
#include <climits>

#include "change_notifier.hpp"
#include "change_relay.hpp"
#include "maintenance_worker.hpp"
#include "settings.hpp"

extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void _PG_init(void);
}

namespace vellum::pg {

namespace {
int max_clock_skew_ms = 60000;
int max_value_bytes = 262144;
int max_batch = 10000;
// Read by vellum.snapshot (SQL) through current_setting: defined here so that
// SET checks it and SHOW lists it.
int checkpoint_every_ops = 1000;
}  // namespace

void define_settings() {
    // SUSET: a client must not be able to widen its own limits.
    DefineCustomIntVariable("vellum.max_clock_skew_ms",
                            "How far ahead of the server clock an op's timestamp may be.",
                            "Ops further ahead are rejected, so a client whose clock runs fast cannot win every "
                            "conflict.",
                            &max_clock_skew_ms, 60000, 0, INT_MAX, PGC_SUSET, GUC_UNIT_MS, nullptr, nullptr, nullptr);
    DefineCustomIntVariable("vellum.max_value_bytes", "Largest newValue an op may carry, as JSON text.", nullptr,
                            &max_value_bytes, 262144, 16, 64 * 1024 * 1024, PGC_SUSET, GUC_UNIT_BYTE, nullptr,
                            nullptr, nullptr);
    DefineCustomIntVariable("vellum.max_batch_ops", "Most ops one apply_ops call may carry.", nullptr, &max_batch,
                            10000, 1, 1000000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
    DefineCustomIntVariable("vellum.checkpoint_every_ops",
                            "Fewest ops between two versions that keep their registers for time travel.",
                            "vellum.rebuild replays the log from the newest such version: a smaller value makes "
                            "time travel faster and versions larger.",
                            &checkpoint_every_ops, 1000, 1, INT_MAX, PGC_USERSET, 0, nullptr, nullptr, nullptr);
    if (process_shared_preload_libraries_in_progress) {
        define_maintenance_settings();
        register_change_relay();
    }
    MarkGUCPrefixReserved("vellum");
}

core::Limits current_limits() {
    core::Limits limits;
    limits.max_clock_skew_ms = max_clock_skew_ms;
    limits.max_value_bytes = static_cast<size_t>(max_value_bytes);
    return limits;
}

int max_batch_ops() { return max_batch; }

}  // namespace vellum::pg

void _PG_init(void) {
    vellum::pg::define_settings();
    vellum::pg::register_change_notifier();
    if (process_shared_preload_libraries_in_progress) vellum::pg::register_maintenance_worker();
}
