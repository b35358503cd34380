#include "support/json_parse.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <unordered_set>
#include <vector>

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "support/utf8.hpp"

namespace vellum::gateway {

namespace {

using rapidjson::Document;
using rapidjson::SizeType;

// Checks every SAX event, then hands it on to the document being built.
class CheckingHandler {
public:
    CheckingHandler(Document& doc, const JsonLimits& limits) : doc_(doc), limits_(limits) {}

    const std::string& error() const { return error_; }

    bool Null() { return value() && doc_.Null(); }
    bool Bool(bool b) { return value() && doc_.Bool(b); }
    bool Int(int i) { return value() && doc_.Int(i); }
    bool Uint(unsigned i) { return value() && doc_.Uint(i); }
    bool Int64(int64_t i) { return value() && doc_.Int64(i); }
    bool Uint64(uint64_t i) { return value() && doc_.Uint64(i); }
    bool Double(double d) { return value() && doc_.Double(d); }
    // Numbers arrive as their text (kParseNumbersAsStringsFlag) and are
    // converted here, not by RapidJSON: its full-precision path (1.1.0, as
    // Debian ships it) turns a zero significand with an exponent, such as
    // 0e41 or 0.000e100, into garbage like -1.94e230 (Tencent/rapidjson#1249,
    // found by the client message fuzzer). The classes stay RapidJSON's: Uint
    // or Int for 32 bits, Uint64 or Int64, else a double.
    bool RawNumber(const char* s, SizeType n, bool) {
        if (!value()) return false;
        std::string text(s, n);
        if (text.find_first_of(".eE") == std::string::npos) {
            errno = 0;
            if (text[0] == '-') {
                long long i = std::strtoll(text.c_str(), nullptr, 10);
                if (errno == 0 && i >= INT32_MIN) return doc_.Int(static_cast<int>(i));
                if (errno == 0) return doc_.Int64(i);
            } else {
                unsigned long long u = std::strtoull(text.c_str(), nullptr, 10);
                if (errno == 0 && u <= UINT32_MAX) return doc_.Uint(static_cast<unsigned>(u));
                if (errno == 0) return doc_.Uint64(u);
            }
        }
        // glibc's strtod rounds correctly; an underflow is 0, as in RapidJSON.
        double d = std::strtod(text.c_str(), nullptr);
        if (!std::isfinite(d))
            return fail("the number " + text.substr(0, 40) + " at " + path(true) + " is too large for a double");
        return doc_.Double(d);
    }
    bool String(const char* s, SizeType n, bool copy) {
        return value() && valid_text(std::string_view(s, n), "a string") && doc_.String(s, n, copy);
    }
    bool StartObject() { return value() && open(true) && doc_.StartObject(); }
    bool Key(const char* s, SizeType n, bool copy) {
        std::string_view key(s, n);
        Frame& f = frames_[depth_ - 1];
        f.key.assign(key);
        f.has_key = true;
        if (!valid_text(key, "a key")) return false;
        if (!f.keys.insert(f.key).second) return fail("the key \"" + f.key + "\" appears twice in one object at " + path(false));
        return doc_.Key(s, n, copy);
    }
    bool EndObject(SizeType members) {
        close();
        return doc_.EndObject(members);
    }
    bool StartArray() { return value() && open(false) && doc_.StartArray(); }
    bool EndArray(SizeType elements) {
        close();
        return doc_.EndArray(elements);
    }

private:
    struct Frame {
        bool object = false;
        size_t index = 0;        // arrays: the element being read
        bool started = false;    // arrays: whether an element was read yet
        bool has_key = false;    // objects: whether a key was read yet
        std::string key;         // objects: the last key read
        std::unordered_set<std::string> keys;
    };

    bool fail(std::string message) {
        error_ = std::move(message);
        return false;
    }

    // A value starts: arrays count their elements (for the path).
    bool value() {
        if (frames_.empty() || depth_ == 0) return true;
        Frame& f = frames_[depth_ - 1];
        if (!f.object) {
            if (f.started) ++f.index;
            f.started = true;
        }
        return true;
    }

    bool open(bool object) {
        if (depth_ >= limits_.max_depth)
            return fail("JSON nested deeper than " + std::to_string(limits_.max_depth) + " levels at " + path(true));
        if (frames_.size() <= static_cast<size_t>(depth_)) frames_.emplace_back();
        Frame& f = frames_[depth_];
        f.object = object;
        f.index = 0;
        f.started = false;
        f.has_key = false;
        f.key.clear();
        f.keys.clear();
        ++depth_;
        return true;
    }

    void close() { --depth_; }

    bool valid_text(std::string_view text, const char* what) {
        size_t bad = 0;
        if (!is_valid_utf8(text, &bad))
            return fail(std::string(what) + " at " + path(true) + " is not valid UTF-8 (byte " + std::to_string(bad) +
                        "; lone surrogates such as \\udc00 are not allowed)");
        if (text.find('\0') != std::string_view::npos)
            return fail(std::string(what) + " at " + path(true) + " contains a NUL character (\\u0000), which is not allowed");
        return true;
    }

    // Where the parser is, as a path from the root ("the root" at the top).
    // with_current: include the key or index being read in the innermost level.
    std::string path(bool with_current) const {
        std::string out;
        for (int d = 0; d < depth_; ++d) {
            const Frame& f = frames_[d];
            bool last = d + 1 == depth_;
            if (last && !with_current) break;
            if (f.object) {
                if (!f.has_key) break;
                out += (out.empty() ? "" : ".") + utf8_sanitized(f.key.substr(0, 100));
            } else {
                if (!f.started) break;
                out += "[" + std::to_string(f.index) + "]";
            }
        }
        return out.empty() ? "the root" : "\"" + out + "\"";
    }

    Document& doc_;
    const JsonLimits& limits_;
    std::vector<Frame> frames_;
    int depth_ = 0;
    std::string error_;
};

}  // namespace

std::optional<std::string> parse_json(std::string_view text, Document& doc, const JsonLimits& limits) {
    // The depth check runs as the parser descends, before anything deeper is
    // built; the iterative parser keeps its own stack on the heap.
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::MemoryStream stream(text.data(), text.size());
    CheckingHandler checker(doc, limits);
    rapidjson::Reader reader;
    rapidjson::ParseResult result;
    auto generate = [&](Document&) {
        result = reader.Parse<kFlags>(stream, checker);
        return !result.IsError();
    };
    doc.SetNull();
    doc.Populate(generate);
    if (!result.IsError()) return std::nullopt;
    doc.SetNull();
    if (!checker.error().empty()) return checker.error();
    // Raw bytes that are not UTF-8, and \ud800-style escapes without their
    // pair, are caught by rapidjson before a string reaches the checker:
    // said the checker's way, so that the answer names the problem.
    if (result.Code() == rapidjson::kParseErrorStringInvalidEncoding ||
        result.Code() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid)
        return "a string at offset " + std::to_string(result.Offset()) +
               " is not valid UTF-8 (lone surrogates such as \\ud800 are not allowed)";
    return std::string("not valid JSON: ") + rapidjson::GetParseError_En(result.Code()) + " at offset " +
           std::to_string(result.Offset());
}

std::optional<std::string> parse_json_body(std::string_view body, Document& doc) {
    if (auto error = parse_json(body, doc)) return "the request body must be a JSON object (" + *error + ")";
    if (!doc.IsObject()) return std::string("the request body must be a JSON object");
    return std::nullopt;
}

}  // namespace vellum::gateway
