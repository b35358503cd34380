// The WebSocket protocol: every client message type, every way a message can
// be malformed (each with its error code and a message naming the problem),
// the normalized outputs, and the server's error and pong messages.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "rooms/file_watchers.hpp"
#include "rooms/protocol.hpp"

namespace vellum::gateway {
namespace {

const char* kUuid = "123e4567-e89b-12d3-a456-426614174000";

std::string describe(const ParseResult& r) {
    if (auto* e = std::get_if<ProtocolError>(&r)) return "error {" + e->code + ": " + e->message + "}";
    return "a ClientMessage";
}

// Parses text and expects a ClientMessage.
ClientMessage parse_ok(std::string_view text, const ProtocolLimits& limits = {}) {
    ParseResult r = parse_client_message(text, limits);
    if (auto* m = std::get_if<ClientMessage>(&r)) return *m;
    ADD_FAILURE() << "expected " << text << " to parse, got " << describe(r);
    return ClientMessage{};
}

// The result is an error with this code whose message names every word.
::testing::AssertionResult IsError(const ParseResult& r, const std::string& code,
                                   std::initializer_list<std::string> words) {
    auto* e = std::get_if<ProtocolError>(&r);
    if (!e) return ::testing::AssertionFailure() << "expected error " << code << ", got a ClientMessage";
    if (e->code != code)
        return ::testing::AssertionFailure() << "expected code " << code << ", got " << describe(r);
    for (const auto& word : words)
        if (e->message.find(word) == std::string::npos)
            return ::testing::AssertionFailure() << "error message \"" << e->message << "\" does not name \"" << word
                                                 << "\"";
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult Rejects(std::string_view text, const std::string& code,
                                   std::initializer_list<std::string> words, const ProtocolLimits& limits = {}) {
    auto result = IsError(parse_client_message(text, limits), code, words);
    if (!result) return result << " (for " << text << ")";
    return result;
}

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    EXPECT_FALSE(doc.HasParseError()) << "not valid JSON: " << text;
    return doc;
}

// ---- the messages clients may send ---------------------------------------------

TEST(GatewayProtocol, SubscribeCarriesFileIdAndRequestId) {
    std::string text = std::string(R"({"type":"subscribe","payload":{"fileId":")") + kUuid + R"("},"requestId":"r-1"})";
    ClientMessage m = parse_ok(text);
    EXPECT_EQ(m.type, MessageType::Subscribe);
    EXPECT_EQ(m.file_id, kUuid);
    EXPECT_EQ(m.request_id, "r-1");
}

TEST(GatewayProtocol, SubscribeAcceptsUppercaseUuidInItsOneSpelling) {
    // Rooms are keyed by the id and NOTIFY writes it in lower case.
    ClientMessage m = parse_ok(R"({"type":"subscribe","payload":{"fileId":"123E4567-E89B-12D3-A456-426614174ABC"}})");
    EXPECT_EQ(m.type, MessageType::Subscribe);
    EXPECT_EQ(m.file_id, "123e4567-e89b-12d3-a456-426614174abc");
}

TEST(GatewayProtocol, UnsubscribeWithOrWithoutPayload) {
    EXPECT_EQ(parse_ok(R"({"type":"unsubscribe"})").type, MessageType::Unsubscribe);
    EXPECT_EQ(parse_ok(R"({"type":"unsubscribe","payload":{}})").type, MessageType::Unsubscribe);
}

TEST(GatewayProtocol, PingWithoutRequestIdHasEmptyRequestId) {
    ClientMessage m = parse_ok(R"({"type":"ping"})");
    EXPECT_EQ(m.type, MessageType::Ping);
    EXPECT_EQ(m.request_id, "");
    EXPECT_EQ(parse_ok(R"({"type":"ping","requestId":"abc"})").request_id, "abc");
}

TEST(GatewayProtocol, LeadingAndTrailingWhitespaceIsAllowed) {
    EXPECT_EQ(parse_ok(" \n\t{\"type\" : \"ping\"} \r\n").type, MessageType::Ping);
}

TEST(GatewayProtocol, CatchupCarriesAfterSeq) {
    ClientMessage m = parse_ok(R"({"type":"catchup","payload":{"afterSeq":42},"requestId":"c"})");
    EXPECT_EQ(m.type, MessageType::Catchup);
    EXPECT_EQ(m.after_seq, 42);
    EXPECT_EQ(m.request_id, "c");
    EXPECT_EQ(parse_ok(R"({"type":"catchup","payload":{"afterSeq":0}})").after_seq, 0);
    EXPECT_EQ(parse_ok(R"({"type":"catchup","payload":{"afterSeq":9007199254740993}})").after_seq,
              9007199254740993LL);
    EXPECT_EQ(parse_ok(R"({"type":"catchup","payload":{"afterSeq":9223372036854775807}})").after_seq,
              INT64_MAX);
}

TEST(GatewayProtocol, OperationIsReserializedCompactly) {
    ClientMessage m = parse_ok(
        R"({"type":"operation","requestId":"op-1","payload":{"operations":[ {"id" : "a", "kind":"set", "value": [1, 2.5, true, null]} ,
            {"kind":"delete"} , {"id":7} ]}})");
    EXPECT_EQ(m.type, MessageType::Operation);
    EXPECT_EQ(m.request_id, "op-1");
    EXPECT_EQ(m.operations_json, R"([{"id":"a","kind":"set","value":[1,2.5,true,null]},{"kind":"delete"},{"id":7}])");
}

