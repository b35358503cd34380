// A bounded, deterministic fuzz of everything that reads untrusted input:
// the text parser, parse_op, and Document::apply. Seeds are fixed so that a
// failure reproduces; the iteration counts keep the suite to seconds.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "document.hpp"
#include "test_support.hpp"

namespace vellum::core {
namespace {

using test::J;
using test::JsonGen;

constexpr int kIterations = 20000;

// What must hold for any parse: a value round-trips through its text, and
// a failure says what and where.
void check_parse(const std::string& text) {
    JsonParseError error;
    auto value = parse_json(text, &error);
    if (!value) {
        ASSERT_FALSE(error.message.empty()) << "no error message for: " << text;
        ASSERT_LE(error.offset, text.size()) << text;
        return;
    }
    std::string canonical = to_json_text(*value);
    auto again = parse_json(canonical, &error);
    ASSERT_TRUE(again.has_value()) << "canonical text does not parse: " << canonical << " (" << error.message << ")";
    ASSERT_EQ(*again, *value) << canonical;
    ASSERT_EQ(to_json_text(*again), canonical);
}

TEST(Fuzz, RandomBytesIntoTheParser) {
    JsonGen gen(1);
    // Bias towards JSON's own characters so that parses get somewhere.
    const std::string alphabet = "{}[]:,\"\\/ \t\n0123456789-+.eEtrufalsn" "abu\x01\x7f\xc3\xa9\xff";
    int parsed = 0;
    for (int i = 0; i < kIterations; ++i) {
        std::string text;
        int n = gen.uniform(0, 40);
        for (int k = 0; k < n; ++k)
            text += gen.chance(0.9) ? alphabet[static_cast<size_t>(gen.uniform(0, static_cast<int>(alphabet.size()) - 1))]
                                    : static_cast<char>(gen.uniform(0, 255));
        check_parse(text);
        if (HasFatalFailure()) return;
        if (parse_json(text)) ++parsed;
    }
    EXPECT_GT(parsed, 100);  // the fuzz reached the success path too
}

std::string mutate(std::string text, JsonGen& gen) {
    static const std::vector<std::string> inserts = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud83d",
                                                     "\\udc00", "0", "-", "1e", "null", "true", " ", "\x01", "\xc3"};
    int edits = gen.uniform(1, 4);
    for (int e = 0; e < edits; ++e) {
        size_t pos = text.empty() ? 0 : static_cast<size_t>(gen.uniform(0, static_cast<int>(text.size())));
        switch (gen.uniform(0, 4)) {
        case 0: text.insert(pos, gen.pick(inserts)); break;
        case 1:
            if (pos < text.size()) text.erase(pos, static_cast<size_t>(gen.uniform(1, 4)));
            break;
        case 2:
            if (pos < text.size()) text[pos] = static_cast<char>(gen.uniform(0, 255));
            break;
        case 3: {  // duplicate a slice, e.g. to nest deeper
            size_t len = static_cast<size_t>(gen.uniform(1, 12));
            if (pos < text.size()) text.insert(pos, text.substr(pos, len));
            break;
        }
        default: text = text.substr(0, pos); break;  // truncation
        }
    }
    return text;
}

TEST(Fuzz, MutatedValidJsonIntoTheParser) {
    JsonGen gen(2);
    std::vector<std::string> seeds = {
        R"({"id": "op-1", "operationType": "update", "objectId": "r", "propertyPath": "x", "newValue": 10,
            "timestamp": 1700000000000, "clientId": "c"})",
        R"({"x": {"v": "\u00e9\ud83d\ude00", "t": 12, "c": "client"}, "y": {"v": [1, 2.5e-3, null], "t": 0, "c": ""}})",
        R"([[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]])",
        R"("escapes \" \\ \/ \b \f \n \r \t \u0001 \uffff")",
        "-0.0e+00",
    };
    for (int i = 0; i < 200; ++i) seeds.push_back(to_json_text(gen.value(4)));
    for (int i = 0; i < kIterations; ++i) {
        check_parse(mutate(gen.pick(seeds), gen));
        if (HasFatalFailure()) return;
    }
}

