#include "restore.hpp"

#include <algorithm>
#include <map>

namespace vellum::core {

int64_t latest_clock(const Document& doc) {
    int64_t latest = 0;
    for (const auto& [id, state] : doc.objects()) {
        if (!state) continue;
        for (const auto& [name, reg] : state->registers) latest = std::max(latest, reg.t);
        if (state->tombstone) latest = std::max(latest, state->tombstone->t);
    }
    return latest;
}

namespace {

Op make_op(OpType type, const std::string& object_id, Json new_value, int64_t t, const std::string& client_id) {
    Op op;
    op.type = type;
    op.object_id = object_id;
    op.new_value = std::move(new_value);
    op.timestamp = t;
    op.client_id = client_id;
    return op;
}

}  // namespace

std::vector<Op> restore_ops(Document& doc, const std::vector<Json>& target, int64_t t, const std::string& client_id) {
    std::map<std::string, const Json*> wanted;
    for (const auto& object : target)
        if (const Json* id = object.find("id"); id && id->is_string()) wanted[id->text()] = &object;

    std::vector<Op> detach_and_set;  // phase 1: every property but a non-null parent
    std::vector<Op> attach;          // phase 2: the parents
    std::vector<Op> removals;        // phase 3: what the version did not have

    for (const auto& [id, object] : wanted) {
        const ObjectState* current = doc.find(id);
        const Json& target_parent = object->find("parentId") ? *object->find("parentId") : Json();
        Json props = Json::object();
        if (!current || current->deleted()) {
            // Re-creating a deleted object keeps its old registers, so unset
            // what the version did not have, parent included.
            if (current)
                for (const auto& [name, reg] : current->registers)
                    if (!reg.value.is_null() && !object->find(name)) props.set(name, Json());
            if (current && !current->value("parentId").is_null()) props.set("parentId", Json());
            for (const auto& [name, value] : object->members())
                if (name != "id" && name != "parentId") props.set(name, value);
            detach_and_set.push_back(make_op(OpType::Create, id, std::move(props), t, client_id));
        } else {
            for (const auto& [name, value] : object->members())
                if (name != "id" && name != "parentId" && current->value(name) != value) props.set(name, value);
            for (const auto& [name, reg] : current->registers)
                if (name != "parentId" && !reg.value.is_null() && !object->find(name)) props.set(name, Json());
            if (current->value("parentId") != target_parent) props.set("parentId", Json());
            if (!props.members().empty())
                detach_and_set.push_back(make_op(OpType::Update, id, std::move(props), t, client_id));
            if (current->value("parentId") == target_parent) continue;
        }
        if (!target_parent.is_null()) {
            Json parent = Json::object();
            parent.set("parentId", target_parent);
            attach.push_back(make_op(OpType::Update, id, std::move(parent), t + 1, client_id));
        }
    }
    for (const auto& [id, state] : doc.objects())
        if (state && !state->deleted() && !wanted.count(id))
            removals.push_back(make_op(OpType::Delete, id, Json(), t, client_id));

    std::vector<Op> ops = std::move(detach_and_set);
    for (auto* phase : {&attach, &removals})
        for (auto& op : *phase) ops.push_back(std::move(op));
    return ops;
}

}  // namespace vellum::core
