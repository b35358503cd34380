// Small helpers for building JSON text with the gateway's one JSON library
// (RapidJSON).
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace vellum::gateway {

// A JSON string literal, quotes included.
std::string json_quote(std::string_view text);
std::string json_text(const rapidjson::Value& value);

}  // namespace vellum::gateway
