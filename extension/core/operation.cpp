#include "operation.hpp"

#include <cctype>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

namespace vellum::core {

const char* op_type_name(OpType type) {
    switch (type) {
    case OpType::Create: return "create";
    case OpType::Update: return "update";
    case OpType::Delete: return "delete";
    case OpType::Move: return "move";
    }
    return "unknown";
}

std::optional<OpType> op_type_from_name(const std::string& name) {
    if (name == "create") return OpType::Create;
    if (name == "update") return OpType::Update;
    if (name == "delete") return OpType::Delete;
    if (name == "move") return OpType::Move;
    return std::nullopt;
}

size_t utf8_length(const std::string& text) {
    size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool is_object_type(const std::string& type) {
    static const std::set<std::string> types = {"rectangle", "ellipse", "text", "frame", "group", "image"};
    return types.count(type) > 0;
}

bool is_container_type(const std::string& type) { return type == "frame" || type == "group"; }

namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(...), rgba(...), hsl(...), hsla(...),
// "transparent" and "none": what the canvas accepts.
bool is_colour(const std::string& s) {
    if (s == "transparent" || s == "none") return true;
    if (!s.empty() && s[0] == '#') {
        size_t n = s.size() - 1;
        if (n != 3 && n != 4 && n != 6 && n != 8) return false;
        for (size_t i = 1; i < s.size(); ++i)
            if (!is_hex(s[i])) return false;
        return true;
    }
    for (const char* fn : {"rgb(", "rgba(", "hsl(", "hsla("}) {
        std::string prefix(fn);
        if (s.size() > prefix.size() + 1 && s.compare(0, prefix.size(), prefix) == 0 && s.back() == ')') {
            for (size_t i = prefix.size(); i + 1 < s.size(); ++i) {
                char c = s[i];
                if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ',' || c == ' ' || c == '%' ||
                      c == '/' || c == '-'))
                    return false;
            }
            return true;
        }
    }
    return false;
}

// Fractional indexes are compared as byte strings, so only characters whose
// byte order is their intended order: digits and ASCII letters.
bool is_fractional_index(const std::string& s) {
    if (s.empty() || s.size() > 200) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    return true;
}

struct NumberRule {
    double min;
    double max;
    bool min_exclusive;
    const char* range;  // said in the error when out of range
};

const NumberRule* number_rule(const std::string& name) {
    static const double inf = std::numeric_limits<double>::infinity();
    static const std::map<std::string, NumberRule> rules = {
        {"x", {-inf, inf, false, "finite"}},
        {"y", {-inf, inf, false, "finite"}},
        {"width", {0, inf, false, "at least 0"}},
        {"height", {0, inf, false, "at least 0"}},
        {"rotation", {-inf, inf, false, "finite"}},
        {"opacity", {0, 1, false, "from 0 to 1"}},
        {"strokeWidth", {0, inf, false, "at least 0"}},
        {"fontSize", {0, inf, true, "greater than 0"}},
        {"cornerRadius", {0, inf, false, "at least 0"}},
        {"lineHeight", {0, inf, false, "at least 0"}},
        {"letterSpacing", {-inf, inf, false, "finite"}},
    };
    auto it = rules.find(name);
    return it == rules.end() ? nullptr : &it->second;
}

std::string describe(const Json& value) {
    std::string text = to_json_text(value);
    if (text.size() > 60) {
        size_t cut = 57;
        // Never cut a multi-byte character in two.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "...";
    }
    return text;
}

bool is_id(const Json& value, size_t max_length) {
    return value.is_string() && !value.text().empty() && utf8_length(value.text()) <= max_length;
}

}  // namespace

