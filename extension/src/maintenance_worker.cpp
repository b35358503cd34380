// The maintenance worker: the periodic jobs of the seeds, run by the database
// itself when the library is in shared_preload_libraries. Every
// vellum.auto_save_interval seconds it saves an auto version of each file
// edited since its newest version (vellum.files_to_auto_save, one transaction
// per file, so a file's row is locked only while its own version is written);
// once a day, in the hour vellum.cleanup_hour, it runs vellum.cleanup(). The
// postmaster starts it after every start and restarts it 10 s after a crash.
//
// Written in PostgreSQL's C style (no C++ objects with destructors): errors
// here unwind with longjmp.
#include "maintenance_worker.hpp"

extern "C" {
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "pgtime.h"

PGDLLEXPORT void vellum_maintenance_main(Datum);
}

namespace {

char* database_name = nullptr;
int auto_save_interval_s = 30;
int cleanup_hour = 3;

// Runs sql in a transaction of its own; returns the first column of the
// first row (copied into `into`), or nullptr when there is none.
char* run_in_transaction(const char* sql, MemoryContext into) {
    char* first = nullptr;
    SetCurrentStatementStartTimestamp();
    StartTransactionCommand();
    SPI_connect();
    PushActiveSnapshot(GetTransactionSnapshot());
    pgstat_report_activity(STATE_RUNNING, sql);
    if (SPI_execute(sql, false, 0) >= 0 && SPI_processed > 0 && SPI_tuptable != nullptr) {
        char* value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
        if (value != nullptr) first = MemoryContextStrdup(into, value);
    }
    SPI_finish();
    PopActiveSnapshot();
    CommitTransactionCommand();
    pgstat_report_activity(STATE_IDLE, nullptr);
    return first;
}

// After an error in a job: logged, and its transaction rolled back, so that
// the worker goes on with the next file or the next round.
void recover_from_error(MemoryContext cycle) {
    MemoryContextSwitchTo(cycle);
    EmitErrorReport();
    FlushErrorState();
    AbortCurrentTransaction();
    pgstat_report_activity(STATE_IDLE, nullptr);
}

bool extension_installed(MemoryContext cycle) {
    static bool told = false;
    // The view arrived in 0.2.0: an older installation is waited for too.
    char* found = run_in_transaction(
        "SELECT 1 FROM pg_extension WHERE extname = 'vellum' AND to_regclass('vellum.files_to_auto_save') IS NOT NULL",
        cycle);
    if (found == nullptr && !told)
        ereport(LOG, (errmsg("vellum maintenance: database \"%s\" has no vellum extension of version 0.2.0 or later; "
                             "waiting (CREATE EXTENSION vellum, or ALTER EXTENSION vellum UPDATE)",
                             database_name)));
    told = found == nullptr;
    return found != nullptr;
}

// One auto-save round. A file whose snapshot fails (removed meanwhile, say)
// is logged and skipped; the others are saved.
void auto_save_round(MemoryContext cycle) {
    TimestampTz started = GetCurrentTimestamp();
    char* ids = run_in_transaction(
        "SELECT string_agg(file_id::text, ' ' ORDER BY file_id) FROM vellum.files_to_auto_save", cycle);
    if (ids == nullptr) return;  // nothing changed since the last round
    volatile int saved = 0, failed = 0;  // changed inside PG_TRY
    for (char* id = strtok(ids, " "); id != nullptr; id = strtok(nullptr, " ")) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT version_number FROM vellum.snapshot('%s'::uuid)", id);  // a uuid from the database
        PG_TRY();
        {
            run_in_transaction(sql, cycle);
            saved++;
        }
        PG_CATCH();
        {
            recover_from_error(cycle);
            failed++;
        }
        PG_END_TRY();
    }
    long secs;
    int usecs;
    TimestampDifference(started, GetCurrentTimestamp(), &secs, &usecs);
    ereport(LOG, (errmsg("vellum maintenance: auto-saved %d file(s) in %ld ms%s", saved, secs * 1000 + usecs / 1000,
                         failed ? psprintf(", %d failed (see above)", failed) : "")));
}

