// The text codec and the total order of Json. The order matters beyond
// sorting: registers with equal (t, c) fall back to it, so a flaw here is a
// convergence bug in the merge.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "json.hpp"
#include "test_support.hpp"

namespace vellum::core {
namespace {

using test::J;
using test::JsonGen;

int sign(int c) { return (c > 0) - (c < 0); }

TEST(JsonText, SerializesInCanonicalForm) {
    // Keys come out sorted, separators as jsonb prints them.
    EXPECT_EQ(to_json_text(J(R"({"b":1,"a":[true,false,null],"c":{}})")),
              R"({"a": [true, false, null], "b": 1, "c": {}})");
    EXPECT_EQ(to_json_text(J("  [ ]  ")), "[]");
    EXPECT_EQ(to_json_text(J("\"\"")), "\"\"");
    EXPECT_EQ(to_json_text(J("\t\r\n 7 \n")), "7");
}

TEST(JsonText, NumbersKeepTheirText) {
    // jsonb's numeric keeps scale and digits; losing them would change values.
    for (const char* text : {"0", "-0", "1.50", "1e10", "1E+2", "-2.5e-3", "123456789012345678901234567890",
                             "0.1000000000000000000000001"}) {
        SCOPED_TRACE(text);
        Json v = J(text);
        ASSERT_TRUE(v.is_number());
        EXPECT_EQ(v.text(), text);
        EXPECT_EQ(to_json_text(v), text);
    }
}

TEST(JsonText, RoundTripsDocuments) {
    for (const char* text : {
             "null", "true", "false", "0", "\"x\"", "[]", "{}", R"([1, [2, [3, {"a": null}]]])",
             R"({"": 1, "a": {"b": {"c": [true]}}, "z": "\u00e9"})",
             R"({"objects": [{"fill": "#fff", "id": "r1", "x": 1.5}], "seq": 12})",
         }) {
        SCOPED_TRACE(text);
        Json v = J(text);
        auto again = parse_json(to_json_text(v));
        ASSERT_TRUE(again.has_value());
        EXPECT_EQ(*again, v);
        EXPECT_EQ(to_json_text(*again), to_json_text(v));
    }
}

TEST(JsonText, DecodesEveryEscape) {
    Json v = J(R"("\"\\\/\b\f\n\r\t")");
    ASSERT_TRUE(v.is_string());
    EXPECT_EQ(v.text(), std::string("\"\\/\b\f\n\r\t"));
}

TEST(JsonText, EncodesControlCharactersAndQuotes) {
    std::string out;
    append_json_string(out, std::string("a\"b\\c\n\r\t\b\f\x01\x1f/\x7f"));
    // '/' and DEL need no escape; every other control character does.
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f/\x7f\"");
    auto back = parse_json(out);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->text(), std::string("a\"b\\c\n\r\t\b\f\x01\x1f/\x7f"));
}

TEST(JsonText, KeysAreEscapedToo) {
    Json v = Json::object({{"a\"\n", Json::number(int64_t{1})}});
    EXPECT_EQ(to_json_text(v), "{\"a\\\"\\n\": 1}");
    EXPECT_EQ(J(to_json_text(v)), v);
}

