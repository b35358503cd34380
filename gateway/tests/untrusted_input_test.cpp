// What comes from outside (REST bodies, WebSocket messages, NOTIFY payloads,
// Redis presence) is read through one JSON parser and canonicalised at the
// edge: depth, UTF-8, NUL, duplicate keys, ids in one spelling, presence
// from other gateways rebuilt from checked fields.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "support/json_parse.hpp"
#include "support/json_text.hpp"
#include "rooms/protocol.hpp"
#include "support/utf8.hpp"
#include "support/uuid.hpp"

namespace vellum::gateway {
namespace {

std::optional<std::string> parse_error(std::string_view text, const JsonLimits& limits = {}) {
    rapidjson::Document doc;
    return parse_json(text, doc, limits);
}

// ---- uuids -------------------------------------------------------------------------

TEST(CanonicalUuid, OneSpelling) {
    EXPECT_EQ(canonical_uuid("123E4567-E89B-12D3-A456-426614174000"), "123e4567-e89b-12d3-a456-426614174000");
    EXPECT_EQ(canonical_uuid("abcdefab-cdef-abcd-efab-cdefabcdefab"), "abcdefab-cdef-abcd-efab-cdefabcdefab");
    EXPECT_TRUE(is_uuid("00000000-0000-0000-0000-000000000000"));
    EXPECT_TRUE(is_uuid("ABCDEFAB-CDEF-ABCD-EFAB-CDEFABCDEFAB"));
}

TEST(CanonicalUuid, RefusesEverythingElse) {
    for (std::string_view bad : {std::string_view(""), std::string_view("123e4567e89b12d3a456426614174000"),
                                 std::string_view("123e4567-e89b-12d3-a456-42661417400"),
                                 std::string_view("123e4567-e89b-12d3-a456-4266141740000"),
                                 std::string_view("123e4567-e89b-12d3-a456_426614174000"),
                                 std::string_view("123e4567e-89b-12d3-a456-426614174000"),
                                 std::string_view("123e4567-e89b-12d3-a456-42661417400g"),
                                 std::string_view("{23e4567-e89b-12d3-a456-42661417400}"),
                                 std::string_view("------------------------------------"),
                                 std::string_view("123e4567-e89b-12d3-a456-42661417400\0", 36)}) {
        EXPECT_FALSE(canonical_uuid(bad)) << bad;
        EXPECT_FALSE(is_uuid(bad)) << bad;
    }
}

// ---- UTF-8 -------------------------------------------------------------------------

TEST(Utf8, ValidText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));                             // U+10FFFF
    EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));                                 // U+D7FF
}

TEST(Utf8, IllFormedSequences) {
    size_t at = 99;
    EXPECT_FALSE(is_valid_utf8("ok\xFF\xFE", &at));
    EXPECT_EQ(at, 2u);
    EXPECT_FALSE(is_valid_utf8("\xED\xB0\x80"));      // U+DC00, a lone low surrogate
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut short
    EXPECT_FALSE(is_valid_utf8("\x80"));              // a continuation byte alone
}

