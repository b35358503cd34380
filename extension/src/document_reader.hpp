// vellum.document()'s result, read straight from the stored registers.
#pragma once

#include <string>

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

// The same document as JSON text, written directly (what the gateway sends):
// no jsonb is built and printed for it. Runs inside an SPI connection.
std::string document_text(const pg_uuid_t& file_id, int64 seq);

}  // namespace vellum::pg
