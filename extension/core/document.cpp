#include "document.hpp"

namespace vellum::core {

namespace {
const Json kNull;

// Deep trees are legitimate, cycles are not; this only bounds a walk over
// data that a bug or a hand edit might have corrupted.
constexpr int kMaxTreeDepth = 10000;
}  // namespace

const Json& ObjectState::value(const std::string& name) const {
    auto it = registers.find(name);
    return it == registers.end() ? kNull : it->second.value;
}

const char* op_status_name(OpStatus status) {
    switch (status) {
    case OpStatus::Applied: return "applied";
    case OpStatus::Superseded: return "superseded";
    case OpStatus::Duplicate: return "duplicate";
    case OpStatus::Rejected: return "rejected";
    }
    return "unknown";
}

void Document::preload(const std::string& object_id, std::optional<ObjectState> state) {
    objects_[object_id] = std::move(state);
}

const ObjectState* Document::find(const std::string& object_id) {
    auto it = objects_.find(object_id);
    if (it == objects_.end()) {
        std::optional<ObjectState> loaded;
        if (loader_) loaded = loader_(object_id);
        it = objects_.emplace(object_id, std::move(loaded)).first;
    }
    return it->second ? &*it->second : nullptr;
}

ObjectState& Document::mutable_object(const std::string& object_id) {
    find(object_id);
    auto& slot = objects_[object_id];
    if (!slot) slot.emplace();
    return *slot;
}

namespace {

OpOutcome rejected(std::string reason) {
    OpOutcome out;
    out.status = OpStatus::Rejected;
    out.reason = std::move(reason);
    return out;
}

OpOutcome outcome_of(bool any_won, Json old_value) {
    OpOutcome out;
    out.status = any_won ? OpStatus::Applied : OpStatus::Superseded;
    if (any_won) out.old_value = std::move(old_value);
    return out;
}

// Merges each property into the registers; collects the ones that won and
// says whether every one did.
struct Merged {
    Json won = Json::object();
    bool any = false;
    bool all = true;
};

Merged merge_properties(ObjectState& state, const Json& props, const Op& op, Json* old_value) {
    Merged m;
    for (const auto& [name, value] : props.members()) {
        if (old_value) old_value->set(name, state.value(name));
        if (merge_register(state.registers, name, Register{value, op.timestamp, op.client_id})) {
            m.won.set(name, value);
            m.any = true;
        } else {
            m.all = false;
        }
    }
    return m;
}

OpOutcome merged_outcome(bool applied, const Merged& m, Json old_value) {
    OpOutcome out = outcome_of(applied, std::move(old_value));
    if (applied && !m.all) out.effective_value = m.won;
    return out;
}

// The properties an update or create writes, as one object.
Json written_properties(const Op& op) {
    if (op.property_path) {
        Json props = Json::object();
        props.set(*op.property_path, op.new_value);
        return props;
    }
    return op.new_value;
}

}  // namespace

OpOutcome Document::apply(const Op& op, std::optional<int64_t> now_ms, const Limits& limits) {
    if (now_ms && op.timestamp > *now_ms + limits.max_clock_skew_ms)
        return rejected("timestamp " + std::to_string(op.timestamp) + " is " + std::to_string(op.timestamp - *now_ms) +
                        " ms ahead of the server clock (vellum.max_clock_skew_ms allows " +
                        std::to_string(limits.max_clock_skew_ms) + ")");
    switch (op.type) {
    case OpType::Create: return apply_create(op);
    case OpType::Update: return apply_update(op);
    case OpType::Delete: return apply_delete(op);
    case OpType::Move: return apply_move(op);
    }
    return rejected("unknown operation type");
}

namespace {
// An object's type is fixed when it is created: turning a frame that holds
// children into a rectangle would leave children under a non-container.
std::optional<std::string> check_type_unchanged(const ObjectState* existing, const Json& props) {
    const Json* type = props.find("type");
    if (!existing || !type) return std::nullopt;
    const Json& current = existing->value("type");
    if (current.is_null() || current == *type) return std::nullopt;
    return "the type of an object cannot change (it is " + current.text() + "); create a new object instead";
}

const char* article(const std::string& word) {
    return !word.empty() && std::string("aeiou").find(word[0]) != std::string::npos ? "an" : "a";
}
}  // namespace

OpOutcome Document::apply_create(const Op& op) {
    const ObjectState* existing = find(op.object_id);
    if (auto why = check_type_unchanged(existing, op.new_value)) return rejected(*why);
    Register alive{Json::boolean(false), op.timestamp, op.client_id};
    bool undelete = false;
    if (existing && existing->deleted()) {
        // Re-creating a deleted object is an undo of the delete: it wins only
        // when it is newer than the delete.
        if (compare(alive, *existing->tombstone) <= 0) return outcome_of(false, Json());
        undelete = true;
    }
    const Json& props = op.new_value;
    if (const Json* parent = props.find("parentId"))
        if (auto why = check_parent(op.object_id, *parent)) return rejected(*why);

    Json old_value = existing ? Json::object() : Json();
    ObjectState& state = mutable_object(op.object_id);
    Merged merged = merge_properties(state, props, op, existing ? &old_value : nullptr);
    bool any_won = undelete || merged.any;
    if (!state.tombstone || compare(alive, *state.tombstone) > 0) {
        state.tombstone = alive;
        any_won |= !existing;
    }
    if (any_won) changed_.insert(op.object_id);
    return merged_outcome(any_won, merged, std::move(old_value));
}

OpOutcome Document::apply_update(const Op& op) {
    const ObjectState* existing = find(op.object_id);
    if (!existing) return rejected("object \"" + op.object_id + "\" does not exist");
    if (existing->deleted()) return rejected("object \"" + op.object_id + "\" is deleted");
    Json props = written_properties(op);
    if (auto why = check_type_unchanged(existing, props)) return rejected(*why);
    if (const Json* parent = props.find("parentId"))
        if (auto why = check_parent(op.object_id, *parent)) return rejected(*why);

    Json old_value = Json::object();
    ObjectState& state = mutable_object(op.object_id);
    Merged merged = merge_properties(state, props, op, &old_value);
    if (merged.any) changed_.insert(op.object_id);
    if (op.property_path) old_value = Json(*old_value.find(*op.property_path));
    return merged_outcome(merged.any, merged, std::move(old_value));
}

OpOutcome Document::apply_delete(const Op& op) {
    const ObjectState* existing = find(op.object_id);
    if (!existing) return rejected("object \"" + op.object_id + "\" does not exist");
    Register tombstone{Json::boolean(true), op.timestamp, op.client_id};
    if (existing->tombstone && compare(tombstone, *existing->tombstone) <= 0) return outcome_of(false, Json());
    Json old_value = existing->deleted() ? Json() : values_of(existing->registers);
    mutable_object(op.object_id).tombstone = tombstone;
    changed_.insert(op.object_id);
    return outcome_of(true, std::move(old_value));
}

OpOutcome Document::apply_move(const Op& op) {
    const ObjectState* existing = find(op.object_id);
    if (!existing) return rejected("object \"" + op.object_id + "\" does not exist");
    if (existing->deleted()) return rejected("object \"" + op.object_id + "\" is deleted");
    const Json& parent = *op.new_value.find("parentId");
    if (auto why = check_parent(op.object_id, parent)) return rejected(*why);

    Json old_value = Json::object();
    ObjectState& state = mutable_object(op.object_id);
    Merged merged = merge_properties(state, op.new_value, op, &old_value);
    if (merged.any) changed_.insert(op.object_id);
    return merged_outcome(merged.any, merged, std::move(old_value));
}

std::optional<std::string> Document::check_parent(const std::string& object_id, const Json& new_parent) {
    if (new_parent.is_null()) return std::nullopt;
    const std::string& parent_id = new_parent.text();
    if (parent_id == object_id) return "object \"" + object_id + "\" cannot be its own parent";
    const ObjectState* parent = find(parent_id);
    if (!parent) return "parent \"" + parent_id + "\" does not exist";
    if (parent->deleted()) return "parent \"" + parent_id + "\" is deleted";
    const Json& type = parent->value("type");
    if (!type.is_string() || !is_container_type(type.text()))
    {
        std::string kind = type.is_string() ? type.text() : std::string("object");
        return "parent \"" + parent_id + "\" is " + article(kind) + " " + kind + "; only frames and groups hold children";
    }
    std::string current = parent_id;
    for (int depth = 0; depth < kMaxTreeDepth; ++depth) {
        const ObjectState* node = find(current);
        if (!node) return std::nullopt;
        const Json& up = node->value("parentId");
        if (!up.is_string()) return std::nullopt;
        if (up.text() == object_id)
            return "moving \"" + object_id + "\" into \"" + parent_id + "\" would make a cycle (\"" + parent_id +
                   "\" is inside \"" + object_id + "\")";
        current = up.text();
    }
    return "the tree above \"" + parent_id + "\" is deeper than " + std::to_string(kMaxTreeDepth) + " levels";
}

bool Document::hidden_by_ancestor(const std::string& object_id) {
    const ObjectState* node = find(object_id);
    for (int depth = 0; node && depth < kMaxTreeDepth; ++depth) {
        const Json& up = node->value("parentId");
        if (!up.is_string()) return false;
        node = find(up.text());
        if (!node || node->deleted()) return true;
    }
    return node != nullptr;
}

std::vector<Json> Document::live_objects() {
    std::vector<std::string> ids;
    ids.reserve(objects_.size());
    for (const auto& [id, state] : objects_)
        if (state && !state->deleted()) ids.push_back(id);
    std::vector<Json> out;
    out.reserve(ids.size());
    for (const auto& id : ids) {
        if (hidden_by_ancestor(id)) continue;
        Json values = values_of(objects_[id]->registers);
        values.set("id", Json::string(id));
        out.push_back(std::move(values));
    }
    return out;
}

}  // namespace vellum::core