TEST(Fuzz, RandomValuesRoundTripThroughText) {
    JsonGen gen(3);
    for (int i = 0; i < kIterations; ++i) {
        Json v = gen.value(4);
        std::string text = to_json_text(v);
        auto back = parse_json(text);
        ASSERT_TRUE(back.has_value()) << text;
        ASSERT_EQ(*back, v) << text;
    }
}

// Ops that are mostly well formed, so that many reach Document::apply, with
// every field now and then replaced by junk.
class OpGen {
public:
    explicit OpGen(uint32_t seed) : gen_(seed) {}

    Json op() {
        static const std::vector<std::string> types = {"create", "update", "delete", "move", "rename"};
        static const std::vector<std::string> ids = {"a", "b", "c", "d", "f1", "g1"};
        static const std::vector<std::string> obj_types = {"frame", "group", "rectangle", "text", "blob"};
        static const std::vector<std::string> props = {"x", "opacity", "fill", "visible", "name", "parentId",
                                                       "index", "type", "id", "custom", ""};
        Json j = Json::object();
        if (gen_.chance(0.97)) j.set("operationType", junk_or(Json::string(gen_.pick(types))));
        if (gen_.chance(0.97)) j.set("objectId", junk_or(Json::string(gen_.pick(ids))));
        if (gen_.chance(0.97)) j.set("timestamp", junk_or(Json::number(static_cast<int64_t>(gen_.uniform(0, 50)))));
        if (gen_.chance(0.97)) j.set("clientId", junk_or(Json::string(gen_.chance(0.5) ? "c1" : "c2")));
        if (gen_.chance(0.5)) j.set("id", junk_or(Json::string("op" + std::to_string(gen_.uniform(0, 9)))));
        if (gen_.chance(0.2)) j.set("idempotencyKey", junk_or(Json::string("k")));
        if (gen_.chance(0.3)) j.set("propertyPath", junk_or(Json::string(gen_.pick(props))));
        if (gen_.chance(0.9)) {
            Json nv = Json::object();
            int n = gen_.uniform(0, 3);
            for (int k = 0; k < n; ++k) {
                const std::string& p = gen_.pick(props);
                Json v;
                if (p == "parentId") v = gen_.chance(0.3) ? Json() : Json::string(gen_.pick(ids));
                else if (p == "type") v = Json::string(gen_.pick(obj_types));
                else if (p == "index") v = Json::string(gen_.chance(0.8) ? "a0" : "a-0");
                else if (gen_.chance(0.7)) v = valid_value(p);
                else v = gen_.value(2);
                nv.set(p, v);
            }
            if (gen_.chance(0.5)) nv.set("type", Json::string(gen_.pick(obj_types)));
            j.set("newValue", junk_or(nv));
        }
        if (gen_.chance(0.02)) return gen_.value(3);  // not an op at all
        return j;
    }

private:
    Json valid_value(const std::string& p) {
        if (p == "x") return Json::number(static_cast<int64_t>(gen_.uniform(-5, 5)));
        if (p == "opacity") return J(gen_.chance(0.5) ? "0.5" : "1");
        if (p == "fill") return J(gen_.chance(0.5) ? "\"#fff\"" : "\"none\"");
        if (p == "visible") return Json::boolean(gen_.chance(0.5));
        if (p == "name") return Json::string(gen_.text());
        return gen_.value(2);
    }
    Json junk_or(Json value) { return gen_.chance(0.04) ? gen_.value(2) : value; }
    JsonGen gen_;
};