TEST(GatewayProtocol, OperationOpIdsAreJsonTextWithNullForMissing) {
    ClientMessage m = parse_ok(
        R"({"type":"operation","payload":{"operations":[{"id":"a\"b"},{"kind":"x"},{"id":7},{"id":null},{"id":{"k":1}}]}})");
    ASSERT_EQ(m.op_ids.size(), 5u);
    EXPECT_EQ(m.op_ids[0], R"("a\"b")");
    EXPECT_EQ(m.op_ids[1], "null");
    EXPECT_EQ(m.op_ids[2], "7");
    EXPECT_EQ(m.op_ids[3], "null");
    EXPECT_EQ(m.op_ids[4], R"({"k":1})");
}

TEST(GatewayProtocol, OperationIdempotencyKeysAreTheStringOnesInOrder) {
    ClientMessage m = parse_ok(
        R"({"type":"operation","payload":{"operations":[{"idempotencyKey":"k1"},{"idempotencyKey":7},{},{"idempotencyKey":"k\"2"}]}})");
    EXPECT_EQ(m.idempotency_keys, (std::vector<std::string>{"k1", "k\"2"}));
}

TEST(GatewayProtocol, OperationAtExactlyTheOpLimitIsAccepted) {
    ProtocolLimits limits;
    limits.max_ops_per_message = 3;
    ClientMessage m = parse_ok(R"({"type":"operation","payload":{"operations":[{"id":"1"},{"id":"2"},{"id":"3"}]}})",
                               limits);
    EXPECT_EQ(m.op_ids.size(), 3u);
}

TEST(GatewayProtocol, PresenceIsNormalized) {
    ClientMessage m = parse_ok(
        R"({"type":"presence","payload":{"cursor":{"x":1,"y":-2.5,"extra":"dropped"},"selection":["a","b"],)"
        R"("viewport":{"x":10,"y":20,"zoom":1.5,"other":1},"name":"dropped too"}})");
    EXPECT_EQ(m.type, MessageType::Presence);
    auto doc = parse_json(m.presence_json);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(doc.MemberCount(), 3u) << m.presence_json;
    ASSERT_TRUE(doc.HasMember("cursor") && doc["cursor"].IsObject()) << m.presence_json;
    EXPECT_EQ(doc["cursor"].MemberCount(), 2u) << m.presence_json;
    EXPECT_DOUBLE_EQ(doc["cursor"]["x"].GetDouble(), 1.0);
    EXPECT_DOUBLE_EQ(doc["cursor"]["y"].GetDouble(), -2.5);
    ASSERT_TRUE(doc.HasMember("selection") && doc["selection"].IsArray()) << m.presence_json;
    ASSERT_EQ(doc["selection"].Size(), 2u);
    EXPECT_STREQ(doc["selection"][0].GetString(), "a");
    EXPECT_STREQ(doc["selection"][1].GetString(), "b");
    ASSERT_TRUE(doc.HasMember("viewport") && doc["viewport"].IsObject()) << m.presence_json;
    EXPECT_EQ(doc["viewport"].MemberCount(), 3u) << m.presence_json;
    EXPECT_DOUBLE_EQ(doc["viewport"]["x"].GetDouble(), 10.0);
    EXPECT_DOUBLE_EQ(doc["viewport"]["y"].GetDouble(), 20.0);
    EXPECT_DOUBLE_EQ(doc["viewport"]["zoom"].GetDouble(), 1.5);
    EXPECT_EQ(m.presence_json.find("dropped"), std::string::npos) << m.presence_json;
    EXPECT_EQ(m.presence_json.find("other"), std::string::npos) << m.presence_json;
}

