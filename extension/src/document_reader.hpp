// vellum.document()'s result, read straight from the stored registers.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/jsonb.h"
#include "utils/uuid.h"
}

namespace vellum::pg {

// {"fileId", "seq", "objects": [...]} of the file's live objects, sorted by
// id. Runs inside an SPI connection; the result is allocated in result_context
// (the caller's, which outlives SPI_finish).
Jsonb* document_jsonb(const pg_uuid_t& file_id, int64 seq, MemoryContext result_context);

}  // namespace vellum::pg
