#include "pg_values.hpp"

extern "C" {
#include "datatype/timestamp.h"
#include "utils/timestamp.h"
}

namespace vellum::pg {

std::string uuid_text(const pg_uuid_t& id) {
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < UUID_LEN; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[id.data[i] >> 4];
        out += hex[id.data[i] & 0xF];
    }
    return out;
}

int64 now_unix_ms() {
    TimestampTz now = GetCurrentTimestamp();  // microseconds since 2000-01-01
    const int64 epoch_offset_us =
        static_cast<int64>(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY * USECS_PER_SEC;
    return (now + epoch_offset_us) / 1000;
}

}  // namespace vellum::pg
