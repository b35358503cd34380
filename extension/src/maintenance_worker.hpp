// The maintenance worker (auto-save and daily cleanup), present when the
// library is loaded through shared_preload_libraries.
#pragma once

namespace vellum::pg {

// Its settings (vellum.database, vellum.auto_save_interval, vellum.cleanup_hour);
// defined only while preloading, as a PGC_POSTMASTER setting must be.
void define_maintenance_settings();
void register_maintenance_worker();
// Registers a worker of this library that connects to a database (while preloading).
void register_worker(const char* function, const char* name, int restart_seconds);
// The database it works in (vellum.database), which the change relay serves too.
const char* maintenance_database();

}  // namespace vellum::pg