TEST(Utf8, SanitizedReplacesEachBadByte) {
    EXPECT_EQ(utf8_sanitized("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(utf8_sanitized("caf\xC3\xA9"), "caf\xC3\xA9");
    EXPECT_TRUE(is_valid_utf8(utf8_sanitized("\xED\xB0\x80\xC3")));
    // json_quote never writes invalid UTF-8, whatever it is given.
    EXPECT_TRUE(is_valid_utf8(json_quote("path \xFF\xFE")));
}

// ---- parse_json --------------------------------------------------------------------

TEST(ParseJson, AcceptsOrdinaryJson) {
    rapidjson::Document doc;
    EXPECT_EQ(parse_json(R"({"a": [1, 2.5, "x", true, null, {"b": {}}], "c": "caf\u00e9 \ud83d\ude00"})", doc), std::nullopt);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(doc["a"].Size(), 6u);
    EXPECT_STREQ(doc["c"].GetString(), "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

// Found by the client message fuzzer (gateway/fuzz): RapidJSON 1.1.0's
// full-precision path read a zero with an exponent as garbage (0e41 became
// -1.94e230), so an op's "x": 0e41 reached the database as another number.
TEST(ParseJson, ZeroWithAnExponentIsZero) {
    rapidjson::Document doc;
    ASSERT_EQ(parse_json("[0e41, 0.0e41, 0.000e100, -0e5, 0e-41, 0.0000000000000000000000000, 0E+2]", doc), std::nullopt);
    for (const auto& v : doc.GetArray()) {
        ASSERT_TRUE(v.IsDouble()) << json_text(v);
        EXPECT_EQ(v.GetDouble(), 0.0) << json_text(v);
    }
    ParseResult r = parse_client_message(
        R"({"type":"operation","payload":{"operations":[{"id":"o1","operationType":"update","objectId":"r",)"
        R"("propertyPath":"x","newValue":0e41,"timestamp":1,"clientId":"c"}]}})",
        ProtocolLimits{});
    auto* m = std::get_if<ClientMessage>(&r);
    ASSERT_TRUE(m);
    EXPECT_NE(m->operations_json.find("\"newValue\":0.0,"), std::string::npos) << m->operations_json;
}

// Numbers keep RapidJSON's classes and values now that the gateway converts
// their text itself: 32-bit and 64-bit integers exactly, the rest as the
// nearest double; beyond double range is refused.
TEST(ParseJson, NumbersKeepTheirClassesAndValues) {
    rapidjson::Document doc;
    ASSERT_EQ(parse_json("[0, -0, 7, -7, 4294967295, 4294967296, -2147483648, -2147483649, 18446744073709551615,"
                         " -9223372036854775808, 18446744073709551616, -9223372036854775809, 2.5, 1e3, 0.1,"
                         " 2.220446049250313e-16, 1e-400, 1.7976931348623157e308]",
                         doc),
              std::nullopt);
    const auto& a = doc.GetArray();
    EXPECT_TRUE(a[0].IsUint() && a[0].IsInt() && a[0].GetInt() == 0);
    EXPECT_TRUE(a[1].IsInt() && a[1].GetInt() == 0);
    EXPECT_TRUE(a[2].IsUint() && a[2].GetUint() == 7u);
    EXPECT_TRUE(a[3].IsInt() && a[3].GetInt() == -7);
    EXPECT_TRUE(a[4].IsUint() && !a[4].IsInt() && a[4].GetUint() == 4294967295u);
    EXPECT_TRUE(a[5].IsUint64() && !a[5].IsUint() && a[5].GetUint64() == 4294967296u);
    EXPECT_TRUE(a[6].IsInt() && a[6].GetInt() == INT32_MIN);
    EXPECT_TRUE(a[7].IsInt64() && !a[7].IsInt() && a[7].GetInt64() == -2147483649LL);
    EXPECT_TRUE(a[8].IsUint64() && a[8].GetUint64() == UINT64_MAX);
    EXPECT_TRUE(a[9].IsInt64() && a[9].GetInt64() == INT64_MIN);
    EXPECT_TRUE(a[10].IsDouble() && a[10].GetDouble() == 18446744073709551616.0);
    EXPECT_TRUE(a[11].IsDouble() && a[11].GetDouble() == -9223372036854775809.0);
    EXPECT_TRUE(a[12].IsDouble() && a[12].GetDouble() == 2.5);
    EXPECT_TRUE(a[13].IsDouble() && a[13].GetDouble() == 1000.0);
    EXPECT_TRUE(a[14].IsDouble() && a[14].GetDouble() == 0.1);
    EXPECT_TRUE(a[15].IsDouble() && a[15].GetDouble() == 2.220446049250313e-16);
    EXPECT_TRUE(a[16].IsDouble() && a[16].GetDouble() == 0.0);
    EXPECT_TRUE(a[17].IsDouble() && a[17].GetDouble() == 1.7976931348623157e308);
    auto too_large = parse_error(R"({"x": [1, 10e308]})");
    ASSERT_TRUE(too_large);
    EXPECT_NE(too_large->find("the number 10e308 at \"x[1]\" is too large for a double"), std::string::npos) << *too_large;
    EXPECT_TRUE(parse_error("1e400"));
}

TEST(ParseJson, DeepNestingIsRefusedWithoutRecursion) {
    // 200,000 levels crashed the recursive parser (stack overflow).
    for (auto [open, close] : {std::pair{'[', ']'}, std::pair{'{', '}'}}) {
        std::string text;
        if (open == '[') {
            text = std::string(200000, '[') + std::string(200000, ']');
        } else {
            for (int i = 0; i < 150000; ++i) text += "{\"a\":";
            text += "1" + std::string(150000, '}');
        }
        auto e = parse_error(text);
        ASSERT_TRUE(e) << open;
        EXPECT_NE(e->find("nested deeper than 64 levels"), std::string::npos) << *e;
    }
    // Unbalanced, too: refused as soon as the limit is passed.
    auto e = parse_error(std::string(1000000, '['));
    ASSERT_TRUE(e);
    EXPECT_NE(e->find("deeper than 64"), std::string::npos) << *e;
}

TEST(ParseJson, DepthLimitIsExact) {
    JsonLimits limits;
    limits.max_depth = 3;
    EXPECT_EQ(parse_error("[[[1]]]", limits), std::nullopt);
    EXPECT_TRUE(parse_error("[[[[1]]]]", limits));
    EXPECT_EQ(parse_error(R"({"a": {"b": [1]}})", limits), std::nullopt);
    auto e = parse_error(R"({"a": {"b": [{"c": 1}]}})", limits);
    ASSERT_TRUE(e);
    EXPECT_NE(e->find("\"a.b[0]\""), std::string::npos) << *e;  // where it happened
}

TEST(ParseJson, DuplicateKeysAreRefused) {
    auto e = parse_error(R"({"op": {"newValue": "#111111", "newValue": "#222222"}})");
    ASSERT_TRUE(e);
    EXPECT_NE(e->find("\"newValue\" appears twice"), std::string::npos) << *e;
    EXPECT_NE(e->find("\"op\""), std::string::npos) << *e;
    // The same key in different objects is fine, and so are many keys.
    EXPECT_EQ(parse_error(R"([{"a": 1}, {"a": 2}, {"b": {"a": 3}, "a": 4}])"), std::nullopt);
    std::string many = "{";
    for (int i = 0; i < 20000; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
    EXPECT_EQ(parse_error(many + "}"), std::nullopt);
    EXPECT_TRUE(parse_error(many + ",\"k19999\":2}"));
}

TEST(ParseJson, NulCharactersAreRefused) {
    auto e = parse_error(R"({"email": "a@b.c", "password": "ab\u0000cdefghijkl"})");
    ASSERT_TRUE(e);
    EXPECT_NE(e->find("\"password\""), std::string::npos) << *e;
    EXPECT_NE(e->find("NUL"), std::string::npos) << *e;
    EXPECT_TRUE(parse_error(R"({"a\u0000b": 1})"));
    EXPECT_TRUE(parse_error(R"(["ok", "\u0000"])"));
}

TEST(ParseJson, InvalidUtf8AndLoneSurrogatesAreRefused) {
    auto lone_low = parse_error(R"({"selection": ["\udc00"]})");
    ASSERT_TRUE(lone_low);
    EXPECT_NE(lone_low->find("UTF-8"), std::string::npos) << *lone_low;
    EXPECT_NE(lone_low->find("\"selection[0]\""), std::string::npos) << *lone_low;
    EXPECT_TRUE(parse_error(R"(["\ud800"])"));              // lone high surrogate
    EXPECT_TRUE(parse_error(R"(["\ud800\u0041"])"));        // high surrogate, then not a low one
    EXPECT_TRUE(parse_error("[\"\xFF\xFE\"]"));              // raw bytes
    EXPECT_TRUE(parse_error("[\"\xED\xB0\x80\"]"));          // a raw encoded surrogate
    EXPECT_TRUE(parse_error("{\"\xC0\xAF\": 1}"));           // in a key
    // rapidjson refuses these before the checker sees them; the answer says UTF-8 all the same.
    for (std::string_view bad : {std::string_view(R"(["\ud800"])"), std::string_view("{\"name\": \"a\xC3\x28\"}"),
                                 std::string_view("[\"\xC0\xAF\"]")}) {
        auto e = parse_error(bad);
        ASSERT_TRUE(e) << bad;
        EXPECT_NE(e->find("is not valid UTF-8"), std::string::npos) << *e;
        EXPECT_NE(e->find("offset"), std::string::npos) << *e;
    }
}

TEST(Utf8, ControlCharacters) {
    EXPECT_FALSE(has_control_characters("plain text, caf\xC3\xA9 \xF0\x9F\x98\x80 \xC2\xA0"));  // NBSP is not one
    for (std::string_view bad : {std::string_view("a\nb"), std::string_view("\t"), std::string_view("\x1B[31m"),
                                 std::string_view("\x7F"), std::string_view("\xC2\x80"), std::string_view("\xC2\x9F")})
        EXPECT_TRUE(has_control_characters(bad)) << bad;
}

TEST(ParseJson, TrailingTextAndSyntaxErrorsNameTheOffset) {
    auto e = parse_error(R"({"a": 1} {"b": 2})");
    ASSERT_TRUE(e);
    EXPECT_NE(e->find("offset"), std::string::npos) << *e;
    EXPECT_TRUE(parse_error("{\"a\": }"));
    EXPECT_TRUE(parse_error(""));
    EXPECT_TRUE(parse_error("[1e400]"));  // out of double range
}

TEST(ParseJson, DocumentIsNullAfterAFailure) {
    rapidjson::Document doc;
    ASSERT_EQ(parse_json(R"({"a": 1})", doc), std::nullopt);
    ASSERT_TRUE(parse_json(R"({"a": 1, "a": 2})", doc));
    EXPECT_TRUE(doc.IsNull());
}

// ---- the WebSocket protocol through it ------------------------------------------------

ProtocolError parse_fails(std::string_view text) {
    ParseResult r = parse_client_message(text, ProtocolLimits{});
    auto* e = std::get_if<ProtocolError>(&r);
    if (!e) {
        ADD_FAILURE() << "expected an error for " << text.substr(0, 200);
        return {};
    }
    return *e;
}

TEST(ProtocolEdge, SubscribeCanonicalisesTheFileId) {
    ParseResult r = parse_client_message(R"({"type":"subscribe","payload":{"fileId":"123E4567-E89B-12D3-A456-426614174000"}})",
                                         ProtocolLimits{});
    auto* m = std::get_if<ClientMessage>(&r);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->file_id, "123e4567-e89b-12d3-a456-426614174000");
}

TEST(ProtocolEdge, HostileMessagesGetInvalidJson) {
    std::string deep = R"({"type":"presence","payload":{"selection":)" + std::string(100000, '[') +
                       std::string(100000, ']') + "}}";
    EXPECT_EQ(parse_fails(deep).code, "invalid_json");
    ProtocolError dup = parse_fails(
        R"({"type":"operation","payload":{"operations":[{"id":"o1","operationType":"update","operationType":"delete"}]}})");
    EXPECT_EQ(dup.code, "invalid_json");
    EXPECT_NE(dup.message.find("\"operationType\" appears twice"), std::string::npos) << dup.message;
    ProtocolError nul = parse_fails(
        R"({"type":"operation","payload":{"operations":[{"id":"o1","newValue":"a\u0000b"}]}})");
    EXPECT_NE(nul.message.find("\"payload.operations[0].newValue\""), std::string::npos) << nul.message;
    EXPECT_EQ(parse_fails(R"({"type":"presence","payload":{"selection":["\udc00"]}})").code, "invalid_json");
}

TEST(ProtocolEdge, RemotePresenceIsRebuiltFromCheckedFields) {
    ProtocolLimits limits;
    auto entry = [&](const std::string& text) {
        rapidjson::Document doc;
        EXPECT_EQ(parse_json(text, doc), std::nullopt) << text;
        return remote_presence_entry(doc, limits);
    };
    auto ok = entry(R"({"clientId":"c1","userId":"123E4567-E89B-12D3-A456-426614174000","userName":"Ada",)"
                    R"("color":"#e5484d","cursor":{"x":1,"y":2,"evil":"x"},"selection":["a"],"viewport":null,"extra":1})");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->find("evil"), std::string::npos) << *ok;
    EXPECT_EQ(ok->find("extra"), std::string::npos) << *ok;
    EXPECT_NE(ok->find("123e4567-e89b-12d3-a456-426614174000"), std::string::npos) << *ok;
    EXPECT_FALSE(entry(R"({"clientId":"c1","userId":"nope","userName":"Ada","color":"#fff"})"));
    EXPECT_FALSE(entry(R"({"clientId":"c1","userId":"123e4567-e89b-12d3-a456-426614174000","userName":"Ada",)"
                       R"("color":"#fff","selection":[7]})"));
    EXPECT_FALSE(entry(R"({"userId":"123e4567-e89b-12d3-a456-426614174000","userName":"Ada","color":"#fff"})"));
}

}  // namespace
}  // namespace vellum::gateway
