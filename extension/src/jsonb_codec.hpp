// jsonb <-> core::Json through PostgreSQL's jsonb API (JsonbIterator in,
// pushJsonbValue out): no round trip through text.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/jsonb.h"
}

#include "../core/json.hpp"

namespace vellum::pg {

core::Json jsonb_to_json(Jsonb* jsonb);
// The jsonb is allocated in the current memory context.
Jsonb* json_to_jsonb(const core::Json& json);
// Reads a jsonb Datum (detoasting it when needed).
core::Json datum_to_json(Datum datum);

}  // namespace vellum::pg
