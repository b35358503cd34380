// What an op may carry: every property's rule, and every way an op can be
// malformed. Rejections must name the problem, since they reach the client.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "operation.hpp"
#include "test_support.hpp"

namespace vellum::core {
namespace {

using test::Contains;
using test::J;

::testing::AssertionResult Accepts(const std::string& name, const Json& value) {
    if (auto why = validate_property(name, value))
        return ::testing::AssertionFailure() << name << " = " << to_json_text(value) << " rejected: " << *why;
    return ::testing::AssertionSuccess();
}

// Rejected, and the error mentions `mention`.
::testing::AssertionResult Rejects(const std::string& name, const Json& value, const std::string& mention) {
    auto why = validate_property(name, value);
    if (!why) return ::testing::AssertionFailure() << name << " = " << to_json_text(value) << " accepted";
    if (why->find(mention) == std::string::npos)
        return ::testing::AssertionFailure() << "error \"" << *why << "\" does not mention \"" << mention << "\"";
    return ::testing::AssertionSuccess();
}

const std::vector<std::string> kUnboundedNumbers = {"x", "y", "rotation", "letterSpacing"};
const std::vector<std::string> kNonNegativeNumbers = {"width", "height", "strokeWidth", "cornerRadius", "lineHeight"};

TEST(ValidateProperty, UnboundedNumbers) {
    for (const auto& name : kUnboundedNumbers) {
        SCOPED_TRACE(name);
        for (const char* v : {"0", "-0", "12.5", "-3", "-1e9", "1e9", "1e300", "-1e300", "360.000"})
            EXPECT_TRUE(Accepts(name, J(v)));
        EXPECT_TRUE(Rejects(name, J("\"12\""), "\"" + name + "\" must be a number"));
        EXPECT_TRUE(Rejects(name, J("true"), "must be a number"));
        EXPECT_TRUE(Rejects(name, J("[1]"), "must be a number"));
        EXPECT_TRUE(Rejects(name, J("{}"), "must be a number"));
        // Beyond double range there is no number to draw with.
        EXPECT_TRUE(Rejects(name, J("1e400"), "must be a number"));
    }
}

// Every finite double is a position, angle or spacing; the rule's "infinity"
// sentinel (1e308) is below DBL_MAX (1.797e308), so the largest doubles are
// refused, with an error that reads `"x" must be , not 1.7e308`.
TEST(ValidateProperty, UnboundedNumbersAcceptEveryFiniteDouble) {
    for (const auto& name : kUnboundedNumbers) {
        SCOPED_TRACE(name);
        EXPECT_TRUE(Accepts(name, J("1.7e308")));
        EXPECT_TRUE(Accepts(name, J("-1.7e308")));
    }
}

TEST(ValidateProperty, NonNegativeNumbers) {
    for (const auto& name : kNonNegativeNumbers) {
        SCOPED_TRACE(name);
        for (const char* v : {"0", "-0", "0.5", "100", "1e6"}) EXPECT_TRUE(Accepts(name, J(v)));
        EXPECT_TRUE(Rejects(name, J("-1"), "\"" + name + "\" must be at least 0, not -1"));
        EXPECT_TRUE(Rejects(name, J("-0.001"), "at least 0"));
        EXPECT_TRUE(Rejects(name, J("\"5\""), "must be a number"));
        EXPECT_TRUE(Rejects(name, J("false"), "must be a number"));
    }
}

TEST(ValidateProperty, OpacityIsFromZeroToOne) {
    for (const char* v : {"0", "1", "0.5", "1.0", "0.001"}) EXPECT_TRUE(Accepts("opacity", J(v)));
    EXPECT_TRUE(Rejects("opacity", J("1.01"), "\"opacity\" must be from 0 to 1, not 1.01"));
    EXPECT_TRUE(Rejects("opacity", J("-0.1"), "from 0 to 1"));
    EXPECT_TRUE(Rejects("opacity", J("2"), "from 0 to 1"));
    EXPECT_TRUE(Rejects("opacity", J("\"0.5\""), "must be a number"));
}

TEST(ValidateProperty, FontSizeIsPositive) {
    for (const char* v : {"12", "0.5", "1e-3", "400"}) EXPECT_TRUE(Accepts("fontSize", J(v)));
    EXPECT_TRUE(Rejects("fontSize", J("0"), "\"fontSize\" must be greater than 0, not 0"));
    EXPECT_TRUE(Rejects("fontSize", J("-0"), "greater than 0"));
    EXPECT_TRUE(Rejects("fontSize", J("-12"), "greater than 0"));
    EXPECT_TRUE(Rejects("fontSize", J("\"12px\""), "must be a number"));
}

// "greater than 0" is what the rule and its error say; the implementation's
// lower bound is 1e-9, so small positive sizes are refused.
TEST(ValidateProperty, FontSizeAcceptsEveryPositiveNumber) {
    EXPECT_TRUE(Accepts("fontSize", J("1e-10")));
    EXPECT_TRUE(Accepts("fontSize", J("0.0000000005")));
}

TEST(ValidateProperty, Colours) {
    for (const char* name : {"fill", "stroke"}) {
        SCOPED_TRACE(name);
        for (const char* v : {"#abc", "#ABC", "#abcd", "#a1b2c3", "#A1B2C3", "#a1b2c3d4", "rgb(1, 2, 3)",
                              "rgb(10% 20% 30% / 50%)", "rgba(1,2,3,0.5)", "hsl(120, 50%, 50%)",
                              "hsla(120, 50%, 50%, 0.3)", "hsl(-120, 50%, 50%)", "none", "transparent"})
            EXPECT_TRUE(Accepts(name, Json::string(v)));
        for (const char* v : {"", "#", "#a", "#ab", "#abcde", "#abcdefg", "#abcdef123", "#ggg", "#12 45",
                              "abc", "red", "Red", "NONE", "rgb(1,2,3", "rgb()", "rgb(a,b,c)", "RGB(1,2,3)",
                              "rgb(1,2,3);x", "rgba 1,2,3", "hsv(1,2,3)", " #fff", "#fff "})
            EXPECT_TRUE(Rejects(name, Json::string(v), "\"" + std::string(name) + "\" must be a colour"));
        EXPECT_TRUE(Rejects(name, J("16777215"), "must be a colour"));
        EXPECT_TRUE(Rejects(name, J("true"), "must be a colour"));
        EXPECT_TRUE(Rejects(name, J(R"({"r": 1})"), "must be a colour"));
    }
}

TEST(ValidateProperty, Booleans) {
    for (const char* name : {"visible", "locked"}) {
        SCOPED_TRACE(name);
        EXPECT_TRUE(Accepts(name, J("true")));
        EXPECT_TRUE(Accepts(name, J("false")));
        EXPECT_TRUE(Rejects(name, J("\"true\""), "\"" + std::string(name) + "\" must be true or false"));
        EXPECT_TRUE(Rejects(name, J("1"), "must be true or false"));
        EXPECT_TRUE(Rejects(name, J("0"), "must be true or false"));
    }
}

TEST(ValidateProperty, Strings) {
    for (const char* name : {"name", "text", "fontFamily", "src"}) {
        SCOPED_TRACE(name);
        EXPECT_TRUE(Accepts(name, J("\"\"")));
        EXPECT_TRUE(Accepts(name, J("\"Hello \\u00e9\"")));
        EXPECT_TRUE(Rejects(name, J("42"), "\"" + std::string(name) + "\" must be a string"));
        EXPECT_TRUE(Rejects(name, J("[\"a\"]"), "must be a string"));
        EXPECT_TRUE(Rejects(name, J("true"), "must be a string"));
    }
    // Long text is fine; long names are not.
    EXPECT_TRUE(Accepts("text", Json::string(std::string(100000, 'x'))));
    EXPECT_TRUE(Accepts("src", Json::string("data:image/png;base64," + std::string(5000, 'A'))));
    EXPECT_TRUE(Accepts("name", Json::string(std::string(255, 'n'))));
    EXPECT_TRUE(Rejects("name", Json::string(std::string(256, 'n')), "\"name\" is longer than 255 characters"));
}

// The limit and its error are in characters; 200 'é' are 200 characters
// (400 bytes of UTF-8) and must fit in 255.
TEST(ValidateProperty, NameLengthCountsCharactersNotBytes) {
    std::string accented;
    for (int i = 0; i < 200; ++i) accented += "\xc3\xa9";
    EXPECT_TRUE(Accepts("name", Json::string(accented)));
}

TEST(ValidateProperty, TextAlign) {
    for (const char* v : {"left", "center", "right", "justify"}) EXPECT_TRUE(Accepts("textAlign", Json::string(v)));
    for (const char* v : {"middle", "Left", "", "centre"})
        EXPECT_TRUE(Rejects("textAlign", Json::string(v), "\"textAlign\" must be left, center, right or justify"));
    EXPECT_TRUE(Rejects("textAlign", J("1"), "must be left, center, right or justify"));
}

TEST(ValidateProperty, ParentId) {
    EXPECT_TRUE(Accepts("parentId", J("\"frame-1\"")));
    EXPECT_TRUE(Accepts("parentId", Json::string(std::string(100, 'p'))));
    EXPECT_TRUE(Accepts("parentId", Json()));  // null: on the page
    EXPECT_TRUE(Rejects("parentId", J("\"\""), "\"parentId\" must be an object id"));
    EXPECT_TRUE(Rejects("parentId", Json::string(std::string(101, 'p')), "must be an object id"));
    EXPECT_TRUE(Rejects("parentId", J("5"), "must be an object id"));
    EXPECT_TRUE(Rejects("parentId", J("{}"), "must be an object id"));
}

TEST(ValidateProperty, FractionalIndex) {
    for (const char* v : {"a0", "Zz9", "a", "0", "a0V"}) EXPECT_TRUE(Accepts("index", Json::string(v)));
    EXPECT_TRUE(Accepts("index", Json::string(std::string(200, 'a'))));
    // Only characters whose byte order is their intended order.
    for (const char* v : {"", "a-0", "a 0", "a.0", "a_0", "\xc3\xa9"})
        EXPECT_TRUE(Rejects("index", Json::string(v), "\"index\" must be a fractional index"));
    EXPECT_TRUE(Rejects("index", Json::string(std::string(201, 'a')), "must be a fractional index"));
    EXPECT_TRUE(Rejects("index", J("1"), "must be a fractional index"));
}

TEST(ValidateProperty, Type) {
    for (const char* v : {"rectangle", "ellipse", "text", "frame", "group", "image"})
        EXPECT_TRUE(Accepts("type", Json::string(v)));
    for (const char* v : {"circle", "Rectangle", "", "path"})
        EXPECT_TRUE(Rejects("type", Json::string(v), "\"type\" must be one of rectangle, ellipse, text, frame, group, image"));
    // An object always has a type: it cannot be unset.
    EXPECT_TRUE(Rejects("type", Json(), "must be one of"));
    EXPECT_TRUE(Rejects("type", J("1"), "must be one of"));
}

TEST(ValidateProperty, NullUnsetsEveryOtherProperty) {
    for (const char* name : {"x", "y", "width", "height", "rotation", "opacity", "strokeWidth", "fontSize",
                             "cornerRadius", "lineHeight", "letterSpacing", "fill", "stroke", "visible", "locked",
                             "name", "text", "fontFamily", "src", "textAlign", "parentId", "index", "custom"})
        EXPECT_TRUE(Accepts(name, Json())) << name;
}

TEST(ValidateProperty, IdIsRefused) {
    EXPECT_TRUE(Rejects("id", J("\"a\""), "\"id\" is the object's id"));
    EXPECT_TRUE(Rejects("id", Json(), "\"id\" is the object's id"));
}

TEST(ValidateProperty, PropertyNamesMustBeReasonable) {
    EXPECT_TRUE(Rejects("", J("1"), "property names must not be empty"));
    EXPECT_TRUE(Accepts(std::string(255, 'k'), J("1")));
    EXPECT_TRUE(Rejects(std::string(256, 'k'), J("1"), "property name is longer than 255 characters"));
}

TEST(ValidateProperty, UnknownPropertiesAreAcceptedAsIs) {
    for (const char* v : {"1", "\"s\"", "true", "[1, {\"a\": 2}]", R"({"nested": {"deep": [null]}})", "-1e400"})
        EXPECT_TRUE(Accepts("shadow", J(v))) << v;
    EXPECT_TRUE(Accepts("data-custom", J("{}")));
}

TEST(ValidateProperty, LongValuesAreShortenedInErrors) {
    auto why = validate_property("fill", Json::string(std::string(500, 'z')));
    ASSERT_TRUE(why.has_value());
    EXPECT_LT(why->size(), 200u) << *why;
    EXPECT_TRUE(Contains(*why, "..."));
}

Json with_object_id(const std::string& object_id) {
    Json op = J(R"({"operationType": "delete", "timestamp": 1, "clientId": "c"})");
    op.set("objectId", Json::string(object_id));
    return op;
}

bool valid_utf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

// Errors travel to clients inside jsonb results and PostgreSQL messages, so
// shortening the quoted value must not cut a UTF-8 character in half.
TEST(ValidateProperty, ShortenedValuesInErrorsStayValidUtf8) {
    for (const char* prefix : {"", "a", "ab"}) {
        std::string value = prefix;
        // 120 characters: too long for an object id, whatever the prefix.
        for (int i = 0; i < 120; ++i) value += "\xc3\xa9";
        auto why = validate_property("fill", Json::string(value));
        ASSERT_TRUE(why.has_value());
        EXPECT_TRUE(valid_utf8(*why)) << "prefix \"" << prefix << "\": " << *why;
        ParsedOp parsed = parse_op(with_object_id(value), Limits{});
        ASSERT_FALSE(parsed.op.has_value());
        EXPECT_TRUE(valid_utf8(parsed.error)) << "prefix \"" << prefix << "\": " << parsed.error;
    }
}

// Objects of a version being restored get the checks a create op gets.
TEST(ValidateObject, ChecksIdTypeAndEveryProperty) {
    EXPECT_FALSE(validate_object(J(R"({"id": "r", "type": "rectangle", "x": 1, "fill": "#fff", "parentId": "f"})")));
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"[]", "an object must be a JSON object"},
        {R"({"type": "rectangle"})", "an object needs an \"id\" of 1 to 100 characters"},
        {R"({"id": "", "type": "rectangle"})", "an object needs an \"id\""},
        {R"({"id": 7, "type": "rectangle"})", "an object needs an \"id\""},
        {R"({"id": "r"})", "object \"r\" has no type"},
        {R"({"id": "r", "type": "blob"})", "object \"r\": \"type\" must be one of"},
        {R"({"id": "r", "type": "text", "opacity": 2})", "object \"r\": \"opacity\" must be from 0 to 1"},
    };
    for (const auto& [json, mention] : cases) {
        auto why = validate_object(J(json));
        ASSERT_TRUE(why.has_value()) << json;
        EXPECT_TRUE(Contains(*why, mention)) << json;
    }
    EXPECT_TRUE(validate_object(Json::object({{"id", Json::string(std::string(101, 'i'))}, {"type", J("\"text\"")}})));
}

// ---------------------------------------------------------------- parse_op

Json valid_update() {
    return J(R"({"id": "op-1", "operationType": "update", "objectId": "rect-1", "propertyPath": "x",
                 "newValue": 10, "timestamp": 1700000000000, "clientId": "client-a"})");
}

Json with(Json base, const std::string& key, Json value) {
    base.set(key, std::move(value));
    return base;
}

Json without(const Json& base, const std::string& key) {
    Json::Object members;
    for (const auto& m : base.members())
        if (m.first != key) members.push_back(m);
    return Json::object(std::move(members));
}

// Rejected, with an error naming the problem, and the op id still echoed.
::testing::AssertionResult OpRejected(const Json& op, const std::string& mention, const Limits& limits = Limits{}) {
    ParsedOp parsed = parse_op(op, limits);
    if (parsed.op) return ::testing::AssertionFailure() << "accepted: " << to_json_text(op);
    if (parsed.error.find(mention) == std::string::npos)
        return ::testing::AssertionFailure() << "error \"" << parsed.error << "\" does not mention \"" << mention
                                             << "\" for " << to_json_text(op);
    if (const Json* id = op.is_object() ? op.find("id") : nullptr; id && parsed.id != *id)
        return ::testing::AssertionFailure() << "op id not echoed: " << to_json_text(parsed.id);
    return ::testing::AssertionSuccess();
}

TEST(ParseOp, ReadsAValidUpdate) {
    ParsedOp parsed = parse_op(valid_update(), Limits{});
    ASSERT_TRUE(parsed.op.has_value()) << parsed.error;
    const Op& op = *parsed.op;
    EXPECT_EQ(op.type, OpType::Update);
    EXPECT_EQ(op.object_id, "rect-1");
    EXPECT_EQ(op.property_path, std::optional<std::string>("x"));
    EXPECT_EQ(op.new_value, J("10"));
    EXPECT_EQ(op.timestamp, 1700000000000);
    EXPECT_EQ(op.client_id, "client-a");
    EXPECT_EQ(op.id, J("\"op-1\""));
    EXPECT_EQ(parsed.id, J("\"op-1\""));
    EXPECT_TRUE(parsed.error.empty());
}

TEST(ParseOp, OpTypeNames) {
    for (OpType t : {OpType::Create, OpType::Update, OpType::Delete, OpType::Move})
        EXPECT_EQ(op_type_from_name(op_type_name(t)), t);
    EXPECT_FALSE(op_type_from_name("Create").has_value());
    EXPECT_FALSE(op_type_from_name("").has_value());
}

TEST(ParseOp, RejectsNonObjects) {
    EXPECT_TRUE(OpRejected(J("[]"), "an op must be a JSON object, not array"));
    EXPECT_TRUE(OpRejected(J("null"), "an op must be a JSON object, not null"));
    EXPECT_TRUE(OpRejected(J("\"update\""), "not string"));
}

TEST(ParseOp, RejectsBadOperationType) {
    EXPECT_TRUE(OpRejected(without(valid_update(), "operationType"), "missing \"operationType\""));
    EXPECT_TRUE(OpRejected(with(valid_update(), "operationType", J("1")), "\"operationType\" must be a string"));
    EXPECT_TRUE(OpRejected(with(valid_update(), "operationType", J("null")), "\"operationType\" must be a string"));
    EXPECT_TRUE(OpRejected(with(valid_update(), "operationType", J("\"resize\"")), "unknown operationType \"resize\""));
    EXPECT_TRUE(OpRejected(with(valid_update(), "operationType", J("\"UPDATE\"")), "unknown operationType"));
}

TEST(ParseOp, RejectsBadObjectId) {
    EXPECT_TRUE(OpRejected(without(valid_update(), "objectId"), "missing \"objectId\""));
    for (Json bad : {J("\"\""), J("7"), J("null"), J("[\"a\"]"), Json::string(std::string(101, 'o'))})
        EXPECT_TRUE(OpRejected(with(valid_update(), "objectId", bad), "\"objectId\" must be a string of 1 to 100"));
    EXPECT_TRUE(parse_op(with(valid_update(), "objectId", Json::string(std::string(100, 'o'))), Limits{}).op);
}

TEST(ParseOp, RejectsBadTimestamp) {
    EXPECT_TRUE(OpRejected(without(valid_update(), "timestamp"), "missing \"timestamp\""));
    for (const char* bad : {"-1", "1.5", "\"1700000000000\"", "null", "1e12", "99999999999999999999", "true"})
        EXPECT_TRUE(OpRejected(with(valid_update(), "timestamp", J(bad)), "\"timestamp\" must be a non-negative integer"))
            << bad;
    auto zero = parse_op(with(valid_update(), "timestamp", J("0")), Limits{});
    ASSERT_TRUE(zero.op);
    EXPECT_EQ(zero.op->timestamp, 0);
    auto scaled = parse_op(with(valid_update(), "timestamp", J("1700000000000.000")), Limits{});
    ASSERT_TRUE(scaled.op);
    EXPECT_EQ(scaled.op->timestamp, 1700000000000);
}

TEST(ParseOp, RejectsBadClientId) {
    EXPECT_TRUE(OpRejected(without(valid_update(), "clientId"), "missing \"clientId\""));
    for (Json bad : {J("\"\""), J("3"), J("null"), Json::string(std::string(101, 'c'))})
        EXPECT_TRUE(OpRejected(with(valid_update(), "clientId", bad), "\"clientId\" must be a string of 1 to 100"));
}

// operations.object_id is varchar(100): 100 characters, whatever their bytes.
TEST(ParseOp, IdLengthsCountCharactersNotBytes) {
    std::string accented;
    for (int i = 0; i < 60; ++i) accented += "\xc3\xa9";  // 60 characters, 120 bytes
    ParsedOp parsed = parse_op(with(valid_update(), "objectId", Json::string(accented)), Limits{});
    EXPECT_TRUE(parsed.op.has_value()) << parsed.error;
    parsed = parse_op(with(valid_update(), "clientId", Json::string(accented)), Limits{});
    EXPECT_TRUE(parsed.op.has_value()) << parsed.error;
}

TEST(ParseOp, RejectsBadIdempotencyKey) {
    for (Json bad : {J("\"\""), J("5"), J("true"), J("{}"), Json::string(std::string(256, 'k'))})
        EXPECT_TRUE(OpRejected(with(valid_update(), "idempotencyKey", bad), "\"idempotencyKey\" must be a string of 1 to 255"));
    auto ok = parse_op(with(valid_update(), "idempotencyKey", Json::string(std::string(255, 'k'))), Limits{});
    ASSERT_TRUE(ok.op);
    EXPECT_EQ(ok.op->idempotency_key, std::string(255, 'k'));
}

TEST(ParseOp, IdempotencyKeyFallsBackToStringId) {
    auto key_of = [](const Json& op) {
        ParsedOp parsed = parse_op(op, Limits{});
        EXPECT_TRUE(parsed.op.has_value()) << parsed.error;
        return parsed.op ? parsed.op->idempotency_key : std::string("<rejected>");
    };
    // No key: the string id serves, so retries of the op are deduplicated.
    EXPECT_EQ(key_of(valid_update()), "op-1");
    // A null key is no key.
    EXPECT_EQ(key_of(with(valid_update(), "idempotencyKey", Json())), "op-1");
    // An explicit key wins over the id.
    EXPECT_EQ(key_of(with(valid_update(), "idempotencyKey", J("\"k-9\""))), "k-9");
    // Ids that cannot be keys give no deduplication, not a rejection.
    EXPECT_EQ(key_of(with(valid_update(), "id", J("7"))), "");
    EXPECT_EQ(key_of(with(valid_update(), "id", J("\"\""))), "");
    EXPECT_EQ(key_of(with(valid_update(), "id", Json::string(std::string(256, 'i')))), "");
    EXPECT_EQ(key_of(with(valid_update(), "id", Json::string(std::string(255, 'i')))), std::string(255, 'i'));
    EXPECT_EQ(key_of(without(valid_update(), "id")), "");
}

TEST(ParseOp, EchoesWhateverIdTheOpCarried) {
    ParsedOp parsed = parse_op(with(without(valid_update(), "objectId"), "id", J("[1, 2]")), Limits{});
    EXPECT_FALSE(parsed.op);
    EXPECT_EQ(parsed.id, J("[1, 2]"));
    parsed = parse_op(without(without(valid_update(), "objectId"), "id"), Limits{});
    EXPECT_TRUE(parsed.id.is_null());
}

TEST(ParseOp, RejectsNonStringPropertyPath) {
    EXPECT_TRUE(OpRejected(with(valid_update(), "propertyPath", J("1")), "\"propertyPath\" must be a string"));
    EXPECT_TRUE(OpRejected(with(valid_update(), "propertyPath", J("[\"x\"]")), "\"propertyPath\" must be a string"));
    // A null path is no path: newValue must then be an object of properties.
    EXPECT_TRUE(OpRejected(with(valid_update(), "propertyPath", Json()), "needs \"newValue\" to be an object"));
}

TEST(ParseOp, BoundsNewValueByTheLimit) {
    Limits limits;
    limits.max_value_bytes = 64;
    // A string of n characters is n + 2 bytes of JSON.
    Json at_limit = with(valid_update(), "propertyPath", J("\"text\""));
    auto ok = parse_op(with(at_limit, "newValue", Json::string(std::string(62, 't'))), limits);
    EXPECT_TRUE(ok.op.has_value()) << ok.error;
    EXPECT_TRUE(OpRejected(with(at_limit, "newValue", Json::string(std::string(63, 't'))),
                           "\"newValue\" is larger than 64 bytes", limits));
    // The default is 256 KiB.
    EXPECT_TRUE(OpRejected(with(at_limit, "newValue", Json::string(std::string(262144, 't'))),
                           "larger than 262144 bytes"));
    // Strings that need escapes are measured as written, not as stored.
    auto escaped = parse_op(with(at_limit, "newValue", Json::string(std::string(40, '\n'))), limits);
    EXPECT_FALSE(escaped.op.has_value());
}

// The cheap approximate_size() pre-check must not let an oversized value
// through: this array of 40 digits is 118 bytes as JSON text ("[0, 0, ...]").
TEST(ParseOp, OversizedArrayOfSmallNumbersIsRejected) {
    Limits limits;
    limits.max_value_bytes = 100;
    Json::Array zeros(40, Json::number(int64_t{0}));
    Json value = Json::array(zeros);
    ASSERT_GT(to_json_text(value).size(), 100u);
    Json op = with(with(valid_update(), "propertyPath", J("\"points\"")), "newValue", value);
    EXPECT_TRUE(OpRejected(op, "larger than 100 bytes", limits));
}

Json valid_create() {
    return J(R"({"id": "op-2", "operationType": "create", "objectId": "rect-1",
                 "newValue": {"type": "rectangle", "x": 1, "fill": "#fff"},
                 "timestamp": 5, "clientId": "client-a"})");
}

TEST(ParseOp, Create) {
    ParsedOp parsed = parse_op(valid_create(), Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_EQ(parsed.op->type, OpType::Create);
    EXPECT_EQ(parsed.op->new_value, J(R"({"type": "rectangle", "x": 1, "fill": "#fff"})"));
    EXPECT_FALSE(parsed.op->property_path.has_value());

    // newValue.id may repeat objectId; it is then dropped, since it is no property.
    Json nv = J(R"({"id": "rect-1", "type": "frame"})");
    parsed = parse_op(with(valid_create(), "newValue", nv), Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_EQ(parsed.op->new_value, J(R"({"type": "frame"})"));

    // A propertyPath means nothing on a create.
    parsed = parse_op(with(valid_create(), "propertyPath", J("\"x\"")), Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_FALSE(parsed.op->property_path.has_value());
}

TEST(ParseOp, RejectsMalformedCreates) {
    EXPECT_TRUE(OpRejected(without(valid_create(), "newValue"), "a create op needs \"newValue\""));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J("\"rectangle\"")), "a create op needs \"newValue\""));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"x": 1})")), "a create op needs \"newValue.type\""));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J("{}")), "needs \"newValue.type\""));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"type": "blob"})")), "\"type\" must be one of"));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"type": null})")), "\"type\" must be one of"));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"type": "text", "opacity": 3})")),
                           "\"opacity\" must be from 0 to 1"));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"id": "other", "type": "text"})")),
                           "\"newValue.id\" differs from \"objectId\""));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"id": 5, "type": "text"})")),
                           "\"newValue.id\" differs from \"objectId\""));
    EXPECT_TRUE(OpRejected(with(valid_create(), "newValue", J(R"({"type": "text", "parentId": ""})")),
                           "\"parentId\" must be an object id"));
}

