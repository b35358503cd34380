// The WebSocket protocol: what clients may send, checked before anything
// reaches the database; and the messages the gateway sends back.
//
// Client -> gateway: {"type": ..., "payload": {...}, "requestId"?: string}
//   subscribe   {"fileId": uuid}                      -> sync
//   unsubscribe {}
//   operation   {"operations": [op, ...]}             -> ack (after commit)
//   presence    {"cursor": {x, y}|null, "selection": [ids], "viewport": {x, y, zoom}}
//   catchup     {"afterSeq": n}                       -> operation (exactly the missing ops) or sync
//   ping        {}                                    -> pong
//   watch_files {}                                    -> watching_files, then files_changed {fileId?}
//                                                        whenever a file the user can see changes
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <rapidjson/document.h>

namespace vellum::gateway {

enum class MessageType { Subscribe, Unsubscribe, Operation, Presence, Catchup, Ping, WatchFiles };

// The client message types with their names on the wire, in the order the
// protocol lists them: the parser reads a type through it, and the
// authorization matrix (--list-routes) lists every one of them.
const std::vector<std::pair<std::string, MessageType>>& client_message_types();

struct ProtocolLimits {
    size_t max_message_bytes = 1 << 20;
    size_t max_ops_per_message = 1000;
    size_t max_selection = 1000;
};

struct ClientMessage {
    MessageType type = MessageType::Ping;
    std::string request_id;          // echoed in replies; empty when absent
    std::string file_id;             // subscribe
    int64_t after_seq = 0;           // catchup
    std::string operations_json;     // operation: the ops array, re-serialized
    std::vector<std::string> op_ids; // operation: each op's id as JSON text ("null" when absent)
    std::vector<std::string> idempotency_keys;  // operation: each op's idempotencyKey that is a string
    std::string presence_json;       // presence: {"cursor", "selection", "viewport"}, normalized
};

struct ProtocolError {
    std::string code;     // machine-readable: invalid_json, invalid_message, too_large, ...
    std::string message;  // what was wrong, for a person
};

using ParseResult = std::variant<ClientMessage, ProtocolError>;

ParseResult parse_client_message(std::string_view text, const ProtocolLimits& limits);

// A presence payload ({cursor, selection, viewport}) checked and rewritten as
// {"cursor", "selection", "viewport"} JSON into out_json; or what was wrong.
std::optional<ProtocolError> normalize_presence(const rapidjson::Value& payload, const ProtocolLimits& limits,
                                               std::string& out_json);
// A presence entry another gateway published (clientId, userId, userName,
// color and the presence fields), checked like a client's presence and
// rebuilt from the checked fields; nothing when any of it is wrong.
std::optional<std::string> remote_presence_entry(const rapidjson::Value& entry, const ProtocolLimits& limits);

// Server -> client messages.
std::string error_message(const std::string& code, const std::string& message, const std::string& request_id = "");
std::string pong_message(const std::string& request_id);
// The client is no longer subscribed to the file (access revoked, file trashed).
std::string unsubscribed_message(const std::string& file_id, const std::string& reason);
// The socket now hears of changes to the user's file lists.
std::string watching_files_message(const std::string& request_id);
// A comment of the subscribed file was created, updated or deleted.
std::string comment_message(const std::string& file_id, const std::string& comment_id, const std::string& action);

}  // namespace vellum::gateway
