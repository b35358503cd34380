// libFuzzer target: the core's JSON text codec (parse_json, to_json_text).
// For any bytes: a refusal says what and where; an accepted text is valid
// UTF-8, its strings hold no NUL, its nesting is within the bound (and the
// bound is exact), it round-trips through its canonical text, and
// approximate_size() is an upper bound of that text (parse_op trusts it to
// skip the exact size check).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "json.hpp"

using vellum::core::Json;
using vellum::core::JsonParseError;
using vellum::core::parse_json;
using vellum::core::to_json_text;

namespace {

// 0 for a scalar or an empty container, else one more than its deepest
// child: parse_json accepts a value exactly when this is at most max_depth.
int depth_of(const Json& v) {
    int deepest = -1;
    for (const auto& item : v.items()) deepest = std::max(deepest, depth_of(item));
    for (const auto& m : v.members()) deepest = std::max(deepest, depth_of(m.second));
    return deepest + 1;
}

void check_text(const Json& v) {
    if (v.is_string()) {
        FUZZ_CHECK(vellum::fuzz::well_formed_utf8(v.text()), "string is not UTF-8: " + to_json_text(v));
        FUZZ_CHECK(v.text().find('\0') == std::string::npos, "string holds a NUL");
    }
    for (const auto& item : v.items()) check_text(item);
    for (size_t i = 0; i < v.members().size(); ++i) {
        const auto& [key, value] = v.members()[i];
        FUZZ_CHECK(vellum::fuzz::well_formed_utf8(key), "key is not UTF-8");
        FUZZ_CHECK(key.find('\0') == std::string::npos, "key holds a NUL");
        if (i > 0) FUZZ_CHECK(v.members()[i - 1].first < key, "object members not sorted and unique");
        check_text(value);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    JsonParseError error;
    auto value = parse_json(text, &error);
    if (!value) {
        FUZZ_CHECK(!error.message.empty(), "a refusal without a message");
        FUZZ_CHECK(error.offset <= size, "error offset beyond the text: " + std::to_string(error.offset));
        return 0;
    }
    // Outside strings only ASCII is accepted, so the whole text is UTF-8.
    FUZZ_CHECK(vellum::fuzz::well_formed_utf8(text), "accepted text is not UTF-8");
    check_text(*value);
    FUZZ_CHECK(compare(*value, *value) == 0, "a value differs from itself");

    std::string canonical = to_json_text(*value);
    auto again = parse_json(canonical, &error);
    FUZZ_CHECK(again.has_value(), "canonical text does not parse: " + canonical + " (" + error.message + ")");
    FUZZ_CHECK(*again == *value, "round trip changed the value: " + canonical);
    FUZZ_CHECK(to_json_text(*again) == canonical, "canonical text is not stable: " + canonical);
    FUZZ_CHECK(value->approximate_size() >= canonical.size(),
               "approximate_size " + std::to_string(value->approximate_size()) + " < " +
                   std::to_string(canonical.size()) + " for " + canonical);

    int depth = depth_of(*value);
    FUZZ_CHECK(depth <= 256, "nesting beyond the default bound accepted: " + std::to_string(depth));
    FUZZ_CHECK(parse_json(canonical, nullptr, depth).has_value(), "refused at its own depth");
    if (depth > 0) {
        auto shallow = parse_json(canonical, &error, depth - 1);
        FUZZ_CHECK(!shallow && error.message == "JSON nested too deeply",
                   "accepted beyond max_depth " + std::to_string(depth - 1) + ": " + canonical);
    }
    return 0;
}
