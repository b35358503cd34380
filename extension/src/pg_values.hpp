// Small conversions between PostgreSQL values and C++ ones.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/uuid.h"
}

#include <string>
#include <vector>

namespace vellum::pg {

std::string uuid_text(const pg_uuid_t& id);

// n new ids, time-ordered (UUID version 7, RFC 9562: 48 bits of Unix
// milliseconds, then a counter and random bits). The log's rows get these
// rather than gen_random_uuid()'s: its primary key then grows at its right
// edge instead of at a random leaf, which on a log larger than shared_buffers
// costs a page read and, after each checkpoint, a full-page image per op.
std::vector<pg_uuid_t> time_ordered_uuids(size_t n);
// The server's wall clock, in Unix milliseconds (what clients' clocks count).
int64 now_unix_ms();

}  // namespace vellum::pg
