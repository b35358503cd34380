#include "registers.hpp"

namespace vellum::core {

int compare(const Register& a, const Register& b) {
    if (a.t != b.t) return a.t < b.t ? -1 : 1;
    if (int c = a.c.compare(b.c)) return c < 0 ? -1 : 1;
    return compare(a.value, b.value);
}

bool merge_register(RegisterMap& map, const std::string& key, const Register& candidate) {
    auto it = map.find(key);
    if (it == map.end()) {
        map.emplace(key, candidate);
        return true;
    }
    if (compare(candidate, it->second) > 0) {
        it->second = candidate;
        return true;
    }
    return false;
}

RegisterMap merge(const RegisterMap& a, const RegisterMap& b) {
    RegisterMap out = a;
    for (const auto& [key, reg] : b) merge_register(out, key, reg);
    return out;
}

Json to_json(const Register& reg) {
    Json j = Json::object();
    j.set("c", Json::string(reg.c));
    j.set("t", Json::number(reg.t));
    j.set("v", reg.value);
    return j;
}

Json to_json(const RegisterMap& map) {
    Json::Object members;
    members.reserve(map.size());
    for (const auto& [key, reg] : map) members.emplace_back(key, to_json(reg));
    return Json::object(std::move(members));
}

std::optional<Register> register_from_json(const Json& json, std::string* error) {
    auto say = [&](const char* what) {
        if (error) *error = what;
        return std::nullopt;
    };
    if (!json.is_object()) return say("a register must be an object {\"v\", \"t\", \"c\"}");
    const Json* v = json.find("v");
    const Json* t = json.find("t");
    const Json* c = json.find("c");
    if (!v) return say("a register needs \"v\" (its value)");
    if (!t) return say("a register needs \"t\" (its clock, integer milliseconds)");
    if (!c) return say("a register needs \"c\" (its client id)");
    auto ti = t->as_int64();
    if (!ti) return say("\"t\" must be an integer number of milliseconds");
    if (!c->is_string()) return say("\"c\" must be a string");
    if (json.members().size() != 3) return say("a register has only \"v\", \"t\" and \"c\"");
    return Register{*v, *ti, c->text()};
}

std::optional<RegisterMap> registers_from_json(const Json& json, std::string* error) {
    if (!json.is_object()) {
        if (error) *error = std::string("a register map must be a JSON object, not ") + kind_name(json.kind());
        return std::nullopt;
    }
    RegisterMap map;
    for (const auto& [key, value] : json.members()) {
        std::string why;
        auto reg = register_from_json(value, &why);
        if (!reg) {
            if (error) *error = "property \"" + key + "\": " + why;
            return std::nullopt;
        }
        map.emplace_hint(map.end(), key, std::move(*reg));
    }
    return map;
}

Json values_of(const RegisterMap& map) {
    Json::Object members;
    members.reserve(map.size());
    for (const auto& [key, reg] : map)
        if (!reg.value.is_null()) members.emplace_back(key, reg.value);
    return Json::object(std::move(members));
}

}  // namespace vellum::core
