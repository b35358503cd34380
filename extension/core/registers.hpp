// Last-writer-wins registers: the merge rule of the whole system.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "json.hpp"

namespace vellum::core {

// One property's value with its writer's stamp: t is the writer's hybrid
// logical clock in milliseconds, c the writer's client id (the tie-break).
struct Register {
    Json value;
    int64_t t = 0;
    std::string c;
};

// Orders registers by (t, c) and, when those are equal, by value, so that two
// writers that somehow share a stamp still converge on one value whatever
// order the merges happen in.
int compare(const Register& a, const Register& b);

using RegisterMap = std::map<std::string, Register>;

// Puts candidate into map[key] when it is strictly greater than what is
// there (or nothing is); returns whether it did.
bool merge_register(RegisterMap& map, const std::string& key, const Register& candidate);

// Per property, the greater register. Commutative, associative, idempotent.
RegisterMap merge(const RegisterMap& a, const RegisterMap& b);

// {"prop": {"v": value, "t": 123, "c": "client"}, ...}
Json to_json(const Register& reg);
Json to_json(const RegisterMap& map);

// Reads a register ({"v", "t", "c"}); on failure says what is wrong.
std::optional<Register> register_from_json(const Json& json, std::string* error);
// Reads a register map; on failure says which property is wrong and why.
std::optional<RegisterMap> registers_from_json(const Json& json, std::string* error);

// The plain {"prop": value} view. A register holding null means the property
// is unset, so it is left out.
Json values_of(const RegisterMap& map);

}  // namespace vellum::core
