// Small conversions between PostgreSQL values and C++ ones.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/uuid.h"
}

#include <string>

namespace vellum::pg {

std::string uuid_text(const pg_uuid_t& id);
// The server's wall clock, in Unix milliseconds (what clients' clocks count).
int64 now_unix_ms();

}  // namespace vellum::pg
