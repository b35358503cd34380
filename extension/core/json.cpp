#include "json.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace vellum::core {

Json Json::boolean(bool value) {
    Json j;
    j.kind_ = Kind::Bool;
    j.bool_ = value;
    return j;
}

Json Json::number(std::string decimal_text) {
    Json j;
    j.kind_ = Kind::Number;
    j.text_ = std::move(decimal_text);
    return j;
}

Json Json::number(int64_t value) { return number(std::to_string(value)); }

Json Json::string(std::string value) {
    Json j;
    j.kind_ = Kind::String;
    j.text_ = std::move(value);
    return j;
}

Json Json::array(Array items) {
    Json j;
    j.kind_ = Kind::Array;
    j.items_ = std::move(items);
    return j;
}

Json Json::object(Object members) {
    Json j;
    j.kind_ = Kind::Object;
    auto by_key = [](const Member& a, const Member& b) { return a.first < b.first; };
    // Most objects come sorted already (from another Json, or built in order).
    if (!std::is_sorted(members.begin(), members.end(), by_key))
        std::stable_sort(members.begin(), members.end(), by_key);
    // Later duplicates win, as in jsonb; in place, as duplicates are rare.
    size_t kept = 0;
    for (size_t i = 0; i < members.size(); ++i) {
        if (kept > 0 && members[kept - 1].first == members[i].first)
            members[kept - 1].second = std::move(members[i].second);
        else if (kept++ != i)
            members[kept - 1] = std::move(members[i]);
    }
    members.resize(kept);
    j.members_ = std::move(members);
    return j;
}

std::optional<double> Json::as_double() const {
    if (kind_ != Kind::Number) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    double d = std::strtod(text_.c_str(), &end);
    if (end == text_.c_str() || *end != '\0' || !std::isfinite(d)) return std::nullopt;
    return d;
}

std::optional<int64_t> Json::as_int64() const {
    if (kind_ != Kind::Number) return std::nullopt;
    // Accept "12", "12.0", "12.000" (jsonb keeps the scale it was given).
    std::string digits = text_;
    auto dot = digits.find('.');
    if (dot != std::string::npos) {
        for (size_t i = dot + 1; i < digits.size(); ++i)
            if (digits[i] != '0') return std::nullopt;
        digits.resize(dot);
    }
    if (digits.empty() || digits.find_first_of("eE") != std::string::npos) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(digits.c_str(), &end, 10);
    if (errno == ERANGE || end == digits.c_str() || *end != '\0') return std::nullopt;
    return static_cast<int64_t>(v);
}

