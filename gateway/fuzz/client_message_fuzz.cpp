// libFuzzer target: the gateway's parser of client WebSocket messages
// (parse_client_message), on arbitrary bytes as one text message. No crash
// and no UB (ASan, UBSan); a refusal carries a known code and becomes an
// error message that is valid JSON and UTF-8 (a browser fails the socket on
// an invalid text frame); an accepted message satisfies the protocol's
// invariants (canonical file ids, bounded counts, normalised presence) and,
// encoded again from what was parsed, parses to the same message.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "fuzz_check.hpp"
#include "rooms/protocol.hpp"
#include "support/json_parse.hpp"
#include "support/json_text.hpp"
#include "support/uuid.hpp"

using namespace vellum::gateway;

namespace {

const char* type_name(MessageType type) {
    switch (type) {
    case MessageType::Subscribe: return "subscribe";
    case MessageType::Unsubscribe: return "unsubscribe";
    case MessageType::Operation: return "operation";
    case MessageType::Presence: return "presence";
    case MessageType::Catchup: return "catchup";
    case MessageType::Ping: return "ping";
    case MessageType::WatchFiles: return "watch_files";
    }
    return "unknown";
}

// The message as a client would send it, from what the gateway kept of it.
std::string encode(const ClientMessage& m) {
    std::string payload = "{}";
    switch (m.type) {
    case MessageType::Subscribe: payload = "{\"fileId\": " + json_quote(m.file_id) + "}"; break;
    case MessageType::Catchup: payload = "{\"afterSeq\": " + std::to_string(m.after_seq) + "}"; break;
    case MessageType::Operation: payload = "{\"operations\": " + m.operations_json + "}"; break;
    case MessageType::Presence: payload = m.presence_json; break;
    default: break;
    }
    std::string text = "{\"type\": \"" + std::string(type_name(m.type)) + "\", \"payload\": " + payload;
    if (!m.request_id.empty()) text += ", \"requestId\": " + json_quote(m.request_id);
    return text + "}";
}

bool same_message(const ClientMessage& a, const ClientMessage& b) {
    return a.type == b.type && a.request_id == b.request_id && a.file_id == b.file_id && a.after_seq == b.after_seq &&
           a.operations_json == b.operations_json && a.op_ids == b.op_ids &&
           a.idempotency_keys == b.idempotency_keys && a.presence_json == b.presence_json;
}

void check_json(const std::string& text, const char* what) {
    rapidjson::Document doc;
    auto error = parse_json(text, doc);
    FUZZ_CHECK(!error, std::string(what) + " is not valid JSON: " + error.value_or("") + ": " + text);
}

void check_presence(const std::string& text, const ProtocolLimits& limits) {
    rapidjson::Document doc;
    FUZZ_CHECK(!parse_json(text, doc) && doc.IsObject(), "presence is not an object: " + text);
    FUZZ_CHECK(doc.MemberCount() == 3 && doc.HasMember("cursor") && doc.HasMember("selection") &&
                   doc.HasMember("viewport"),
               "presence holds other than cursor, selection, viewport: " + text);
    FUZZ_CHECK(doc["selection"].IsArray() && doc["selection"].Size() <= limits.max_selection,
               "selection over its bound: " + text);
    for (const auto& id : doc["selection"].GetArray())
        FUZZ_CHECK(id.IsString() && id.GetStringLength() >= 1 && id.GetStringLength() <= 100,
                   "selection holds a bad id: " + text);
    const auto& vp = doc["viewport"];
    if (!vp.IsNull()) FUZZ_CHECK(vp["zoom"].IsNumber() && vp["zoom"].GetDouble() > 0, "zoom not above 0: " + text);
}

void check_accepted(const ClientMessage& m, const ProtocolLimits& limits, const std::string& input) {
    FUZZ_CHECK(m.request_id.size() <= 100 && vellum::fuzz::well_formed_utf8(m.request_id), "bad requestId: " + input);
    switch (m.type) {
    case MessageType::Subscribe:
        FUZZ_CHECK(canonical_uuid(m.file_id) == m.file_id, "file id not canonical: " + m.file_id);
        break;
    case MessageType::Catchup: FUZZ_CHECK(m.after_seq >= 0, "negative afterSeq: " + input); break;
    case MessageType::Operation: {
        rapidjson::Document ops;
        FUZZ_CHECK(!parse_json(m.operations_json, ops) && ops.IsArray(), "ops are not an array: " + m.operations_json);
        FUZZ_CHECK(ops.Size() >= 1 && ops.Size() <= limits.max_ops_per_message, "op count out of bounds: " + input);
        FUZZ_CHECK(m.op_ids.size() == ops.Size(), "one id per op: " + input);
        FUZZ_CHECK(m.idempotency_keys.size() <= ops.Size(), "more keys than ops: " + input);
        for (const auto& id : m.op_ids) check_json(id, "an op id");
        break;
    }
    case MessageType::Presence: check_presence(m.presence_json, limits); break;
    default: break;
    }
    // The size bound is on what arrives; the re-encoding may be longer (1 becomes 1.0).
    ProtocolLimits unbounded_size = limits;
    unbounded_size.max_message_bytes = SIZE_MAX;
    std::string again_text = encode(m);
    ParseResult again = parse_client_message(again_text, unbounded_size);
    auto* same = std::get_if<ClientMessage>(&again);
    FUZZ_CHECK(same, "the re-encoded message is refused: " + again_text + ": " +
                         (same ? "" : std::get<ProtocolError>(again).message));
    FUZZ_CHECK(same_message(*same, m), "the re-encoded message parses differently: " + again_text);
}

void check_refused(const ProtocolError& e, const std::string& input) {
    static const std::set<std::string> codes = {"too_large", "invalid_json", "invalid_message", "too_many_ops",
                                                "unknown_type"};
    FUZZ_CHECK(codes.count(e.code) == 1, "unknown error code " + e.code + " for " + input);
    FUZZ_CHECK(!e.message.empty(), "a refusal without a message: " + input);
    // What the client receives must be JSON a browser reads (it may echo a
    // NUL of the input, escaped, so the gateway's stricter reader is not it).
    std::string reply = error_message(e.code, e.message, "r1");
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(reply.data(), reply.size());
    FUZZ_CHECK(!doc.HasParseError() && doc.IsObject(), "the error message is not JSON: " + reply);
    FUZZ_CHECK(vellum::fuzz::well_formed_utf8(reply), "the error message is not UTF-8: " + reply);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    // The gateway's limits, and small ones so that every bound is reached.
    ProtocolLimits small;
    small.max_message_bytes = 512;
    small.max_ops_per_message = 3;
    small.max_selection = 2;
    for (const ProtocolLimits& limits : {ProtocolLimits{}, small}) {
        ParseResult result = parse_client_message(input, limits);
        if (auto* m = std::get_if<ClientMessage>(&result))
            check_accepted(*m, limits, input);
        else
            check_refused(std::get<ProtocolError>(result), input);
    }
    return 0;
}
