#include "jsonb_codec.hpp"

#include <vector>

#include "pg_bridge.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
}

namespace vellum::pg {

namespace {

// Containers under construction while the iterator walks a jsonb.
struct Frame {
    core::Json::Array items;
    core::Json::Object members;
    bool is_object = false;
    bool raw_scalar = false;
    std::string key_in_parent;  // the member name this container will get
};

struct Builder {
    std::vector<Frame> stack;
    std::string key;
    core::Json result;

    void add(core::Json value) {
        if (stack.empty()) {
            result = std::move(value);
        } else if (stack.back().is_object) {
            stack.back().members.emplace_back(std::move(key), std::move(value));
        } else {
            stack.back().items.push_back(std::move(value));
        }
    }
};

core::Json scalar_to_json(const JsonbValue& v, const char* numeric_text) {
    switch (v.type) {
    case jbvNull: return core::Json();
    case jbvBool: return core::Json::boolean(v.val.boolean);
    case jbvNumeric: return core::Json::number(numeric_text);
    case jbvString: return core::Json::string(std::string(v.val.string.val, v.val.string.len));
    default: throw std::runtime_error("unexpected jsonb scalar type");
    }
}

// Only trivially destructible locals: this runs inside pg_guard.
void walk(Jsonb* jsonb, Builder& builder) {
    JsonbIterator* it = JsonbIteratorInit(&jsonb->root);
    JsonbValue v;
    JsonbIteratorToken token;
    while ((token = JsonbIteratorNext(&it, &v, false)) != WJB_DONE) {
        switch (token) {
        case WJB_BEGIN_ARRAY:
            builder.stack.emplace_back();
            builder.stack.back().raw_scalar = v.val.array.rawScalar;
            builder.stack.back().key_in_parent = std::move(builder.key);
            break;
        case WJB_BEGIN_OBJECT:
            builder.stack.emplace_back();
            builder.stack.back().is_object = true;
            builder.stack.back().key_in_parent = std::move(builder.key);
            break;
        case WJB_KEY: builder.key.assign(v.val.string.val, v.val.string.len); break;
        case WJB_VALUE:
        case WJB_ELEM: {
            char* numeric_text = nullptr;
            if (v.type == jbvNumeric)
                numeric_text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric)));
            builder.add(scalar_to_json(v, numeric_text));
            if (numeric_text) pfree(numeric_text);
            break;
        }
        case WJB_END_ARRAY: {
            Frame frame = std::move(builder.stack.back());
            builder.stack.pop_back();
            builder.key = std::move(frame.key_in_parent);
            if (frame.raw_scalar && frame.items.size() == 1)
                builder.add(std::move(frame.items[0]));
            else
                builder.add(core::Json::array(std::move(frame.items)));
            break;
        }
        case WJB_END_OBJECT: {
            Frame frame = std::move(builder.stack.back());
            builder.stack.pop_back();
            builder.key = std::move(frame.key_in_parent);
            builder.add(core::Json::object(std::move(frame.members)));
            break;
        }
        default: break;
        }
    }
}

JsonbValue scalar_value(const core::Json& json) {
    JsonbValue v;
    switch (json.kind()) {
    case core::Json::Kind::Null: v.type = jbvNull; break;
    case core::Json::Kind::Bool:
        v.type = jbvBool;
        v.val.boolean = json.as_bool();
        break;
    case core::Json::Kind::Number:
        v.type = jbvNumeric;
        v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(json.text().c_str()),
                                                            ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
        break;
    case core::Json::Kind::String:
        v.type = jbvString;
        v.val.string.val = const_cast<char*>(json.text().data());
        v.val.string.len = static_cast<int>(json.text().size());
        break;
    default: v.type = jbvNull; break;
    }
    return v;
}

// Pushes a container value; only trivially destructible locals.
JsonbValue* push(JsonbParseState** state, const core::Json& json, JsonbIteratorToken as_scalar) {
    if (json.is_array()) {
        pushJsonbValue(state, WJB_BEGIN_ARRAY, nullptr);
        for (const auto& item : json.items()) push(state, item, WJB_ELEM);
        return pushJsonbValue(state, WJB_END_ARRAY, nullptr);
    }
    if (json.is_object()) {
        pushJsonbValue(state, WJB_BEGIN_OBJECT, nullptr);
        for (const auto& member : json.members()) {
            JsonbValue key;
            key.type = jbvString;
            key.val.string.val = const_cast<char*>(member.first.data());
            key.val.string.len = static_cast<int>(member.first.size());
            pushJsonbValue(state, WJB_KEY, &key);
            push(state, member.second, WJB_VALUE);
        }
        return pushJsonbValue(state, WJB_END_OBJECT, nullptr);
    }
    JsonbValue v = scalar_value(json);
    return pushJsonbValue(state, as_scalar, &v);
}

}  // namespace

core::Json jsonb_to_json(Jsonb* jsonb) {
    Builder builder;
    pg_guard([&] { walk(jsonb, builder); });
    return std::move(builder.result);
}

core::Json datum_to_json(Datum datum) {
    Jsonb* jsonb = nullptr;
    pg_guard([&] { jsonb = DatumGetJsonbP(datum); });
    return jsonb_to_json(jsonb);
}

Jsonb* json_to_jsonb(const core::Json& json) {
    Jsonb* out = nullptr;
    pg_guard([&] {
        if (json.is_array() || json.is_object()) {
            JsonbParseState* state = nullptr;
            JsonbValue* root = push(&state, json, WJB_VALUE);
            out = JsonbValueToJsonb(root);
        } else {
            JsonbValue v = scalar_value(json);
            out = JsonbValueToJsonb(&v);
        }
    });
    return out;
}

}  // namespace vellum::pg