const Json* Json::find(std::string_view key) const {
    if (kind_ != Kind::Object) return nullptr;
    auto it = std::lower_bound(members_.begin(), members_.end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    if (it == members_.end() || it->first != key) return nullptr;
    return &it->second;
}

void Json::set(std::string key, Json value) {
    if (kind_ != Kind::Object) {
        *this = object();
    }
    auto it = std::lower_bound(members_.begin(), members_.end(), key,
                               [](const Member& m, const std::string& k) { return m.first < k; });
    if (it != members_.end() && it->first == key)
        it->second = std::move(value);
    else
        members_.insert(it, Member(std::move(key), std::move(value)));
}

size_t Json::approximate_size() const {
    switch (kind_) {
    case Kind::Null: return 4;
    case Kind::Bool: return 5;
    case Kind::Number: return text_.size();
    case Kind::String: return text_.size() * 6 + 2;  // worst case \uXXXX escapes
    case Kind::Array: {
        size_t n = 2;
        for (const auto& item : items_) n += item.approximate_size() + 2;  // ", "
        return n;
    }
    case Kind::Object: {
        size_t n = 2;
        for (const auto& m : members_) n += m.first.size() * 6 + 2 + 2 + m.second.approximate_size() + 2;  // "k": v, 
        return n;
    }
    }
    return 0;
}

const char* kind_name(Json::Kind kind) {
    switch (kind) {
    case Json::Kind::Null: return "null";
    case Json::Kind::Bool: return "boolean";
    case Json::Kind::Number: return "number";
    case Json::Kind::String: return "string";
    case Json::Kind::Array: return "array";
    case Json::Kind::Object: return "object";
    }
    return "unknown";
}

int compare(const Json& a, const Json& b) {
    if (a.kind() != b.kind()) return static_cast<int>(a.kind()) < static_cast<int>(b.kind()) ? -1 : 1;
    switch (a.kind()) {
    case Json::Kind::Null: return 0;
    case Json::Kind::Bool: return a.as_bool() == b.as_bool() ? 0 : (a.as_bool() ? 1 : -1);
    case Json::Kind::Number: {
        // By value, with numbers beyond double range as +-infinity (never by
        // text alone: that would not be transitive), then by text.
        double da = std::strtod(a.text().c_str(), nullptr), db = std::strtod(b.text().c_str(), nullptr);
        if (da != db) return da < db ? -1 : 1;
        int c = a.text().compare(b.text());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Json::Kind::String: {
        int c = a.text().compare(b.text());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Json::Kind::Array: {
        const auto& x = a.items();
        const auto& y = b.items();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (int c = compare(x[i], y[i])) return c;
        return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
    }
    case Json::Kind::Object: {
        const auto& x = a.members();
        const auto& y = b.members();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            int k = x[i].first.compare(y[i].first);
            if (k) return k < 0 ? -1 : 1;
            if (int c = compare(x[i].second, y[i].second)) return c;
        }
        return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
    }
    }
    return 0;
}

namespace {

class Parser {
public:
    Parser(std::string_view text, int max_depth) : s_(text), max_depth_(max_depth) {}

    std::optional<Json> parse_document(JsonParseError* error) {
        std::optional<Json> v = value(0);
        if (v) {
            skip_space();
            if (pos_ != s_.size()) {
                fail("unexpected characters after the JSON value");
                v.reset();
            }
        }
        if (!v && error) *error = {error_, pos_};
        return v;
    }

private:
    std::string_view s_;
    size_t pos_ = 0;
    int max_depth_;
    std::string error_;

    void fail(const char* what) {
        if (error_.empty()) error_ = what;
    }
    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }
    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    std::optional<Json> value(int depth) {
        if (depth > max_depth_) {
            fail("JSON nested too deeply");
            return std::nullopt;
        }
        skip_space();
        if (pos_ >= s_.size()) {
            fail("unexpected end of JSON text");
            return std::nullopt;
        }
        char ch = s_[pos_];
        if (ch == '{') return object(depth);
        if (ch == '[') return array(depth);
        if (ch == '"') {
            std::string str;
            if (!string(str)) return std::nullopt;
            return Json::string(std::move(str));
        }
        if (ch == '-' || (ch >= '0' && ch <= '9')) return number();
        if (literal("true")) return Json::boolean(true);
        if (literal("false")) return Json::boolean(false);
        if (literal("null")) return Json();
        fail("invalid JSON value");
        return std::nullopt;
    }

    std::optional<Json> number() {
        size_t start = pos_;
        if (s_[pos_] == '-') ++pos_;
        if (pos_ >= s_.size() || !isdigit(s_[pos_])) {
            fail("invalid number");
            return std::nullopt;
        }
        if (s_[pos_] == '0')
            ++pos_;
        else
            while (pos_ < s_.size() && isdigit(s_[pos_])) ++pos_;
        if (pos_ < s_.size() && s_[pos_] == '.') {
            ++pos_;
            if (pos_ >= s_.size() || !isdigit(s_[pos_])) {
                fail("invalid number");
                return std::nullopt;
            }
            while (pos_ < s_.size() && isdigit(s_[pos_])) ++pos_;
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            if (pos_ >= s_.size() || !isdigit(s_[pos_])) {
                fail("invalid number");
                return std::nullopt;
            }
            while (pos_ < s_.size() && isdigit(s_[pos_])) ++pos_;
        }
        return Json::number(std::string(s_.substr(start, pos_ - start)));
    }

    static bool isdigit(char c) { return c >= '0' && c <= '9'; }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    bool hex4(unsigned& out) {
        if (pos_ + 4 > s_.size()) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            int h = hex(s_[pos_ + i]);
            if (h < 0) return false;
            out = out * 16 + static_cast<unsigned>(h);
        }
        pos_ += 4;
        return true;
    }

    // The length of the well-formed UTF-8 sequence text starts with (RFC 3629:
    // no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
    static size_t utf8_sequence_length(std::string_view text) {
        unsigned char c = static_cast<unsigned char>(text[0]);
        size_t length;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) length = 2, cp = c & 0x1Fu;
        else if (c >= 0xE0 && c <= 0xEF) length = 3, cp = c & 0x0Fu;
        else if (c >= 0xF0 && c <= 0xF4) length = 4, cp = c & 0x07u;
        else return 0;
        if (text.size() < length) return 0;
        for (size_t i = 1; i < length; ++i) {
            unsigned char d = static_cast<unsigned char>(text[i]);
            if ((d & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        static const unsigned smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        return length;
    }

    static void append_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool string(std::string& out) {
        ++pos_;  // opening quote
        while (pos_ < s_.size()) {
            char ch = s_[pos_++];
            if (ch == '"') return true;
            if (static_cast<unsigned char>(ch) < 0x20) {
                fail("control character in string");
                return false;
            }
            if (static_cast<unsigned char>(ch) >= 0x80) {
                // Raw UTF-8 passes through, but only well formed: PostgreSQL
                // and browsers refuse anything else.
                size_t length = utf8_sequence_length(s_.substr(pos_ - 1));
                if (length == 0) {
                    --pos_;
                    fail("invalid UTF-8 in string");
                    return false;
                }
                out.append(s_.substr(pos_ - 1, length));
                pos_ += length - 1;
                continue;
            }
            if (ch != '\\') {
                out += ch;
                continue;
            }
            if (pos_ >= s_.size()) break;
            char esc = s_[pos_++];
            switch (esc) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(cp)) {
                    fail("invalid \\u escape");
                    return false;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned low = 0;
                    if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) {
                        fail("unpaired surrogate in \\u escape");
                        return false;
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("unpaired surrogate in \\u escape");
                    return false;
                }
                if (cp == 0) {
                    fail("\\u0000 is not allowed in strings");
                    return false;
                }
                append_utf8(out, cp);
                break;
            }
            default: fail("invalid escape in string"); return false;
            }
        }
        fail("unterminated string");
        return false;
    }

    std::optional<Json> array(int depth) {
        ++pos_;
        Json::Array items;
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            return Json::array(std::move(items));
        }
        for (;;) {
            auto v = value(depth + 1);
            if (!v) return std::nullopt;
            items.push_back(std::move(*v));
            skip_space();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') {
                ++pos_;
                return Json::array(std::move(items));
            }
            fail("expected ',' or ']' in array");
            return std::nullopt;
        }
    }

    std::optional<Json> object(int depth) {
        ++pos_;
        Json::Object members;
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            return Json::object(std::move(members));
        }
        for (;;) {
            skip_space();
            if (pos_ >= s_.size() || s_[pos_] != '"') {
                fail("expected a string key in object");
                return std::nullopt;
            }
            std::string key;
            if (!string(key)) return std::nullopt;
            skip_space();
            if (pos_ >= s_.size() || s_[pos_] != ':') {
                fail("expected ':' after object key");
                return std::nullopt;
            }
            ++pos_;
            auto v = value(depth + 1);
            if (!v) return std::nullopt;
            members.emplace_back(std::move(key), std::move(*v));
            skip_space();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') {
                ++pos_;
                return Json::object(std::move(members));
            }
            fail("expected ',' or '}' in object");
            return std::nullopt;
        }
    }
};

void write(std::string& out, const Json& v) {
    switch (v.kind()) {
    case Json::Kind::Null: out += "null"; break;
    case Json::Kind::Bool: out += v.as_bool() ? "true" : "false"; break;
    case Json::Kind::Number: out += v.text(); break;
    case Json::Kind::String: append_json_string(out, v.text()); break;
    case Json::Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto& item : v.items()) {
            if (!first) out += ", ";
            first = false;
            write(out, item);
        }
        out += ']';
        break;
    }
    case Json::Kind::Object: {
        out += '{';
        bool first = true;
        for (const auto& m : v.members()) {
            if (!first) out += ", ";
            first = false;
            append_json_string(out, m.first);
            out += ": ";
            write(out, m.second);
        }
        out += '}';
        break;
    }
    }
}

}  // namespace

std::optional<Json> parse_json(std::string_view text, JsonParseError* error, int max_depth) {
    return Parser(text, max_depth).parse_document(error);
}

void append_json_string(std::string& out, std::string_view value) {
    out += '"';
    for (char ch : value) {
        unsigned char u = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (u < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

std::string to_json_text(const Json& value) {
    std::string out;
    write(out, value);
    return out;
}

}  // namespace vellum::core