void daily_cleanup(MemoryContext cycle) {
    PG_TRY();
    {
        char* counts = run_in_transaction("SELECT vellum.cleanup()::text", cycle);
        ereport(LOG, (errmsg("vellum maintenance: daily cleanup: %s", counts ? counts : "{}")));
    }
    PG_CATCH();
    {
        recover_from_error(cycle);
    }
    PG_END_TRY();
}

}  // namespace

extern "C" void vellum_maintenance_main(Datum) {
    pqsignal(SIGHUP, SignalHandlerForConfigReload);
    pqsignal(SIGTERM, die);
    BackgroundWorkerUnblockSignals();
    BackgroundWorkerInitializeConnection(database_name, nullptr, 0);
    pgstat_report_appname("vellum maintenance");
    ereport(LOG, (errmsg("vellum maintenance: started in database \"%s\" (auto-save every %d s, daily cleanup at "
                         "%d:00)",
                         database_name, auto_save_interval_s, cleanup_hour)));

    // What one pass allocates goes here, and is reset after it.
    MemoryContext cycle = AllocSetContextCreate(TopMemoryContext, "vellum maintenance", ALLOCSET_DEFAULT_SIZES);
    TimestampTz last_auto_save = GetCurrentTimestamp();
    int cleaned_on = -1;  // day of the year of the last cleanup
    for (;;) {
        (void)WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1000L, PG_WAIT_EXTENSION);
        ResetLatch(MyLatch);
        CHECK_FOR_INTERRUPTS();
        if (ConfigReloadPending) {
            ConfigReloadPending = false;
            ProcessConfigFile(PGC_SIGHUP);
        }
        MemoryContextSwitchTo(cycle);
        TimestampTz now = GetCurrentTimestamp();
        bool save_due = auto_save_interval_s > 0 &&
                        TimestampDifferenceExceeds(last_auto_save, now, auto_save_interval_s * 1000);
        pg_time_t wall = timestamptz_to_time_t(now);
        struct pg_tm* local = pg_localtime(&wall, log_timezone);
        bool cleanup_due = cleanup_hour >= 0 && local != nullptr && local->tm_hour == cleanup_hour &&
                           local->tm_yday != cleaned_on;
        if ((save_due || cleanup_due) && extension_installed(cycle)) {
            if (save_due) auto_save_round(cycle);
            if (cleanup_due) {
                daily_cleanup(cycle);
                cleaned_on = local->tm_yday;
            }
        }
        if (save_due) last_auto_save = now;
        MemoryContextReset(cycle);
    }
}

namespace vellum::pg {

void define_maintenance_settings() {
    DefineCustomStringVariable("vellum.database", "The database whose files the maintenance worker keeps.", nullptr,
                               &database_name, "vellum", PGC_POSTMASTER, 0, nullptr, nullptr, nullptr);
    DefineCustomIntVariable("vellum.auto_save_interval",
                            "Seconds between auto-save rounds of the maintenance worker; 0 turns them off.",
                            "Each round saves a version of every file edited since its newest version.",
                            &auto_save_interval_s, 30, 0, 86400, PGC_SIGHUP, GUC_UNIT_S, nullptr, nullptr, nullptr);
    DefineCustomIntVariable("vellum.cleanup_hour",
                            "The hour (0-23, server time) in which the maintenance worker runs vellum.cleanup() each "
                            "day; -1 turns it off.",
                            nullptr, &cleanup_hour, 3, -1, 23, PGC_SIGHUP, 0, nullptr, nullptr, nullptr);
}

const char* maintenance_database() { return database_name; }

void register_worker(const char* function, const char* name, int restart_seconds) {
    BackgroundWorker worker;
    memset(&worker, 0, sizeof worker);
    worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
    worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
    worker.bgw_restart_time = restart_seconds;
    snprintf(worker.bgw_library_name, BGW_MAXLEN, "vellum");
    snprintf(worker.bgw_function_name, BGW_MAXLEN, "%s", function);
    snprintf(worker.bgw_name, BGW_MAXLEN, "%s", name);
    snprintf(worker.bgw_type, BGW_MAXLEN, "%s", name);
    RegisterBackgroundWorker(&worker);
}

void register_maintenance_worker() { register_worker("vellum_maintenance_main", "vellum maintenance", 10); }

}  // namespace vellum::pg