TEST(GatewayProtocol, PresenceDefaultsAreNullCursorEmptySelectionNullViewport) {
    for (const char* text : {R"({"type":"presence"})", R"({"type":"presence","payload":{}})",
                             R"({"type":"presence","payload":{"cursor":null,"viewport":null}})"}) {
        ClientMessage m = parse_ok(text);
        EXPECT_EQ(m.type, MessageType::Presence);
        EXPECT_EQ(m.presence_json, R"({"cursor":null,"selection":[],"viewport":null})") << text;
    }
}

TEST(GatewayProtocol, PresenceSelectionLimitsAreInclusive) {
    ProtocolLimits limits;
    limits.max_selection = 2;
    ClientMessage m = parse_ok(R"({"type":"presence","payload":{"selection":["a","b"]}})", limits);
    EXPECT_NE(m.presence_json.find(R"("selection":["a","b"])"), std::string::npos) << m.presence_json;

    std::string hundred(100, 'x');
    ClientMessage m2 = parse_ok(R"({"type":"presence","payload":{"selection":[")" + hundred + R"("]}})");
    EXPECT_NE(m2.presence_json.find(hundred), std::string::npos);
}

TEST(GatewayProtocol, MessageOfExactlyMaxBytesIsAccepted) {
    ProtocolLimits limits;
    std::string text = R"({"type":"ping","requestId":"r"})";
    limits.max_message_bytes = text.size();
    EXPECT_EQ(parse_ok(text, limits).type, MessageType::Ping);
}

TEST(GatewayProtocol, RequestIdOfExactly100CharactersIsAccepted) {
    std::string id(100, 'r');
    EXPECT_EQ(parse_ok(R"({"type":"ping","requestId":")" + id + "\"}").request_id, id);
}

// ---- malformed messages ----------------------------------------------------------

TEST(GatewayProtocol, InvalidJsonIsRejected) {
    for (const char* text : {"", "{", "not json", R"({"type":"ping",})", R"({"type":'ping'})", R"({type:"ping"})",
                             R"({"type":"ping")", "{\"type\":\"pi\nng\"}", R"({"type":"ping","n":NaN})",
                             R"({"type":"ping","n":1e400})"}) {
        EXPECT_TRUE(Rejects(text, "invalid_json", {"not valid JSON", "offset"}));
    }
}

TEST(GatewayProtocol, TrailingGarbageAfterTheObjectIsInvalidJson) {
    // A JSON text is one value; what follows it makes the message malformed.
    EXPECT_TRUE(Rejects(R"({"type":"ping"} trailing)", "invalid_json", {"not valid JSON"}));
    EXPECT_TRUE(Rejects(R"({"type":"ping"}{"type":"ping"})", "invalid_json", {"not valid JSON"}));
    EXPECT_TRUE(Rejects(R"({"type":"ping"}})", "invalid_json", {"not valid JSON"}));
}

TEST(GatewayProtocol, NonObjectMessagesAreRejected) {
    for (const char* text : {"[]", R"(["ping"])", R"("ping")", "42", "null", "true"}) {
        EXPECT_TRUE(Rejects(text, "invalid_message", {"JSON object"}));
    }
}

TEST(GatewayProtocol, MissingOrNonStringTypeIsRejected) {
    for (const char* text : {"{}", R"({"payload":{}})", R"({"type":5})", R"({"type":null})", R"({"type":["ping"]})",
                             R"({"type":{"name":"ping"}})", R"({"Type":"ping"})"}) {
        EXPECT_TRUE(Rejects(text, "invalid_message", {"\"type\""}));
    }
}

TEST(GatewayProtocol, UnknownTypeIsRejectedAndNamed) {
    EXPECT_TRUE(Rejects(R"({"type":"delete_everything"})", "unknown_type", {"delete_everything", "subscribe", "ping"}));
    EXPECT_TRUE(Rejects(R"({"type":"PING"})", "unknown_type", {"PING"}));
    EXPECT_TRUE(Rejects(R"({"type":""})", "unknown_type", {"unknown message type"}));
    EXPECT_TRUE(Rejects(R"({"type":"ping "})", "unknown_type", {"ping "}));
}

