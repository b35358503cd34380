#include "rest/image_type.hpp"

#include <cctype>

#include "support/utf8.hpp"

namespace vellum::gateway {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Skips what may come before an SVG's root element: a BOM, white space, the
// XML declaration, comments and a doctype.
bool svg_root(std::string_view text) {
    if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
    for (int guard = 0; guard < 100; ++guard) {
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
        std::string_view close;
        if (starts_with(text, "<?xml")) close = "?>";
        else if (starts_with(text, "<!--")) close = "-->";
        else if (starts_with(text, "<!DOCTYPE") || starts_with(text, "<!doctype")) close = ">";
        else break;
        size_t end = text.find(close);
        if (end == std::string_view::npos) return false;
        text.remove_prefix(end + close.size());
    }
    if (!starts_with(text, "<svg")) return false;
    char after = text.size() > 4 ? text[4] : '\0';
    return after == '>' || after == '/' || std::isspace(static_cast<unsigned char>(after));
}

}  // namespace

std::optional<std::string> sniff_image_type(std::string_view b) {
    if (starts_with(b, "\x89PNG\r\n\x1a\n")) return std::string("image/png");
    if (starts_with(b, "\xFF\xD8\xFF")) return std::string("image/jpeg");
    if (b.size() >= 12 && starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP") return std::string("image/webp");
    if (is_valid_utf8(b) && b.find('\0') == std::string_view::npos && svg_root(b)) return std::string("image/svg+xml");
    return std::nullopt;
}

std::string media_type(std::string_view content_type) {
    std::string out(content_type.substr(0, content_type.find(';')));
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
    size_t start = 0;
    while (start < out.size() && std::isspace(static_cast<unsigned char>(out[start]))) ++start;
    out = out.substr(start);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace vellum::gateway