// Invariants of a document after any sequence of ops.
void check_document(Document& doc) {
    std::vector<Json> live = doc.live_objects();
    std::set<std::string> live_ids;
    std::string previous;
    for (const auto& o : live) {
        const Json* id = o.find("id");
        ASSERT_TRUE(id && id->is_string()) << to_json_text(o);
        ASSERT_TRUE(live_ids.empty() || previous < id->text()) << "not sorted or duplicated: " << id->text();
        previous = id->text();
        live_ids.insert(id->text());
        const Json* type = o.find("type");
        ASSERT_TRUE(type && type->is_string() && is_object_type(type->text())) << to_json_text(o);
        for (const auto& [name, value] : o.members()) {
            ASSERT_FALSE(value.is_null()) << "unset property listed: " << to_json_text(o);
            if (name != "id") { ASSERT_FALSE(validate_property(name, value)) << to_json_text(o); }
        }
    }
    // A live object's ancestors are all live, and the tree has no cycle.
    for (const auto& o : live) {
        std::set<std::string> seen{o.find("id")->text()};
        const Json* parent = o.find("parentId");
        while (parent) {
            ASSERT_TRUE(live_ids.count(parent->text())) << "live object under a hidden parent: " << to_json_text(o);
            ASSERT_TRUE(seen.insert(parent->text()).second) << "cycle through " << parent->text();
            const ObjectState* up = doc.find(parent->text());
            ASSERT_NE(up, nullptr);
            parent = up->value("parentId").is_null() ? nullptr : &up->value("parentId");
        }
    }
}

TEST(Fuzz, RandomOpsIntoParseOpAndApply) {
    OpGen ops(4);
    Limits limits;
    limits.max_value_bytes = 200;  // small enough for the fuzz to hit it
    limits.max_clock_skew_ms = 5;  // timestamps run to 50 against a clock of 40
    int applied = 0, rejected_by_parse = 0, rejected_by_doc = 0;
    for (int round = 0; round < kIterations / 50; ++round) {
        Document doc;
        for (int i = 0; i < 50; ++i) {
            Json json = ops.op();
            ParsedOp parsed = parse_op(json, limits);
            // Exactly one of an op or an error.
            ASSERT_NE(parsed.op.has_value(), !parsed.error.empty()) << to_json_text(json);
            if (!parsed.op) {
                ++rejected_by_parse;
                continue;
            }
            const Op& op = *parsed.op;
            ASSERT_FALSE(op.object_id.empty());
            ASSERT_FALSE(op.client_id.empty());
            ASSERT_GE(op.timestamp, 0);
            std::set<std::string> changed_before = doc.changed();
            OpOutcome out = doc.apply(op, 40, limits);
            switch (out.status) {
            case OpStatus::Applied:
                ++applied;
                ASSERT_TRUE(doc.changed().count(op.object_id)) << to_json_text(json);
                break;
            case OpStatus::Rejected:
                ++rejected_by_doc;
                ASSERT_FALSE(out.reason.empty());
                ASSERT_EQ(doc.changed(), changed_before) << "a rejected op changed something: " << to_json_text(json);
                break;
            case OpStatus::Superseded:
                ASSERT_EQ(doc.changed(), changed_before) << to_json_text(json);
                break;
            case OpStatus::Duplicate: FAIL() << "the document knows nothing of idempotency keys";
            }
            check_document(doc);
            if (HasFatalFailure()) return;
        }
    }
    // All three paths were exercised.
    EXPECT_GT(applied, 400);
    EXPECT_GT(rejected_by_parse, 1000);
    EXPECT_GT(rejected_by_doc, 500);
}

TEST(Fuzz, ParseOpNeverCrashesOnArbitraryJson) {
    JsonGen gen(5);
    for (int i = 0; i < kIterations; ++i) {
        Json json = gen.value(4);
        ParsedOp parsed = parse_op(json, Limits{});
        ASSERT_NE(parsed.op.has_value(), !parsed.error.empty());
        // Random values are never well-formed ops.
        ASSERT_FALSE(parsed.op.has_value()) << to_json_text(json);
    }
}

}  // namespace
}  // namespace vellum::core
