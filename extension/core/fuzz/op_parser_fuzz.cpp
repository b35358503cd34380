// libFuzzer target: the op parser (parse_op), on arbitrary bytes read as the
// JSON of one op or of a batch (an array of ops). An accepted op satisfies
// every invariant the database relies on (a known type, ids of 1 to 100
// characters of UTF-8, a non-negative timestamp, a newValue within the size
// limit, property values that validate, the normalised shape of its type),
// and parse_op is a normalisation: the op written back as JSON parses to the
// same op.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "operation.hpp"

using namespace vellum::core;

namespace {

void check_id(const std::string& id, size_t max_length, const char* what) {
    FUZZ_CHECK(!id.empty(), std::string(what) + " is empty");
    FUZZ_CHECK(vellum::fuzz::well_formed_utf8(id), std::string(what) + " is not UTF-8");
    FUZZ_CHECK(utf8_length(id) <= max_length, std::string(what) + " is too long: " + id);
}

// The op as a client would send it after parse_op's normalisation.
Json op_to_json(const Op& op) {
    Json j = Json::object();
    if (!op.id.is_null()) j.set("id", op.id);
    j.set("operationType", Json::string(op_type_name(op.type)));
    j.set("objectId", Json::string(op.object_id));
    j.set("timestamp", Json::number(op.timestamp));
    j.set("clientId", Json::string(op.client_id));
    if (!op.idempotency_key.empty()) j.set("idempotencyKey", Json::string(op.idempotency_key));
    if (op.property_path) j.set("propertyPath", Json::string(*op.property_path));
    if (op.type != OpType::Delete) j.set("newValue", op.new_value);
    return j;
}

bool same_op(const Op& a, const Op& b) {
    return a.id == b.id && a.idempotency_key == b.idempotency_key && a.type == b.type && a.object_id == b.object_id &&
           a.property_path == b.property_path && a.new_value == b.new_value && a.timestamp == b.timestamp &&
           a.client_id == b.client_id;
}

void check_op(const Json& json, const Limits& limits) {
    ParsedOp parsed = parse_op(json, limits);
    if (const Json* id = json.is_object() ? json.find("id") : nullptr)
        FUZZ_CHECK(parsed.id == *id, "the result does not carry the op's id");
    if (!parsed.op) {
        FUZZ_CHECK(!parsed.error.empty(), "a refusal without a reason: " + to_json_text(json));
        FUZZ_CHECK(vellum::fuzz::well_formed_utf8(parsed.error), "the reason is not UTF-8: " + parsed.error);
        return;
    }
    FUZZ_CHECK(parsed.error.empty(), "an accepted op with an error: " + parsed.error);
    const Op& op = *parsed.op;
    std::string text = to_json_text(json);
    FUZZ_CHECK(op_type_from_name(op_type_name(op.type)) == op.type, "unknown op type");
    check_id(op.object_id, kMaxObjectIdLength, "objectId");
    check_id(op.client_id, kMaxClientIdLength, "clientId");
    if (!op.idempotency_key.empty()) check_id(op.idempotency_key, kMaxIdempotencyKeyLength, "idempotencyKey");
    FUZZ_CHECK(op.timestamp >= 0, "negative timestamp: " + text);
    FUZZ_CHECK(to_json_text(op.new_value).size() <= limits.max_value_bytes, "newValue over the limit: " + text);

    switch (op.type) {
    case OpType::Create:
        FUZZ_CHECK(!op.property_path, "create with a propertyPath");
        FUZZ_CHECK(op.new_value.is_object() && !op.new_value.find("id"), "create's newValue keeps an id: " + text);
        FUZZ_CHECK(op.new_value.find("type") && op.new_value.find("type")->is_string() &&
                       is_object_type(op.new_value.find("type")->text()),
                   "create without a known type: " + text);
        for (const auto& [name, value] : op.new_value.members())
            FUZZ_CHECK(!validate_property(name, value), "create with an invalid property " + name + ": " + text);
        break;
    case OpType::Update:
        if (op.property_path) {
            FUZZ_CHECK(!validate_property(*op.property_path, op.new_value), "update with an invalid value: " + text);
        } else {
            FUZZ_CHECK(op.new_value.is_object() && !op.new_value.members().empty(), "update changes nothing: " + text);
            for (const auto& [name, value] : op.new_value.members())
                FUZZ_CHECK(!validate_property(name, value), "update with an invalid property " + name + ": " + text);
        }
        break;
    case OpType::Delete:
        FUZZ_CHECK(!op.property_path && op.new_value.is_null(), "delete keeps a path or value: " + text);
        break;
    case OpType::Move: {
        FUZZ_CHECK(!op.property_path, "move with a propertyPath");
        const Json* parent = op.new_value.find("parentId");
        const Json* index = op.new_value.find("index");
        FUZZ_CHECK(op.new_value.members().size() == 2 && parent && index, "move sets more than parentId and index");
        FUZZ_CHECK(!validate_property("parentId", *parent) && index->is_string() && !validate_property("index", *index),
                   "move with an invalid place: " + text);
        break;
    }
    }

    Json written = op_to_json(op);
    ParsedOp again = parse_op(written, limits);
    FUZZ_CHECK(again.op.has_value(), "the normalised op is refused: " + to_json_text(written) + ": " + again.error);
    FUZZ_CHECK(same_op(*again.op, op), "the normalised op parses differently: " + to_json_text(written));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto json = parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!json) return 0;
    // The default limits, and a small value limit so that the size check is reached.
    Limits small;
    small.max_value_bytes = 64;
    for (const Limits& limits : {Limits{}, small}) {
        if (json->is_array())
            for (const Json& op : json->items()) check_op(op, limits);
        else
            check_op(*json, limits);
    }
    return 0;
}
