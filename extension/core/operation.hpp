// The operation a client sends, and the checks that need no document state.
#pragma once

#include <optional>
#include <string>

#include "json.hpp"

namespace vellum::core {

enum class OpType { Create, Update, Delete, Move };

const char* op_type_name(OpType type);
std::optional<OpType> op_type_from_name(const std::string& name);

struct Limits {
    // Largest newValue accepted, as JSON text.
    size_t max_value_bytes = 262144;
    // How far a timestamp may run ahead of the server clock.
    int64_t max_clock_skew_ms = 60000;
};

constexpr size_t kMaxObjectIdLength = 100;   // operations.object_id
constexpr size_t kMaxClientIdLength = 100;   // operations.client_id
constexpr size_t kMaxPropertyPathLength = 255;
constexpr size_t kMaxIdempotencyKeyLength = 255;

struct Op {
    Json id;                       // the client's op id, echoed in results
    std::string idempotency_key;   // empty: no deduplication
    OpType type = OpType::Update;
    std::string object_id;
    std::optional<std::string> property_path;
    Json new_value;
    int64_t timestamp = 0;
    std::string client_id;
};

struct ParsedOp {
    std::optional<Op> op;  // empty when the op is malformed
    Json id;               // whatever id the op carried, for the result
    std::string error;     // why it is malformed
};

// Reads one op from its JSON form (the seeds' field names) and checks its
// shape and every property value it carries.
ParsedOp parse_op(const Json& json, const Limits& limits);

// Why value cannot be the value of property name, or nothing when it can.
std::optional<std::string> validate_property(const std::string& name, const Json& value);

// Why an object as documents show it ({"id", "type", ...values}) is not
// valid, or nothing when it is: the checks a create op gets.
std::optional<std::string> validate_object(const Json& object);

// Characters (UTF-8 code points) in text: the unit of varchar lengths.
size_t utf8_length(const std::string& text);

// The object types a designer can make.
bool is_object_type(const std::string& type);
// Types that may hold children.
bool is_container_type(const std::string& type);

}  // namespace vellum::core
