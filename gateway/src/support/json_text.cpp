#include "support/json_text.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "support/utf8.hpp"

namespace vellum::gateway {

std::string json_quote(std::string_view text) {
    // The gateway sends text frames: what it writes must be valid UTF-8
    // even when it echoes something it was given (a path, a name).
    std::string sanitized;
    if (!is_valid_utf8(text)) {
        sanitized = utf8_sanitized(text);
        text = sanitized;
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string json_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    value.Accept(w);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace vellum::gateway
