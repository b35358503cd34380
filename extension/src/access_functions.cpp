// vellum.file_access in C (from 0.2.0): the same query as the ingestion path's
// access check, prepared once per backend, where 0.1.0's LANGUAGE sql
// function was planned again on every call.
#include "file_ingest.hpp"
#include "pg_bridge.hpp"
#include "spi_statement.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/uuid.h"
}

VELLUM_FUNCTION(vellum_file_access) {
    pg_uuid_t file_id = *PG_GETARG_UUID_P(0);
    pg_uuid_t user_id = *PG_GETARG_UUID_P(1);
    vellum::pg::SpiConnection spi;
    std::optional<std::string> access = vellum::pg::file_access(file_id, user_id);
    spi.finish();
    if (!access) PG_RETURN_NULL();
    text* result = nullptr;
    vellum::pg::pg_guard([&] { result = cstring_to_text_with_len(access->data(), static_cast<int>(access->size())); });
    PG_RETURN_TEXT_P(result);
}
