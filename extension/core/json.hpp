// A small JSON value for the pure core. The extension converts jsonb to and
// from this type through PostgreSQL's jsonb API; the text codec here serves
// tests, fuzzing and tiny payloads (NOTIFY), never the data path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vellum::core {

class Json {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<Json>;
    // Object members are kept sorted by key with unique keys, as jsonb does,
    // so that equal objects compare equal whatever order they were built in.
    using Member = std::pair<std::string, Json>;
    using Object = std::vector<Member>;

    Json() = default;
    static Json boolean(bool value);
    // Numbers keep their decimal text so that nothing is lost between jsonb's
    // arbitrary-precision numeric and the core.
    static Json number(std::string decimal_text);
    static Json number(int64_t value);
    static Json string(std::string value);
    static Json array(Array items = {});
    static Json object(Object members = {});

    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::Null; }
    bool is_bool() const { return kind_ == Kind::Bool; }
    bool is_number() const { return kind_ == Kind::Number; }
    bool is_string() const { return kind_ == Kind::String; }
    bool is_array() const { return kind_ == Kind::Array; }
    bool is_object() const { return kind_ == Kind::Object; }

    bool as_bool() const { return bool_; }
    // The decimal text of a number, or the characters of a string.
    const std::string& text() const { return text_; }
    const Array& items() const { return items_; }
    const Object& members() const { return members_; }

    std::optional<double> as_double() const;
    // The value of a number that is an integer in int64 range.
    std::optional<int64_t> as_int64() const;

    const Json* find(std::string_view key) const;
    // Inserts or replaces a member, keeping members sorted.
    void set(std::string key, Json value);
    void push_back(Json value) { items_.push_back(std::move(value)); }

    // An upper bound of the size of this value as JSON text, in bytes.
    size_t approximate_size() const;

private:
    Kind kind_ = Kind::Null;
    bool bool_ = false;
    std::string text_;
    Array items_;
    Object members_;
};

// A total order over JSON values: by kind (null < bool < number < string <
// array < object), then by content. Numbers compare by value, then by text.
int compare(const Json& a, const Json& b);
inline bool operator==(const Json& a, const Json& b) { return compare(a, b) == 0; }
inline bool operator!=(const Json& a, const Json& b) { return compare(a, b) != 0; }

const char* kind_name(Json::Kind kind);

struct JsonParseError {
    std::string message;
    size_t offset = 0;
};

// Parses RFC 8259 JSON text. Nesting deeper than max_depth is an error, and
// so are strings that are not well-formed UTF-8 (found by the JSON codec's
// fuzzer: raw bytes such as \xff or an encoded surrogate used to pass).
std::optional<Json> parse_json(std::string_view text, JsonParseError* error = nullptr,
                               int max_depth = 256);
std::string to_json_text(const Json& value);
// Appends the JSON string literal for value (with quotes) to out.
void append_json_string(std::string& out, std::string_view value);

}  // namespace vellum::core
