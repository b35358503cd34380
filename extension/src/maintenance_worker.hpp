// The maintenance worker (auto-save and daily cleanup), present when the
// library is loaded through shared_preload_libraries.
#pragma once

namespace vellum::pg {

// Its settings (vellum.database, vellum.auto_save_interval, vellum.cleanup_hour);
// defined only while preloading, as a PGC_POSTMASTER setting must be.
void define_maintenance_settings();
void register_maintenance_worker();

}  // namespace vellum::pg