// The table --list-routes prints the message types from is the one the
// parser reads them with: each listed name parses to its type, and the error
// for an unknown type names every one.
TEST(GatewayProtocol, EveryListedTypeIsTheOneParsed) {
    const std::vector<std::string> payloads = {
        std::string(R"({"fileId":")") + kUuid + "\"}", "{}", R"({"operations":[{"id":"a"}]})", "{}", R"({"afterSeq":0})",
        "{}", "{}"};
    const auto& types = client_message_types();
    ASSERT_EQ(types.size(), payloads.size());
    ParseResult unknown = parse_client_message(R"({"type":"nope"})", {});
    for (size_t i = 0; i < types.size(); ++i) {
        ClientMessage m = parse_ok(R"({"type":")" + types[i].first + R"(","payload":)" + payloads[i] + "}");
        EXPECT_EQ(m.type, types[i].second) << types[i].first;
        EXPECT_TRUE(IsError(unknown, "unknown_type", {types[i].first}));
    }
}

TEST(GatewayProtocol, TypeWithAnEmbeddedNulIsRefused) {
    // "ping\u0000junk" is not "ping": no string may hold a NUL.
    EXPECT_TRUE(Rejects(R"({"type":"ping\u0000junk"})", "invalid_json", {"\"type\"", "NUL"}));
}

TEST(GatewayProtocol, NonObjectPayloadIsRejected) {
    for (const char* text : {R"({"type":"ping","payload":[]})", R"({"type":"ping","payload":"x"})",
                             R"({"type":"ping","payload":null})", R"({"type":"subscribe","payload":1})",
                             R"({"type":"operation","payload":[{"id":"a"}]})"}) {
        EXPECT_TRUE(Rejects(text, "invalid_message", {"\"payload\"", "object"}));
    }
}

TEST(GatewayProtocol, RequestIdOfTheWrongTypeIsRejected) {
    for (const char* text : {R"({"type":"ping","requestId":5})", R"({"type":"ping","requestId":null})",
                             R"({"type":"ping","requestId":{}})", R"({"type":"ping","requestId":["a"]})",
                             R"({"type":"ping","requestId":true})"}) {
        EXPECT_TRUE(Rejects(text, "invalid_message", {"\"requestId\"", "string"}));
    }
}

TEST(GatewayProtocol, RequestIdOver100CharactersIsRejected) {
    std::string id(101, 'r');
    EXPECT_TRUE(Rejects(R"({"type":"ping","requestId":")" + id + "\"}", "invalid_message", {"\"requestId\"", "100"}));
}

TEST(GatewayProtocol, SubscribeWithoutFileIdIsRejected) {
    for (const char* text : {R"({"type":"subscribe"})", R"({"type":"subscribe","payload":{}})",
                             R"({"type":"subscribe","payload":{"fileid":"123e4567-e89b-12d3-a456-426614174000"}})"}) {
        EXPECT_TRUE(Rejects(text, "invalid_message", {"fileId", "uuid"}));
    }
}

TEST(GatewayProtocol, SubscribeWithBadFileIdIsRejected) {
    for (const char* id : {"5", "null", "\"\"", "\"abc\"", "\"123e4567e89b12d3a456426614174000\"",
                           "\"{123e4567-e89b-12d3-a456-426614174000}\"", "\"123e4567-e89b-12d3-a456-42661417400\"",
                           "\"123e4567-e89b-12d3-a456-4266141740000\"", "\"123e4567-e89b-12d3-a456-42661417400g\"",
                           "[\"123e4567-e89b-12d3-a456-426614174000\"]"}) {
        std::string text = std::string(R"({"type":"subscribe","payload":{"fileId":)") + id + "}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"fileId"}));
    }
}

TEST(GatewayProtocol, FileIdWithAnEmbeddedNulIsRejected) {
    // 36 valid characters followed by "\u0000junk" is not a uuid.
    EXPECT_TRUE(Rejects(R"({"type":"subscribe","payload":{"fileId":"123e4567-e89b-12d3-a456-426614174000\u0000junk"}})",
                        "invalid_json", {"payload.fileId", "NUL"}));
}