TEST(JsonText, DecodesUnicodeEscapesToUtf8) {
    EXPECT_EQ(J(R"("\u0041")").text(), "A");
    EXPECT_EQ(J(R"("\u00e9")").text(), "\xc3\xa9");
    EXPECT_EQ(J(R"("\u00E9")").text(), "\xc3\xa9");
    EXPECT_EQ(J(R"("\u20ac")").text(), "\xe2\x82\xac");
    EXPECT_EQ(J(R"("\uffff")").text(), "\xef\xbf\xbf");
    // A surrogate pair is one code point, U+1F600, four UTF-8 bytes.
    EXPECT_EQ(J(R"("\ud83d\ude00")").text(), "\xf0\x9f\x98\x80");
    EXPECT_EQ(J(R"("\uD83D\uDE00")").text(), "\xf0\x9f\x98\x80");
    // The extremes of the supplementary planes.
    EXPECT_EQ(J(R"("\ud800\udc00")").text(), "\xf0\x90\x80\x80");
    EXPECT_EQ(J(R"("\udbff\udfff")").text(), "\xf4\x8f\xbf\xbf");
    // Raw UTF-8 passes through and is written back raw.
    Json raw = J("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
    EXPECT_EQ(raw.text(), "caf\xc3\xa9 \xf0\x9f\x98\x80");
    EXPECT_EQ(to_json_text(raw), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
}

struct BadText {
    std::string text;
    std::string message;
};

TEST(JsonText, RejectsEachMalformedInputWithItsReason) {
    const std::vector<BadText> cases = {
        {"", "unexpected end of JSON text"},
        {"   ", "unexpected end of JSON text"},
        {"[", "unexpected end of JSON text"},
        {"[1,", "unexpected end of JSON text"},
        {"{\"a\":", "unexpected end of JSON text"},
        {"tru", "invalid JSON value"},
        {"nul", "invalid JSON value"},
        {"True", "invalid JSON value"},
        {"NaN", "invalid JSON value"},
        {"Infinity", "invalid JSON value"},
        {"+1", "invalid JSON value"},
        {".5", "invalid JSON value"},
        {"'a'", "invalid JSON value"},
        {"[1,]", "invalid JSON value"},
        {"-", "invalid number"},
        {"-a", "invalid number"},
        {"1.", "invalid number"},
        {"1.e3", "invalid number"},
        {"1e", "invalid number"},
        {"1e+", "invalid number"},
        {"01", "unexpected characters after the JSON value"},
        {"1 2", "unexpected characters after the JSON value"},
        {"[1]]", "unexpected characters after the JSON value"},
        {"{} x", "unexpected characters after the JSON value"},
        {"[1 2]", "expected ',' or ']' in array"},
        {"[1", "expected ',' or ']' in array"},
        {"{", "expected a string key in object"},
        {"{a:1}", "expected a string key in object"},
        {"{\"a\":1,}", "expected a string key in object"},
        {"{1:2}", "expected a string key in object"},
        {"{\"a\" 1}", "expected ':' after object key"},
        {"{\"a\"", "expected ':' after object key"},
        {"{\"a\":1 \"b\":2}", "expected ',' or '}' in object"},
        {"{\"a\":1", "expected ',' or '}' in object"},
        {"\"abc", "unterminated string"},
        {"\"abc\\", "unterminated string"},
        {"\"a\x01\"", "control character in string"},
        {"\"a\nb\"", "control character in string"},
        {"\"a\tb\"", "control character in string"},
        {std::string("\"a\0b\"", 5), "control character in string"},
        {"\"\\x\"", "invalid escape in string"},
        {"\"\\U0041\"", "invalid escape in string"},
        {"\"\\u12\"", "invalid \\u escape"},
        {"\"\\u12G4\"", "invalid \\u escape"},
        {"\"\\u", "invalid \\u escape"},
        {"\"\\ud83d\"", "unpaired surrogate in \\u escape"},
        {"\"\\ud83dx\"", "unpaired surrogate in \\u escape"},
        {"\"\\ud83d\\u0041\"", "unpaired surrogate in \\u escape"},
        {"\"\\ud83d\\ud83d\"", "unpaired surrogate in \\u escape"},
        {"\"\\ude00\"", "unpaired surrogate in \\u escape"},
        {"\"\\udfff\\ud83d\"", "unpaired surrogate in \\u escape"},
        {"\"\\u0000\"", "\\u0000 is not allowed in strings"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE("input: " + c.text);
        JsonParseError error;
        auto v = parse_json(c.text, &error);
        EXPECT_FALSE(v.has_value());
        EXPECT_EQ(error.message, c.message);
        EXPECT_LE(error.offset, c.text.size());
        // Without an error out-parameter the result is the same.
        EXPECT_FALSE(parse_json(c.text).has_value());
    }
}

// Found by the JSON codec's fuzzer (extension/core/fuzz): raw bytes that are
// not UTF-8 used to pass into strings and keys, and from there into ops and
// their error messages.
TEST(JsonText, RefusesStringsThatAreNotUtf8) {
    const std::vector<std::pair<std::string, size_t>> cases = {
        {"\"\xff\"", 1},                   // never a UTF-8 byte
        {"\"ab\x80\"", 3},                 // a continuation byte alone
        {"\"\xc3\"", 1},                   // cut short by the quote
        {"\"\xc3", 1},                     // cut short by the end
        {"\"\xc3(\"", 1},                  // a lead byte without its continuation
        {"\"\xc0\xaf\"", 1},               // overlong '/'
        {"\"\xe0\x80\xaf\"", 1},           // overlong, 3 bytes
        {"\"\xed\xa0\x80\"", 1},           // U+D800, a surrogate, encoded
        {"\"\xf4\x90\x80\x80\"", 1},       // above U+10FFFF
        {"\"\xf5\x80\x80\x80\"", 1},       // never a UTF-8 byte
        {"{\"k\xff\": 1}", 3},             // in a key
        {"[\"ok\", \"caf\xc3\xa9 \xe9\"]", 14},
        // The op parser's fuzzer's input (its error message then held the bytes).
        {"{\"id\": \"op-1\", \"timestamp\": 1700000000000, \"clientId\": \"client-1\", \"operationType\": "
         "\"up\x9c\x9e\x8b\x9e\", \"objectId\": \"r1\", \"propertyPath\": \"opacity\", \"newValue\": 2}",
         87},
    };
    for (const auto& [text, offset] : cases) {
        SCOPED_TRACE("input: " + text);
        JsonParseError error;
        EXPECT_FALSE(parse_json(text, &error).has_value());
        EXPECT_EQ(error.message, "invalid UTF-8 in string");
        EXPECT_EQ(error.offset, offset);
    }
    // Every well-formed length still passes, at the edges of each range.
    for (std::string ok : {"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
                           "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf"}) {
        auto v = parse_json("\"a" + ok + "b\"");
        ASSERT_TRUE(v.has_value()) << ok;
        EXPECT_EQ(v->text(), "a" + ok + "b");
    }
}

TEST(JsonText, ReportsWhereTheErrorIs) {
    JsonParseError error;
    EXPECT_FALSE(parse_json("[1, 2, x]", &error));
    EXPECT_EQ(error.message, "invalid JSON value");
    EXPECT_EQ(error.offset, 7u);

    EXPECT_FALSE(parse_json("{\"a\": 1}  z", &error));
    EXPECT_EQ(error.offset, 10u);
}

// A value enclosed in d containers sits at depth d; deeper than max_depth fails.
std::string nested_arrays(int depth) { return std::string(depth, '[') + "0" + std::string(depth, ']'); }
std::string nested_objects(int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{\"a\":";
    s += "0";
    s += std::string(depth, '}');
    return s;
}

TEST(JsonText, EnforcesTheDepthLimit) {
    for (int limit : {0, 1, 3, 20}) {
        SCOPED_TRACE(limit);
        EXPECT_TRUE(parse_json(nested_arrays(limit), nullptr, limit).has_value());
        EXPECT_TRUE(parse_json(nested_objects(limit), nullptr, limit).has_value());
        JsonParseError error;
        EXPECT_FALSE(parse_json(nested_arrays(limit + 1), &error, limit).has_value());
        EXPECT_EQ(error.message, "JSON nested too deeply");
        error = {};
        EXPECT_FALSE(parse_json(nested_objects(limit + 1), &error, limit).has_value());
        EXPECT_EQ(error.message, "JSON nested too deeply");
    }
    // Mixed containers count alike.
    EXPECT_TRUE(parse_json(R"([{"a":[0]}])", nullptr, 3).has_value());
    EXPECT_FALSE(parse_json(R"([{"a":[[0]]}])", nullptr, 3).has_value());
}

TEST(JsonText, DefaultDepthLimitIs256) {
    EXPECT_TRUE(parse_json(nested_arrays(256)).has_value());
    JsonParseError error;
    EXPECT_FALSE(parse_json(nested_arrays(257), &error).has_value());
    EXPECT_EQ(error.message, "JSON nested too deeply");
}

TEST(JsonText, HugeNestingFailsWithoutExhaustingTheStack) {
    // The limit is what keeps the recursive parser off the end of the stack.
    std::string deep(1000000, '[');
    JsonParseError error;
    EXPECT_FALSE(parse_json(deep, &error).has_value());
    EXPECT_EQ(error.message, "JSON nested too deeply");
    std::string deep_objects;
    for (int i = 0; i < 200000; ++i) deep_objects += "{\"a\":";
    EXPECT_FALSE(parse_json(deep_objects, &error).has_value());
}

TEST(JsonCompare, OrdersKindsThenContent) {
    const std::vector<Json> ascending = {
        J("null"),     J("false"),        J("true"),     J("-10"),     J("-1.5"),     J("0"),
        J("0.5"),      J("1"),            J("2"),        J("10"),      J("1e3"),      J("\"\""),
        J("\"A\""),    J("\"a\""),        J("\"ab\""),   J("\"b\""),   J("[]"),       J("[null]"),
        J("[1]"),      J("[1, 2]"),       J("[2]"),      J("{}"),      J(R"({"a": 1})"), J(R"({"a": 1, "b": 0})"),
        J(R"({"a": 2})"), J(R"({"b": 0})"),
    };
    for (size_t i = 0; i < ascending.size(); ++i) {
        for (size_t j = 0; j < ascending.size(); ++j) {
            SCOPED_TRACE(to_json_text(ascending[i]) + " vs " + to_json_text(ascending[j]));
            EXPECT_EQ(sign(compare(ascending[i], ascending[j])), i < j ? -1 : (i == j ? 0 : 1));
        }
    }
}

TEST(JsonCompare, NumbersCompareByValueThenText) {
    EXPECT_LT(compare(J("2"), J("10")), 0);   // not text order
    EXPECT_LT(compare(J("-3"), J("-2")), 0);
    EXPECT_LT(compare(J("9.99"), J("10")), 0);
    EXPECT_EQ(compare(J("1e2"), J("1e2")), 0);
    // Equal values written differently are still distinct values, ordered
    // one way, so that equal stamps resolve the same on every replica.
    int c = compare(J("1"), J("1.0"));
    EXPECT_NE(c, 0);
    EXPECT_EQ(sign(compare(J("1.0"), J("1"))), -sign(c));
    EXPECT_NE(compare(J("0"), J("-0")), 0);
    EXPECT_NE(J("100"), J("1e2"));
}

TEST(JsonCompare, IsATotalOrderOnRandomValues) {
    JsonGen gen(20240521);
    std::vector<Json> values;
    for (int i = 0; i < 300; ++i) values.push_back(gen.value(3));
    for (const auto& a : values) {
        ASSERT_EQ(compare(a, a), 0) << to_json_text(a);
        for (const auto& b : values) {
            int ab = compare(a, b);
            ASSERT_EQ(sign(ab), -sign(compare(b, a))) << to_json_text(a) << " vs " << to_json_text(b);
            // Equality is structural: equal iff the same canonical text.
            ASSERT_EQ(ab == 0, to_json_text(a) == to_json_text(b)) << to_json_text(a) << " vs " << to_json_text(b);
        }
    }
    // Transitivity over random triples.
    for (int i = 0; i < 200000; ++i) {
        const Json& a = gen.pick(values);
        const Json& b = gen.pick(values);
        const Json& c = gen.pick(values);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) {
            ASSERT_LE(compare(a, c), 0) << to_json_text(a) << " <= " << to_json_text(b) << " <= " << to_json_text(c);
        }
    }
    // Sorting with it is consistent: each neighbour pair is in order.
    std::sort(values.begin(), values.end(), [](const Json& x, const Json& y) { return compare(x, y) < 0; });
    for (size_t i = 0; i + 1 < values.size(); ++i)
        for (size_t j = i + 1; j < values.size(); ++j) ASSERT_LE(compare(values[i], values[j]), 0);
}

// jsonb accepts numbers far beyond double range (numeric has up to 131072
// digits) and prints 1e400 as "1" followed by 400 zeros. Such a number must
// still have one place in the order, or registers with equal (t, c) stop
// converging (see merge_laws_test.cpp).
TEST(JsonCompare, IsTransitiveForNumbersBeyondDoubleRange) {
    const std::string big = "1" + std::string(400, '0');  // 1e400 as jsonb prints it
    for (const std::string& huge : {big, std::string("1e400")}) {
        SCOPED_TRACE(huge);
        Json h = Json::number(huge), two = J("2"), ten = J("10");
        ASSERT_LT(compare(two, ten), 0);
        // 1e400 is greater than both 2 and 10.
        EXPECT_GT(compare(h, two), 0);
        EXPECT_GT(compare(h, ten), 0);
    }
    Json neg = J("-1e400"), minus_two = J("-2"), minus_ten = J("-10");
    EXPECT_LT(compare(neg, minus_ten), 0);
    EXPECT_LT(compare(neg, minus_two), 0);
}

TEST(JsonObject, SortsAndDeduplicatesKeysLaterWins) {
    Json o = Json::object({{"b", J("1")}, {"a", J("2")}, {"c", J("3")}, {"b", J("4")}, {"a", J("5")}});
    ASSERT_EQ(o.members().size(), 3u);
    EXPECT_EQ(o.members()[0].first, "a");
    EXPECT_EQ(o.members()[1].first, "b");
    EXPECT_EQ(o.members()[2].first, "c");
    // As in jsonb, the last duplicate wins.
    EXPECT_EQ(*o.find("a"), J("5"));
    EXPECT_EQ(*o.find("b"), J("4"));
    EXPECT_EQ(to_json_text(o), R"({"a": 5, "b": 4, "c": 3})");
    // Parsed text follows the same rule.
    EXPECT_EQ(J(R"({"k": 1, "k": 2})"), J(R"({"k": 2})"));
}

TEST(JsonObject, BuildOrderDoesNotMatter) {
    Json x = Json::object({{"x", J("1")}, {"y", J("2")}});
    Json y = Json::object({{"y", J("2")}, {"x", J("1")}});
    Json z = Json::object();
    z.set("y", J("2"));
    z.set("x", J("1"));
    EXPECT_EQ(x, y);
    EXPECT_EQ(x, z);
    EXPECT_EQ(to_json_text(x), to_json_text(z));
}

TEST(JsonObject, SetReplacesAndFindMisses) {
    Json o = Json::object();
    o.set("m", J("1"));
    o.set("a", J("2"));
    o.set("z", J("3"));
    o.set("m", J("4"));
    ASSERT_EQ(o.members().size(), 3u);
    EXPECT_EQ(to_json_text(o), R"({"a": 2, "m": 4, "z": 3})");
    EXPECT_EQ(o.find("b"), nullptr);
    EXPECT_EQ(o.find(""), nullptr);
    EXPECT_EQ(J("[1]").find("a"), nullptr);  // not an object
    // set on a non-object turns it into an object.
    Json n = J("5");
    n.set("k", J("true"));
    EXPECT_EQ(n, J(R"({"k": true})"));
}

TEST(JsonNumber, AsInt64EdgeCases) {
    EXPECT_EQ(J("0").as_int64(), 0);
    EXPECT_EQ(J("-0").as_int64(), 0);
    EXPECT_EQ(J("42").as_int64(), 42);
    EXPECT_EQ(J("-42").as_int64(), -42);
    // jsonb keeps the scale it was given: 12.000 is still the integer 12.
    EXPECT_EQ(J("12.0").as_int64(), 12);
    EXPECT_EQ(J("12.000").as_int64(), 12);
    EXPECT_EQ(J("-0.0").as_int64(), 0);
    EXPECT_EQ(J("9223372036854775807").as_int64(), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(J("-9223372036854775808").as_int64(), std::numeric_limits<int64_t>::min());
    EXPECT_EQ(Json::number(std::numeric_limits<int64_t>::min()).as_int64(), std::numeric_limits<int64_t>::min());
    EXPECT_FALSE(J("9223372036854775808").as_int64().has_value());
    EXPECT_FALSE(J("-9223372036854775809").as_int64().has_value());
    EXPECT_FALSE(J("99999999999999999999999").as_int64().has_value());
    EXPECT_FALSE(J("12.5").as_int64().has_value());
    EXPECT_FALSE(J("12.0001").as_int64().has_value());
    EXPECT_FALSE(J("1e3").as_int64().has_value());
    EXPECT_FALSE(J("1E3").as_int64().has_value());
    EXPECT_FALSE(J("\"12\"").as_int64().has_value());
    EXPECT_FALSE(J("true").as_int64().has_value());
    EXPECT_FALSE(J("null").as_int64().has_value());
    EXPECT_FALSE(J("[1]").as_int64().has_value());
}

TEST(JsonNumber, AsDoubleEdgeCases) {
    EXPECT_EQ(J("1.5").as_double(), 1.5);
    EXPECT_EQ(J("-2").as_double(), -2.0);
    EXPECT_EQ(J("1e3").as_double(), 1000.0);
    EXPECT_EQ(J("1E-2").as_double(), 0.01);
    EXPECT_EQ(J("1e308").as_double(), 1e308);
    EXPECT_EQ(J("-0").as_double(), 0.0);
    // Out of double range: no value, rather than an infinity that would
    // pass or fail every range check.
    EXPECT_FALSE(J("1e400").as_double().has_value());
    EXPECT_FALSE(J("-1e400").as_double().has_value());
    // Underflow is a tiny finite number, which is fine.
    auto tiny = J("1e-400").as_double();
    ASSERT_TRUE(tiny.has_value());
    EXPECT_GE(*tiny, 0.0);
    EXPECT_LT(*tiny, 1e-300);
    EXPECT_FALSE(J("\"1.5\"").as_double().has_value());
    EXPECT_FALSE(J("false").as_double().has_value());
    EXPECT_FALSE(J("{}").as_double().has_value());
}

TEST(JsonMisc, KindNames) {
    EXPECT_STREQ(kind_name(Json::Kind::Null), "null");
    EXPECT_STREQ(kind_name(Json::Kind::Bool), "boolean");
    EXPECT_STREQ(kind_name(Json::Kind::Number), "number");
    EXPECT_STREQ(kind_name(Json::Kind::String), "string");
    EXPECT_STREQ(kind_name(Json::Kind::Array), "array");
    EXPECT_STREQ(kind_name(Json::Kind::Object), "object");
}

// parse_op bounds newValue by approximate_size() before measuring exactly,
// so it must never be below the real text size.
TEST(JsonMisc, ApproximateSizeIsAnUpperBoundOfTheText) {
    for (const char* text : {"[1, 2, 3]", "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]", R"({"": 1, "": 2})", R"({"": [1, 2]})",
                             R"({"a": 1, "b": 2, "c": 3})", R"(["\n", "\u0001"])"}) {
        Json v = J(text);
        EXPECT_GE(v.approximate_size(), to_json_text(v).size()) << to_json_text(v);
    }
    JsonGen gen(7);
    for (int i = 0; i < 2000; ++i) {
        Json v = gen.value(3);
        ASSERT_GE(v.approximate_size(), to_json_text(v).size()) << to_json_text(v);
    }
}

}  // namespace
}  // namespace vellum::core
