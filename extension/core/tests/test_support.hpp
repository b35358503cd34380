// Helpers shared by the core's GoogleTest suites: readable JSON literals, op
// builders that go through parse_op (so tests exercise the real input path),
// failure printing, and seeded random JSON for the property and fuzz tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"
#include "json.hpp"
#include "operation.hpp"
#include "registers.hpp"

namespace vellum::core {

// gtest finds these through ADL, so failures print JSON text, not bytes.
inline void PrintTo(const Json& value, std::ostream* os) { *os << to_json_text(value); }
inline void PrintTo(const Register& reg, std::ostream* os) { *os << to_json_text(to_json(reg)); }

}  // namespace vellum::core

namespace vellum::core::test {

// A JSON literal; a typo in a test is a test failure, not a crash.
inline Json J(std::string_view text) {
    JsonParseError error;
    auto value = parse_json(text, &error);
    if (!value) {
        ADD_FAILURE() << "bad JSON literal in test: " << text << " (" << error.message << " at " << error.offset
                      << ")";
        return Json();
    }
    return *value;
}

inline ::testing::AssertionResult Contains(const std::string& haystack, const std::string& needle) {
    if (haystack.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << haystack << "\" does not contain \"" << needle << "\"";
}

inline bool same_registers(const RegisterMap& a, const RegisterMap& b) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (ia->first != ib->first || compare(ia->second, ib->second) != 0) return false;
    return true;
}

// Ops are built as the JSON a client sends and read by parse_op, so every
// document test also relies on the real normalisation (create drops "id",
// propertyPath is dropped where it means nothing, ...).
inline Op must_parse(const Json& json, const Limits& limits = Limits{}) {
    ParsedOp parsed = parse_op(json, limits);
    if (!parsed.op) {
        ADD_FAILURE() << "op rejected by parse_op: " << parsed.error << "\n  op: " << to_json_text(json);
        return Op{};
    }
    return *parsed.op;
}

inline Json op_json(const char* type, const std::string& object_id, int64_t t, const std::string& client) {
    Json j = Json::object();
    j.set("operationType", Json::string(type));
    j.set("objectId", Json::string(object_id));
    j.set("timestamp", Json::number(t));
    j.set("clientId", Json::string(client));
    return j;
}

inline Op create_op(const std::string& id, const std::string& type, int64_t t, const std::string& client = "c1",
                    Json props = Json::object()) {
    props.set("type", Json::string(type));
    Json j = op_json("create", id, t, client);
    j.set("newValue", std::move(props));
    return must_parse(j);
}

inline Op update_op(const std::string& id, const std::string& property, Json value, int64_t t,
                    const std::string& client = "c1") {
    Json j = op_json("update", id, t, client);
    j.set("propertyPath", Json::string(property));
    j.set("newValue", std::move(value));
    return must_parse(j);
}

inline Op update_props_op(const std::string& id, Json props, int64_t t, const std::string& client = "c1") {
    Json j = op_json("update", id, t, client);
    j.set("newValue", std::move(props));
    return must_parse(j);
}

inline Op delete_op(const std::string& id, int64_t t, const std::string& client = "c1") {
    return must_parse(op_json("delete", id, t, client));
}

inline Op move_op(const std::string& id, const std::optional<std::string>& parent, const std::string& index, int64_t t,
                  const std::string& client = "c1") {
    Json nv = Json::object();
    nv.set("parentId", parent ? Json::string(*parent) : Json());
    nv.set("index", Json::string(index));
    Json j = op_json("move", id, t, client);
    j.set("newValue", std::move(nv));
    return must_parse(j);
}

// Applies in replay mode (no clock guard) and insists on a status.
inline OpOutcome apply_expect(Document& doc, const Op& op, OpStatus expected) {
    OpOutcome out = doc.apply(op, std::nullopt, Limits{});
    EXPECT_EQ(op_status_name(out.status), std::string(op_status_name(expected)))
        << "op " << op_type_name(op.type) << " " << op.object_id << " t=" << op.timestamp << ": " << out.reason;
    return out;
}

inline std::vector<std::string> ids_of(const std::vector<Json>& objects) {
    std::vector<std::string> ids;
    for (const auto& o : objects) {
        const Json* id = o.find("id");
        ids.push_back(id && id->is_string() ? id->text() : std::string("<no id>"));
    }
    return ids;
}

// Seeded random JSON. Domains are small on purpose, so that equal values,
// equal keys and equal numbers written differently ("1" and "1.0") collide.
class JsonGen {
public:
    explicit JsonGen(uint32_t seed) : rng_(seed) {}

    std::mt19937& rng() { return rng_; }
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<size_t>(uniform(0, static_cast<int>(items.size()) - 1))];
    }

    // Finite numbers only: see CompareIsTransitiveForNumbersBeyondDoubleRange
    // in json_test.cpp for what happens beyond the double range.
    Json number() {
        static const std::vector<std::string> texts = {
            "0", "-0", "1", "-1", "1.0", "1.50", "1.5", "2", "10", "-2.25", "1e3", "1E-2", "0.1",
            "0.10000000000000001", "123456789012345678901234567890", "9223372036854775807", "-9223372036854775808"};
        if (chance(0.3)) return Json::number(static_cast<int64_t>(uniform(-5, 5)));
        return Json::number(pick(texts));
    }

    std::string text() {
        // ASCII, an escape-needing character, a control character, and
        // two- to four-byte UTF-8; never NUL (the parser refuses \u0000).
        static const std::vector<std::string> pieces = {"a", "b", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01",
                                                        "\x1f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
        std::string s;
        int n = uniform(0, 4);
        for (int i = 0; i < n; ++i) s += pick(pieces);
        return s;
    }

    Json scalar() {
        switch (uniform(0, 4)) {
        case 0: return Json();
        case 1: return Json::boolean(chance(0.5));
        case 2: return number();
        default: return Json::string(text());
        }
    }

    Json value(int depth = 3) {
        int kind = depth <= 0 ? 0 : uniform(0, 5);
        if (kind <= 3) return scalar();
        if (kind == 4) {
            Json::Array items;
            int n = uniform(0, 3);
            for (int i = 0; i < n; ++i) items.push_back(value(depth - 1));
            return Json::array(std::move(items));
        }
        Json::Object members;
        int n = uniform(0, 3);
        static const std::vector<std::string> keys = {"", "a", "b", "k", "\xc3\xa9", "a\"b"};
        for (int i = 0; i < n; ++i) members.emplace_back(pick(keys), value(depth - 1));
        return Json::object(std::move(members));
    }

private:
    std::mt19937 rng_;
};

}  // namespace vellum::core::test