TEST(GatewayProtocol, CatchupWithoutAfterSeqIsRejected) {
    EXPECT_TRUE(Rejects(R"({"type":"catchup"})", "invalid_message", {"afterSeq"}));
    EXPECT_TRUE(Rejects(R"({"type":"catchup","payload":{}})", "invalid_message", {"afterSeq"}));
}

TEST(GatewayProtocol, CatchupWithNegativeAfterSeqIsRejected) {
    EXPECT_TRUE(Rejects(R"({"type":"catchup","payload":{"afterSeq":-1}})", "invalid_message", {"afterSeq", "0 or more"}));
    EXPECT_TRUE(Rejects(R"({"type":"catchup","payload":{"afterSeq":-9223372036854775808}})", "invalid_message",
                        {"afterSeq"}));
}

TEST(GatewayProtocol, CatchupWithNonIntegerAfterSeqIsRejected) {
    for (const char* v : {"1.5", "1.0", "1e2", "\"5\"", "null", "true", "[1]", "{}", "18446744073709551615",
                          "9223372036854775808"}) {
        std::string text = std::string(R"({"type":"catchup","payload":{"afterSeq":)") + v + "}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"afterSeq", "integer"}));
    }
}

TEST(GatewayProtocol, OperationWithoutOperationsArrayIsRejected) {
    for (const char* text : {R"({"type":"operation"})", R"({"type":"operation","payload":{}})",
                             R"({"type":"operation","payload":{"operations":{"id":"a"}}})",
                             R"({"type":"operation","payload":{"operations":"[]"}})",
                             R"({"type":"operation","payload":{"operations":null}})",
                             R"({"type":"operation","payload":{"ops":[{"id":"a"}]}})"}) {
        EXPECT_TRUE(Rejects(text, "invalid_message", {"operations", "array"}));
    }
}

TEST(GatewayProtocol, OperationWithEmptyOperationsIsRejected) {
    EXPECT_TRUE(Rejects(R"({"type":"operation","payload":{"operations":[]}})", "invalid_message", {"operations", "empty"}));
}

TEST(GatewayProtocol, OperationContainingNonObjectsIsRejected) {
    for (const char* ops : {"[1]", "[null]", R"(["op"])", "[[]]", R"([{"id":"a"},true])", R"([{"id":"a"},[{"id":"b"}]])"}) {
        std::string text = std::string(R"({"type":"operation","payload":{"operations":)") + ops + "}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"op", "object"}));
    }
}

TEST(GatewayProtocol, OperationOverMaxOpsIsRejectedWithTheNumbers) {
    ProtocolLimits limits;
    limits.max_ops_per_message = 3;
    EXPECT_TRUE(Rejects(R"({"type":"operation","payload":{"operations":[{},{},{},{}]}})", "too_many_ops",
                        {"at most 3", "has 4"}, limits));

    // With the default limit of 1000.
    std::string ops = "[";
    for (int i = 0; i < 1001; ++i) ops += (i ? ",{}" : "{}");
    ops += "]";
    EXPECT_TRUE(Rejects(R"({"type":"operation","payload":{"operations":)" + ops + "}}", "too_many_ops",
                        {"1000", "1001"}));
}

TEST(GatewayProtocol, OversizedMessageIsRejectedBeforeParsing) {
    ProtocolLimits limits;
    limits.max_message_bytes = 64;
    std::string text = R"({"type":"ping","requestId":")" + std::string(60, 'x') + "\"}";
    ASSERT_GT(text.size(), 64u);
    EXPECT_TRUE(Rejects(text, "too_large", {std::to_string(text.size()), "64"}, limits));
    // Even when it is not JSON at all: the size is checked first.
    EXPECT_TRUE(Rejects(std::string(65, '{'), "too_large", {"65", "64"}, limits));
}

TEST(GatewayProtocol, OversizedMessageAtTheDefaultLimit) {
    std::string text = R"({"type":"ping","requestId":")" + std::string((1 << 20), 'x') + "\"}";
    EXPECT_TRUE(Rejects(text, "too_large", {"1048576"}));
}

