#include "pg_values.hpp"

#include "pg_bridge.hpp"

extern "C" {
#include "datatype/timestamp.h"
#include "utils/errcodes.h"
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

std::vector<pg_uuid_t> time_ordered_uuids(size_t n) {
    // One draw from the strong random source per call, spread by splitmix64
    // over the ids: 74 random bits per id (a 12-bit counter from a random
    // start, then 62 bits) under the same millisecond.
    uint64 seed[2] = {0, 0};
    if (!pg_strong_random(seed, sizeof(seed)))
        throw SqlError(ERRCODE_INTERNAL_ERROR, "vellum: could not generate random bytes for operation ids");
    auto next = [state = seed[0]]() mutable {
        uint64 z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    const uint64 ms = static_cast<uint64>(now_unix_ms());
    uint64 counter = seed[1] & 0x7FF;  // room below 4096 for most batches before it wraps
    std::vector<pg_uuid_t> out(n);
    for (auto& id : out) {
        const uint64 rand_a = counter++ & 0xFFF;
        const uint64 rand_b = next();
        for (int i = 0; i < 6; ++i) id.data[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
        id.data[6] = static_cast<unsigned char>(0x70 | (rand_a >> 8));  // version 7
        id.data[7] = static_cast<unsigned char>(rand_a);
        id.data[8] = static_cast<unsigned char>(0x80 | ((rand_b >> 56) & 0x3F));  // variant 10
        for (int i = 9; i < 16; ++i) id.data[i] = static_cast<unsigned char>(rand_b >> (8 * (15 - i)));
    }
    return out;
}

}  // namespace vellum::pg
