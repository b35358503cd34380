// Ids from outside are canonicalised at the edge: a uuid is parsed and
// written one way (lower case, 8-4-4-4-12), so that every comparison inside
// the gateway (rooms, NOTIFY payloads, presence channels) sees one spelling.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vellum::gateway {

// The uuid in its one spelling, or nothing when text is not a uuid written
// 8-4-4-4-12 in hexadecimal digits (either case).
std::optional<std::string> canonical_uuid(std::string_view text);
bool is_uuid(std::string_view text);
// A SHA-256 in hexadecimal (64 digits, either case), in lower case.
std::optional<std::string> canonical_sha256(std::string_view text);

}  // namespace vellum::gateway