TEST(GatewayProtocol, PresenceCursorMustBeAPoint) {
    for (const char* cursor : {"[]", "1", "\"here\"", "true"}) {
        std::string text = std::string(R"({"type":"presence","payload":{"cursor":)") + cursor + "}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"\"cursor\"", "object"}));
    }
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"cursor":{"y":1}}})", "invalid_message", {"cursor.x", "number"}));
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"cursor":{"x":"1","y":1}}})", "invalid_message", {"cursor.x"}));
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"cursor":{"x":1}}})", "invalid_message", {"cursor.y", "number"}));
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"cursor":{"x":1,"y":null}}})", "invalid_message", {"cursor.y"}));
}

TEST(GatewayProtocol, PresenceViewportMustHaveAPositiveZoom) {
    for (const char* zoom : {"0", "-1", "-0.5", "\"2\"", "null"}) {
        std::string text = std::string(R"({"type":"presence","payload":{"viewport":{"x":0,"y":0,"zoom":)") + zoom + "}}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"viewport.zoom", "greater than 0"}));
    }
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"viewport":{"x":0,"y":0}}})", "invalid_message",
                        {"viewport.zoom"}));
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"viewport":{"y":0,"zoom":1}}})", "invalid_message",
                        {"viewport.x"}));
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"viewport":{"x":0,"zoom":1}}})", "invalid_message",
                        {"viewport.y"}));
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"viewport":[0,0,1]}})", "invalid_message",
                        {"\"viewport\"", "object"}));
    // A tiny but positive zoom is fine.
    ClientMessage m = parse_ok(R"({"type":"presence","payload":{"viewport":{"x":0,"y":0,"zoom":0.001}}})");
    EXPECT_NE(m.presence_json.find("zoom"), std::string::npos);
}

TEST(GatewayProtocol, PresenceSelectionMustBeAnArrayOfIds) {
    for (const char* sel : {"\"a\"", "{}", "1", "null"}) {
        std::string text = std::string(R"({"type":"presence","payload":{"selection":)") + sel + "}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"\"selection\"", "array"}));
    }
    std::string long_id(101, 'x');
    for (std::string sel : {std::string("[1]"), std::string("[\"\"]"), std::string("[null]"), std::string("[[\"a\"]]"),
                            std::string("[\"a\",2]"), "[\"" + long_id + "\"]"}) {
        std::string text = R"({"type":"presence","payload":{"selection":)" + sel + "}}";
        EXPECT_TRUE(Rejects(text, "invalid_message", {"\"selection\"", "1 to 100"}));
    }
}

TEST(GatewayProtocol, PresenceSelectionOverMaxIsRejected) {
    ProtocolLimits limits;
    limits.max_selection = 3;
    EXPECT_TRUE(Rejects(R"({"type":"presence","payload":{"selection":["a","b","c","d"]}})", "invalid_message",
                        {"\"selection\"", "at most 3"}, limits));
}

TEST(GatewayProtocol, PresenceSelectionWithANulIsRefused) {
    // Nothing with a NUL is fanned out: the selection is refused, naming where.
    ParseResult r = parse_client_message(R"({"type":"presence","payload":{"selection":["\u0000"]}})", {});
    EXPECT_TRUE(IsError(r, "invalid_json", {"\"payload.selection[0]\"", "NUL"}));
}

// ---- server messages -----------------------------------------------------------------

TEST(GatewayProtocol, ErrorMessageIsJsonWithRequestId) {
    std::string text = error_message("invalid_message", "a \"quoted\" problem\nwith \\ and \x01", "req-7");
    auto doc = parse_json(text);
    ASSERT_TRUE(doc.IsObject()) << text;
    EXPECT_STREQ(doc["type"].GetString(), "error");
    ASSERT_TRUE(doc.HasMember("requestId")) << text;
    EXPECT_STREQ(doc["requestId"].GetString(), "req-7");
    ASSERT_TRUE(doc["payload"].IsObject());
    EXPECT_STREQ(doc["payload"]["code"].GetString(), "invalid_message");
    EXPECT_STREQ(doc["payload"]["message"].GetString(), "a \"quoted\" problem\nwith \\ and \x01");
}

TEST(GatewayProtocol, ErrorMessageWithoutRequestIdOmitsIt) {
    std::string text = error_message("too_large", "too big");
    auto doc = parse_json(text);
    ASSERT_TRUE(doc.IsObject()) << text;
    EXPECT_FALSE(doc.HasMember("requestId")) << text;
    EXPECT_STREQ(doc["payload"]["code"].GetString(), "too_large");
    EXPECT_STREQ(doc["payload"]["message"].GetString(), "too big");
}

