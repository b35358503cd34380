// The JSON text helpers.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "support/json_text.hpp"

namespace vellum::gateway {
namespace {

TEST(GatewayJsonText, QuoteEscapes) {
    EXPECT_EQ(json_quote("plain"), "\"plain\"");
    EXPECT_EQ(json_quote(""), "\"\"");
    EXPECT_EQ(json_quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    EXPECT_EQ(json_quote(std::string_view("a\0b", 3)), "\"a\\u0000b\"") << "an embedded NUL is kept";
    EXPECT_EQ(json_quote("\x01"), "\"\\u0001\"");
}

TEST(GatewayJsonText, QuoteRoundTrips) {
    std::string tricky = "</script> \"' \\ \t\r\n \xc3\xa9 \xe2\x9c\x93";
    std::string quoted = json_quote(tricky);
    rapidjson::Document doc;
    doc.Parse(quoted.c_str(), quoted.size());
    ASSERT_FALSE(doc.HasParseError()) << quoted;
    ASSERT_TRUE(doc.IsString());
    EXPECT_EQ(std::string(doc.GetString(), doc.GetStringLength()), tricky);
}

TEST(GatewayJsonText, TextIsCompact) {
    rapidjson::Document doc;
    doc.Parse(R"( { "a" : [ 1 , 2.5 , "x" ] , "b" : { } , "c" : null } )");
    ASSERT_FALSE(doc.HasParseError());
    EXPECT_EQ(json_text(doc), R"({"a":[1,2.5,"x"],"b":{},"c":null})");
    EXPECT_EQ(json_text(doc["a"]), "[1,2.5,\"x\"]");
}

}  // namespace
}  // namespace vellum::gateway
