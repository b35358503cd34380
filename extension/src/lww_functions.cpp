// vellum.lww_merge and vellum.lww_values: the merge rule, callable from SQL.
#include "jsonb_codec.hpp"
#include "pg_bridge.hpp"

#include "../core/registers.hpp"

extern "C" {
#include "utils/errcodes.h"
}

namespace {

using vellum::core::Json;
using vellum::core::RegisterMap;

RegisterMap registers_argument(FunctionCallInfo fcinfo, int index, const char* name) {
    Json json = vellum::pg::datum_to_json(PG_GETARG_DATUM(index));
    std::string why;
    auto map = vellum::core::registers_from_json(json, &why);
    if (!map)
        throw vellum::pg::SqlError(ERRCODE_INVALID_PARAMETER_VALUE, std::string(name) + " is not a register map", why,
                                   "a register map looks like {\"fill\": {\"v\": \"#ff0000\", \"t\": 1700000000000, "
                                   "\"c\": \"client-a\"}}");
    return std::move(*map);
}

}  // namespace

VELLUM_FUNCTION(vellum_lww_merge) {
    RegisterMap a = registers_argument(fcinfo, 0, "the first argument");
    RegisterMap b = registers_argument(fcinfo, 1, "the second argument");
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(vellum::core::to_json(vellum::core::merge(a, b))));
}

VELLUM_FUNCTION(vellum_lww_values) {
    RegisterMap registers = registers_argument(fcinfo, 0, "registers");
    PG_RETURN_JSONB_P(vellum::pg::json_to_jsonb(vellum::core::values_of(registers)));
}