TEST(GatewayProtocol, ErrorMessageEchoesAHostileRequestIdSafely) {
    std::string rid = "\"},\"type\":\"sync";
    std::string text = error_message("x", "y", rid);
    auto doc = parse_json(text);
    ASSERT_TRUE(doc.IsObject()) << text;
    EXPECT_STREQ(doc["type"].GetString(), "error");
    EXPECT_EQ(std::string(doc["requestId"].GetString()), rid);
}

TEST(GatewayProtocol, PongMessage) {
    auto with = parse_json(pong_message("p-1"));
    ASSERT_TRUE(with.IsObject());
    EXPECT_STREQ(with["type"].GetString(), "pong");
    EXPECT_STREQ(with["requestId"].GetString(), "p-1");
    EXPECT_TRUE(with["payload"].IsObject());

    std::string bare = pong_message("");
    auto without = parse_json(bare);
    ASSERT_TRUE(without.IsObject());
    EXPECT_STREQ(without["type"].GetString(), "pong");
    EXPECT_FALSE(without.HasMember("requestId")) << bare;
}

TEST(GatewayProtocol, ParsedRequestIdRoundTripsIntoReplies) {
    ClientMessage m = parse_ok(R"({"type":"ping","requestId":"quote\" and \\ and \u00e9"})");
    auto doc = parse_json(pong_message(m.request_id));
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(std::string(doc["requestId"].GetString()), "quote\" and \\ and \xc3\xa9");
}

TEST(GatewayProtocol, WatchFilesParsesAndItsMessagesAreWellFormed) {
    ClientMessage m = parse_ok(R"({"type":"watch_files","requestId":"w-1","payload":{}})");
    EXPECT_EQ(m.type, MessageType::WatchFiles);
    auto watching = parse_json(watching_files_message(m.request_id));
    ASSERT_TRUE(watching.IsObject());
    EXPECT_STREQ(watching["type"].GetString(), "watching_files");
    EXPECT_STREQ(watching["requestId"].GetString(), "w-1");
    EXPECT_FALSE(parse_json(watching_files_message("")).HasMember("requestId"));

    auto changed = parse_json(files_changed_message("00000000-0000-0000-0000-0000000000f1"));
    ASSERT_TRUE(changed.IsObject());
    EXPECT_STREQ(changed["type"].GetString(), "files_changed");
    EXPECT_STREQ(changed["payload"]["fileId"].GetString(), "00000000-0000-0000-0000-0000000000f1");
    EXPECT_FALSE(parse_json(files_changed_message("")).GetObject()["payload"].HasMember("fileId"));

    auto comment = parse_json(comment_message("f", "c\"", "created"));
    ASSERT_TRUE(comment.IsObject());
    EXPECT_STREQ(comment["type"].GetString(), "comment");
    EXPECT_STREQ(comment["payload"]["commentId"].GetString(), "c\"");
    EXPECT_STREQ(comment["payload"]["action"].GetString(), "created");
}

TEST(GatewayProtocol, PresenceViewportMayCarryTheCanvasSize) {
    ClientMessage m = parse_ok(R"({"type":"presence","payload":{"viewport":{"x":1,"y":2,"zoom":2,"width":800,"height":600,"depth":3}}})");
    auto doc = parse_json(m.presence_json);
    ASSERT_TRUE(doc.IsObject()) << m.presence_json;
    EXPECT_DOUBLE_EQ(doc["viewport"]["width"].GetDouble(), 800.0);
    EXPECT_DOUBLE_EQ(doc["viewport"]["height"].GetDouble(), 600.0);
    EXPECT_FALSE(doc["viewport"].HasMember("depth")) << m.presence_json;
    for (const char* bad : {R"({"type":"presence","payload":{"viewport":{"x":1,"y":2,"zoom":2,"width":0}}})",
                            R"({"type":"presence","payload":{"viewport":{"x":1,"y":2,"zoom":2,"height":-5}}})",
                            R"({"type":"presence","payload":{"viewport":{"x":1,"y":2,"zoom":2,"width":"800"}}})",
                            R"({"type":"presence","payload":{"viewport":{"x":1,"y":2,"zoom":2,"height":1e9}}})"}) {
        EXPECT_TRUE(Rejects(bad, "invalid_message", {"viewport."})) << bad;
    }
}

}  // namespace
}  // namespace vellum::gateway
