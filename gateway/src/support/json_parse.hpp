// The one way the gateway reads JSON from outside (REST bodies, WebSocket
// messages, Redis presence): every parser is an attack surface, so every
// entry point goes through here. Iterative (no recursion, so no stack to
// exhaust), and it refuses what PostgreSQL or a browser would choke on, or
// what two readers could understand differently:
//   - nesting deeper than max_depth;
//   - invalid UTF-8, including lone surrogates written as \u escapes;
//   - NUL characters in strings and keys (PostgreSQL text and jsonb have none);
//   - an object with the same key twice;
//   - anything after the value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace vellum::gateway {

struct JsonLimits {
    int max_depth = 64;
};

// Parses text into doc; on failure returns what was wrong, with where
// (offset and the path of the value, e.g. payload.operations[3].newValue).
std::optional<std::string> parse_json(std::string_view text, rapidjson::Document& doc, const JsonLimits& limits = {});

// An HTTP request body, which must be a JSON object; the error is the
// message a 400 answer carries.
std::optional<std::string> parse_json_body(std::string_view body, rapidjson::Document& doc);

}  // namespace vellum::gateway