std::optional<std::string> validate_property(const std::string& name, const Json& value) {
    if (name.empty()) return std::string("property names must not be empty");
    if (utf8_length(name) > kMaxPropertyPathLength)
        return "property name is longer than " + std::to_string(kMaxPropertyPathLength) + " characters";
    if (name == "id") return std::string("\"id\" is the object's id and cannot be set as a property");
    if (name == "type") {
        if (!value.is_string() || !is_object_type(value.text()))
            return "\"type\" must be one of rectangle, ellipse, text, frame, group, image, not " + describe(value);
        return std::nullopt;
    }
    // Every other property may be null, which unsets it.
    if (value.is_null()) return std::nullopt;
    if (const NumberRule* rule = number_rule(name)) {
        if (!value.is_number()) return "\"" + name + "\" must be a number, not " + describe(value);
        auto d = value.as_double();
        if (!d) return "\"" + name + "\" must be a number within double range, not " + describe(value);
        if (*d < rule->min || *d > rule->max || (rule->min_exclusive && *d == rule->min))
            return "\"" + name + "\" must be " + rule->range + ", not " + describe(value);
        return std::nullopt;
    }
    if (name == "fill" || name == "stroke") {
        if (!value.is_string() || !is_colour(value.text()))
            return "\"" + name + "\" must be a colour (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), none), not " +
                   describe(value);
        return std::nullopt;
    }
    if (name == "visible" || name == "locked") {
        if (!value.is_bool()) return "\"" + name + "\" must be true or false, not " + describe(value);
        return std::nullopt;
    }
    if (name == "name" || name == "text" || name == "fontFamily" || name == "src") {
        if (!value.is_string()) return "\"" + name + "\" must be a string, not " + describe(value);
        if (name == "name" && utf8_length(value.text()) > 255) return std::string("\"name\" is longer than 255 characters");
        return std::nullopt;
    }
    if (name == "textAlign") {
        static const std::set<std::string> aligns = {"left", "center", "right", "justify"};
        if (!value.is_string() || !aligns.count(value.text()))
            return "\"textAlign\" must be left, center, right or justify, not " + describe(value);
        return std::nullopt;
    }
    if (name == "parentId") {
        if (!is_id(value, kMaxObjectIdLength))
            return "\"parentId\" must be an object id (a string of 1 to 100 characters) or null, not " + describe(value);
        return std::nullopt;
    }
    if (name == "index") {
        if (!value.is_string() || !is_fractional_index(value.text()))
            return "\"index\" must be a fractional index (1 to 200 letters and digits), not " + describe(value);
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> validate_object(const Json& object) {
    if (!object.is_object()) return std::string("an object must be a JSON object");
    const Json* id = object.find("id");
    if (!id || !is_id(*id, kMaxObjectIdLength))
        return std::string("an object needs an \"id\" of 1 to 100 characters");
    if (!object.find("type")) return "object \"" + id->text() + "\" has no type";
    for (const auto& [name, value] : object.members())
        if (name != "id")
            if (auto why = validate_property(name, value)) return "object \"" + id->text() + "\": " + *why;
    return std::nullopt;
}

ParsedOp parse_op(const Json& json, const Limits& limits) {
    ParsedOp out;
    auto reject = [&](std::string why) {
        out.op.reset();
        out.error = std::move(why);
        return out;
    };
    if (!json.is_object()) return reject(std::string("an op must be a JSON object, not ") + kind_name(json.kind()));
    if (const Json* id = json.find("id")) out.id = *id;

    Op op;
    op.id = out.id;

    const Json* type = json.find("operationType");
    if (!type) return reject("missing \"operationType\" (create, update, delete or move)");
    if (!type->is_string()) return reject("\"operationType\" must be a string");
    auto t = op_type_from_name(type->text());
    if (!t) return reject("unknown operationType " + describe(*type) + " (expected create, update, delete or move)");
    op.type = *t;

    const Json* object_id = json.find("objectId");
    if (!object_id) return reject("missing \"objectId\"");
    if (!is_id(*object_id, kMaxObjectIdLength))
        return reject("\"objectId\" must be a string of 1 to 100 characters, not " + describe(*object_id));
    op.object_id = object_id->text();

    const Json* ts = json.find("timestamp");
    if (!ts) return reject("missing \"timestamp\" (the client's clock, integer milliseconds)");
    auto tsv = ts->as_int64();
    if (!tsv || *tsv < 0) return reject("\"timestamp\" must be a non-negative integer of milliseconds, not " + describe(*ts));
    op.timestamp = *tsv;

    const Json* client = json.find("clientId");
    if (!client) return reject("missing \"clientId\"");
    if (!is_id(*client, kMaxClientIdLength))
        return reject("\"clientId\" must be a string of 1 to 100 characters, not " + describe(*client));
    op.client_id = client->text();

    if (const Json* key = json.find("idempotencyKey"); key && !key->is_null()) {
        if (!is_id(*key, kMaxIdempotencyKeyLength))
            return reject("\"idempotencyKey\" must be a string of 1 to 255 characters, not " + describe(*key));
        op.idempotency_key = key->text();
    } else if (is_id(out.id, kMaxIdempotencyKeyLength)) {
        // A client that sends an op id but no key still gets exactly-once.
        op.idempotency_key = out.id.text();
    }

    if (const Json* path = json.find("propertyPath"); path && !path->is_null()) {
        if (!path->is_string()) return reject("\"propertyPath\" must be a string, not " + describe(*path));
        op.property_path = path->text();
    }

    const Json* nv = json.find("newValue");
    if (nv) {
        if (nv->approximate_size() > limits.max_value_bytes && to_json_text(*nv).size() > limits.max_value_bytes)
            return reject("\"newValue\" is larger than " + std::to_string(limits.max_value_bytes) +
                          " bytes (vellum.max_value_bytes)");
        op.new_value = *nv;
    }

    auto check_properties = [&](const Json& props) -> std::optional<std::string> {
        for (const auto& [name, value] : props.members())
            if (auto why = validate_property(name, value)) return why;
        return std::nullopt;
    };

    switch (op.type) {
    case OpType::Create: {
        if (!nv || !nv->is_object()) return reject("a create op needs \"newValue\": an object of the new object's properties");
        Json props = Json::object();
        for (const auto& [name, value] : nv->members())
            if (name != "id") props.set(name, value);  // the id is objectId
        if (const Json* id = nv->find("id"); id && !(id->is_string() && id->text() == op.object_id))
            return reject("\"newValue.id\" differs from \"objectId\"");
        if (!props.find("type")) return reject("a create op needs \"newValue.type\" (rectangle, ellipse, text, frame, group or image)");
        if (auto why = check_properties(props)) return reject(*why);
        op.new_value = std::move(props);
        op.property_path.reset();
        break;
    }
    case OpType::Update: {
        if (!nv) return reject("an update op needs \"newValue\"");
        if (op.property_path) {
            if (auto why = validate_property(*op.property_path, *nv)) return reject(*why);
        } else {
            if (!nv->is_object())
                return reject("an update op without \"propertyPath\" needs \"newValue\" to be an object of properties");
            if (nv->members().empty()) return reject("an update op with an empty \"newValue\" changes nothing");
            if (auto why = check_properties(*nv)) return reject(*why);
        }
        break;
    }
    case OpType::Delete:
        op.property_path.reset();
        op.new_value = Json();
        break;
    case OpType::Move: {
        if (!nv || !nv->is_object()) return reject("a move op needs \"newValue\": {\"parentId\": id or null, \"index\": fractional index}");
        const Json* parent = nv->find("parentId");
        const Json* index = nv->find("index");
        if (!parent) return reject("a move op needs \"newValue.parentId\" (an object id, or null for the page)");
        if (!index) return reject("a move op needs \"newValue.index\" (a fractional index)");
        if (nv->members().size() != 2) return reject("a move op sets only \"parentId\" and \"index\"");
        if (auto why = validate_property("parentId", *parent)) return reject(*why);
        // Unlike other properties, a move's index cannot be unset.
        if (index->is_null())
            return reject("\"index\" must be a fractional index (1 to 200 letters and digits), not null: a move places the object");
        if (auto why = validate_property("index", *index)) return reject(*why);
        op.property_path.reset();
        break;
    }
    }
    out.op = std::move(op);
    return out;
}

}  // namespace vellum::core