TEST(ParseOp, Update) {
    // Without a path, newValue is an object of properties, each checked.
    ParsedOp parsed = parse_op(with(without(valid_update(), "propertyPath"), "newValue", J(R"({"x": 1, "fill": null})")),
                               Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_FALSE(parsed.op->property_path.has_value());
    EXPECT_EQ(parsed.op->new_value, J(R"({"x": 1, "fill": null})"));
    // A path with null unsets that property.
    parsed = parse_op(with(valid_update(), "newValue", Json()), Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_TRUE(parsed.op->new_value.is_null());
}

TEST(ParseOp, RejectsMalformedUpdates) {
    EXPECT_TRUE(OpRejected(without(valid_update(), "newValue"), "an update op needs \"newValue\""));
    EXPECT_TRUE(OpRejected(with(valid_update(), "newValue", J("\"ten\"")), "\"x\" must be a number"));
    EXPECT_TRUE(OpRejected(with(valid_update(), "propertyPath", J("\"id\"")), "\"id\" is the object's id"));
    EXPECT_TRUE(OpRejected(with(valid_update(), "propertyPath", J("\"\"")), "property names must not be empty"));
    Json no_path = without(valid_update(), "propertyPath");
    EXPECT_TRUE(OpRejected(no_path, "needs \"newValue\" to be an object of properties"));
    EXPECT_TRUE(OpRejected(with(no_path, "newValue", J("{}")), "an update op with an empty \"newValue\" changes nothing"));
    EXPECT_TRUE(OpRejected(with(no_path, "newValue", J(R"({"x": 1, "visible": "yes"})")), "\"visible\" must be true or false"));
    EXPECT_TRUE(OpRejected(with(no_path, "newValue", J(R"({"id": "x"})")), "\"id\" is the object's id"));
}

TEST(ParseOp, Delete) {
    // A delete carries nothing but its target.
    Json op = with(with(valid_update(), "operationType", J("\"delete\"")), "newValue", J(R"({"junk": 1})"));
    ParsedOp parsed = parse_op(op, Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_EQ(parsed.op->type, OpType::Delete);
    EXPECT_TRUE(parsed.op->new_value.is_null());
    EXPECT_FALSE(parsed.op->property_path.has_value());
    EXPECT_TRUE(parse_op(without(without(op, "newValue"), "propertyPath"), Limits{}).op);
}

Json valid_move() {
    return J(R"({"id": "op-3", "operationType": "move", "objectId": "rect-1",
                 "newValue": {"parentId": "frame-1", "index": "a0"}, "timestamp": 5, "clientId": "client-a"})");
}

TEST(ParseOp, Move) {
    ParsedOp parsed = parse_op(valid_move(), Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
    EXPECT_EQ(parsed.op->type, OpType::Move);
    EXPECT_EQ(parsed.op->new_value, J(R"({"parentId": "frame-1", "index": "a0"})"));
    parsed = parse_op(with(valid_move(), "newValue", J(R"({"parentId": null, "index": "Zz"})")), Limits{});
    ASSERT_TRUE(parsed.op) << parsed.error;
}

TEST(ParseOp, RejectsMalformedMoves) {
    EXPECT_TRUE(OpRejected(without(valid_move(), "newValue"), "a move op needs \"newValue\""));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J("\"frame-1\"")), "a move op needs \"newValue\""));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"index": "a0"})")), "needs \"newValue.parentId\""));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"parentId": "f"})")), "needs \"newValue.index\""));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"parentId": "f", "index": "a0", "x": 1})")),
                           "a move op sets only \"parentId\" and \"index\""));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"parentId": "", "index": "a0"})")),
                           "\"parentId\" must be an object id"));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"parentId": 3, "index": "a0"})")),
                           "\"parentId\" must be an object id"));
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"parentId": "f", "index": "a-0"})")),
                           "\"index\" must be a fractional index"));
}

// A move places the object: its index is required, and null is no index
// (validate_property lets null through to mean "unset", which a move must not).
TEST(ParseOp, MoveIndexMustNotBeNull) {
    EXPECT_TRUE(OpRejected(with(valid_move(), "newValue", J(R"({"parentId": "f", "index": null})")),
                           "\"index\" must be a fractional index"));
}

}  // namespace
}  // namespace vellum::core
