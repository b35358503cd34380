#include "rooms/protocol.hpp"

#include <algorithm>
#include <cmath>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "support/json_parse.hpp"
#include "support/json_text.hpp"
#include "support/uuid.hpp"

namespace vellum::gateway {

namespace {

using rapidjson::Value;

ProtocolError error(std::string code, std::string message) { return {std::move(code), std::move(message)}; }

bool finite_number(const Value& v) { return v.IsNumber() && std::isfinite(v.GetDouble()); }

std::optional<ProtocolError> check_point(const Value& v, const char* name, bool with_zoom) {
    std::string n(name);
    if (!v.IsObject()) return error("invalid_message", "\"" + n + "\" must be an object");
    for (const char* key : {"x", "y"}) {
        auto it = v.FindMember(key);
        if (it == v.MemberEnd() || !finite_number(it->value))
            return error("invalid_message", "\"" + n + "." + key + "\" must be a number");
    }
    if (with_zoom) {
        auto it = v.FindMember("zoom");
        if (it == v.MemberEnd() || !finite_number(it->value) || it->value.GetDouble() <= 0)
            return error("invalid_message", "\"" + n + ".zoom\" must be a number greater than 0");
    }
    return std::nullopt;
}

}  // namespace

std::optional<ProtocolError> normalize_presence(const rapidjson::Value& p, const ProtocolLimits& limits,
                                               std::string& out_json) {
    if (!p.IsObject()) return error("invalid_message", "presence must be an object");
    rapidjson::Document out(rapidjson::kObjectType);
    auto& alloc = out.GetAllocator();
    auto cursor = p.FindMember("cursor");
    if (cursor != p.MemberEnd() && !cursor->value.IsNull()) {
        if (auto e = check_point(cursor->value, "cursor", false)) return *e;
        Value c(rapidjson::kObjectType);
        c.AddMember("x", cursor->value["x"].GetDouble(), alloc);
        c.AddMember("y", cursor->value["y"].GetDouble(), alloc);
        out.AddMember("cursor", c, alloc);
    } else {
        out.AddMember("cursor", Value(rapidjson::kNullType), alloc);
    }
    Value selection(rapidjson::kArrayType);
    auto sel = p.FindMember("selection");
    if (sel != p.MemberEnd()) {
        if (!sel->value.IsArray()) return error("invalid_message", "\"selection\" must be an array of object ids");
        if (sel->value.Size() > limits.max_selection)
            return error("invalid_message", "\"selection\" may hold at most " + std::to_string(limits.max_selection) + " ids");
        for (const auto& id : sel->value.GetArray()) {
            if (!id.IsString() || id.GetStringLength() == 0 || id.GetStringLength() > 100)
                return error("invalid_message", "\"selection\" must hold object ids (strings of 1 to 100 characters)");
            selection.PushBack(Value(id.GetString(), id.GetStringLength(), alloc), alloc);
        }
    }
    out.AddMember("selection", selection, alloc);
    auto vp = p.FindMember("viewport");
    if (vp != p.MemberEnd() && !vp->value.IsNull()) {
        if (auto e = check_point(vp->value, "viewport", true)) return *e;
        Value v(rapidjson::kObjectType);
        v.AddMember("x", vp->value["x"].GetDouble(), alloc);
        v.AddMember("y", vp->value["y"].GetDouble(), alloc);
        v.AddMember("zoom", vp->value["zoom"].GetDouble(), alloc);
        // The size of the sender's canvas in CSS pixels, optional: a follower
        // fits the sender's whole visible area into its own window.
        for (const char* key : {"width", "height"}) {
            auto it = vp->value.FindMember(key);
            if (it == vp->value.MemberEnd()) continue;
            if (!finite_number(it->value) || it->value.GetDouble() <= 0 || it->value.GetDouble() > 100000)
                return error("invalid_message", std::string("\"viewport.") + key + "\" must be a number from 0 to 100000 (CSS pixels)");
            v.AddMember(rapidjson::StringRef(key), it->value.GetDouble(), alloc);
        }
        out.AddMember("viewport", v, alloc);
    } else {
        out.AddMember("viewport", Value(rapidjson::kNullType), alloc);
    }
    out_json = json_text(out);
    return std::nullopt;
}

std::optional<std::string> remote_presence_entry(const rapidjson::Value& entry, const ProtocolLimits& limits) {
    if (!entry.IsObject()) return std::nullopt;
    auto text = [&entry](const char* name, size_t max) -> std::optional<std::string> {
        auto it = entry.FindMember(name);
        if (it == entry.MemberEnd() || !it->value.IsString()) return std::nullopt;
        std::string value(it->value.GetString(), it->value.GetStringLength());
        if (value.empty() || value.size() > max) return std::nullopt;
        return value;
    };
    auto client = text("clientId", 100);
    auto user = text("userId", 36);
    auto name = text("userName", 1020);  // 255 characters of up to 4 bytes
    auto color = text("color", 32);
    if (!client || !user || !is_uuid(*user) || !name || !color) return std::nullopt;
    std::string presence;
    if (normalize_presence(entry, limits, presence)) return std::nullopt;
    // Rebuilt from the checked fields: nothing else of the message is relayed.
    return "{\"clientId\": " + json_quote(*client) + ", \"userId\": " + json_quote(*canonical_uuid(*user)) +
           ", \"userName\": " + json_quote(*name) + ", \"color\": " + json_quote(*color) + ", " +
           presence.substr(1, presence.size() - 2) + "}";
}

const std::vector<std::pair<std::string, MessageType>>& client_message_types() {
    static const std::vector<std::pair<std::string, MessageType>> types = {
        {"subscribe", MessageType::Subscribe}, {"unsubscribe", MessageType::Unsubscribe},
        {"operation", MessageType::Operation}, {"presence", MessageType::Presence},
        {"catchup", MessageType::Catchup},     {"ping", MessageType::Ping},
        {"watch_files", MessageType::WatchFiles},
    };
    return types;
}

ParseResult parse_client_message(std::string_view text, const ProtocolLimits& limits) {
    if (text.size() > limits.max_message_bytes)
        return error("too_large", "message of " + std::to_string(text.size()) + " bytes is over the limit of " +
                                      std::to_string(limits.max_message_bytes));
    rapidjson::Document doc;
    if (auto e = parse_json(text, doc)) return error("invalid_json", "message refused: " + *e);
    if (!doc.IsObject()) return error("invalid_message", "a message must be a JSON object");

    ClientMessage msg;
    auto rid = doc.FindMember("requestId");
    if (rid != doc.MemberEnd()) {
        if (!rid->value.IsString() || rid->value.GetStringLength() > 100)
            return error("invalid_message", "\"requestId\" must be a string of at most 100 characters");
        msg.request_id.assign(rid->value.GetString(), rid->value.GetStringLength());
    }
    auto type = doc.FindMember("type");
    if (type == doc.MemberEnd() || !type->value.IsString())
        return error("invalid_message", "a message needs a string \"type\"");
    std::string t(type->value.GetString(), type->value.GetStringLength());
    static const Value empty_object(rapidjson::kObjectType);
    auto payload_it = doc.FindMember("payload");
    const Value& payload = payload_it == doc.MemberEnd() ? empty_object : payload_it->value;
    if (!payload.IsObject()) return error("invalid_message", "\"payload\" must be an object");

    const auto& types = client_message_types();
    auto known = std::find_if(types.begin(), types.end(), [&t](const auto& entry) { return entry.first == t; });
    if (known == types.end()) {
        std::string expected;
        for (size_t i = 0; i < types.size(); ++i)
            expected += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + types[i].first;
        return error("unknown_type", "unknown message type \"" + t + "\" (expected " + expected + ")");
    }
    msg.type = known->second;
    switch (msg.type) {
    case MessageType::Subscribe: {
        auto f = payload.FindMember("fileId");
        std::optional<std::string> id;
        if (f != payload.MemberEnd() && f->value.IsString())
            id = canonical_uuid(std::string_view(f->value.GetString(), f->value.GetStringLength()));
        if (!id) return error("invalid_message", "subscribe needs \"payload.fileId\", a file id (uuid)");
        msg.file_id = *id;  // one spelling: rooms and NOTIFY payloads compare it as text
        break;
    }
    case MessageType::Unsubscribe:
    case MessageType::Ping:
    case MessageType::WatchFiles: break;
    case MessageType::Catchup: {
        auto a = payload.FindMember("afterSeq");
        if (a == payload.MemberEnd() || !a->value.IsInt64() || a->value.GetInt64() < 0)
            return error("invalid_message", "catchup needs \"payload.afterSeq\", a seq (integer, 0 or more)");
        msg.after_seq = a->value.GetInt64();
        break;
    }
    case MessageType::Operation: {
        auto ops = payload.FindMember("operations");
        if (ops == payload.MemberEnd() || !ops->value.IsArray())
            return error("invalid_message", "operation needs \"payload.operations\", an array of ops");
        const auto& arr = ops->value.GetArray();
        if (arr.Empty()) return error("invalid_message", "\"payload.operations\" is empty");
        if (arr.Size() > limits.max_ops_per_message)
            return error("too_many_ops", "a message may carry at most " + std::to_string(limits.max_ops_per_message) +
                                             " ops; this one has " + std::to_string(arr.Size()));
        for (const auto& op : arr) {
            if (!op.IsObject()) return error("invalid_message", "every op must be a JSON object");
            auto id = op.FindMember("id");
            msg.op_ids.push_back(id == op.MemberEnd() ? "null" : json_text(id->value));
            auto key = op.FindMember("idempotencyKey");
            if (key != op.MemberEnd() && key->value.IsString())
                msg.idempotency_keys.emplace_back(key->value.GetString(), key->value.GetStringLength());
        }
        msg.operations_json = json_text(ops->value);
        break;
    }
    case MessageType::Presence:
        if (auto e = normalize_presence(payload, limits, msg.presence_json)) return *e;
        break;
    }
    return msg;
}

namespace {
void write_request_id(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& request_id) {
    if (request_id.empty()) return;
    w.Key("requestId");
    w.String(request_id.c_str(), static_cast<rapidjson::SizeType>(request_id.size()));
}
}  // namespace

std::string error_message(const std::string& code, const std::string& message, const std::string& request_id) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("error");
    write_request_id(w, request_id);
    w.Key("payload");
    w.StartObject();
    w.Key("code");
    w.String(code.c_str(), static_cast<rapidjson::SizeType>(code.size()));
    w.Key("message");
    w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
    w.EndObject();
    w.EndObject();
    return buffer.GetString();
}

std::string unsubscribed_message(const std::string& file_id, const std::string& reason) {
    return "{\"type\": \"unsubscribed\", \"payload\": {\"fileId\": " + json_quote(file_id) +
           ", \"reason\": " + json_quote(reason) + "}}";
}

std::string comment_message(const std::string& file_id, const std::string& comment_id, const std::string& action) {
    return "{\"type\": \"comment\", \"payload\": {\"fileId\": " + json_quote(file_id) + ", \"commentId\": " +
           json_quote(comment_id) + ", \"action\": " + json_quote(action) + "}}";
}

std::string watching_files_message(const std::string& request_id) {
    if (request_id.empty()) return "{\"type\": \"watching_files\", \"payload\": {}}";
    return "{\"type\": \"watching_files\", \"requestId\": " + json_quote(request_id) + ", \"payload\": {}}";
}

std::string pong_message(const std::string& request_id) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("pong");
    write_request_id(w, request_id);
    w.Key("payload");
    w.StartObject();
    w.EndObject();
    w.EndObject();
    return buffer.GetString();
}

}  // namespace vellum::gateway
