// A file's objects as LWW registers, and how one op changes them. The same
// code serves live ingestion (objects loaded on demand from PostgreSQL) and
// rebuild (objects replayed in memory), so the two cannot drift apart.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "json.hpp"
#include "operation.hpp"
#include "registers.hpp"

namespace vellum::core {

struct ObjectState {
    RegisterMap registers;
    // {"v": true} once deleted; a newer {"v": false} (an undo) brings it back.
    std::optional<Register> tombstone;

    bool deleted() const { return tombstone && tombstone->value.is_bool() && tombstone->value.as_bool(); }
    // The value of a property, or null.
    const Json& value(const std::string& name) const;
};

enum class OpStatus { Applied, Superseded, Duplicate, Rejected };
const char* op_status_name(OpStatus status);

struct OpOutcome {
    OpStatus status = OpStatus::Rejected;
    std::string reason;  // for Rejected
    Json old_value;      // what the server saw before an applied op
    // For an applied create, update or move of which some properties lost to
    // newer values: the properties that won. This is what the log keeps and
    // what others are sent, so that a replica that knows the values but not
    // their stamps (one loaded from vellum.document()) is not handed the
    // losers. Null when the op took effect as it was sent.
    Json effective_value;
};

class Document {
public:
    // Fetches an object that is not in memory yet; nothing when it does not exist.
    using Loader = std::function<std::optional<ObjectState>(const std::string& object_id)>;

    explicit Document(Loader loader = {}) : loader_(std::move(loader)) {}

    // Puts an object in memory without marking it changed.
    void preload(const std::string& object_id, std::optional<ObjectState> state);
    // The object, loading it when needed; null when it does not exist.
    const ObjectState* find(const std::string& object_id);

    // Applies one op. now_ms enables the clock guard (live ingestion); replay
    // passes nothing, since the op was already accepted once.
    OpOutcome apply(const Op& op, std::optional<int64_t> now_ms, const Limits& limits);

    // The objects changed since construction.
    const std::set<std::string>& changed() const { return changed_; }
    const std::map<std::string, std::optional<ObjectState>>& objects() const { return objects_; }

    // Live objects as {"id", "type", ...values}, sorted by id: the ones that
    // are not deleted and whose ancestors are not deleted either.
    std::vector<Json> live_objects();

private:
    OpOutcome apply_create(const Op& op);
    OpOutcome apply_update(const Op& op);
    OpOutcome apply_delete(const Op& op);
    OpOutcome apply_move(const Op& op);
    // Why object_id may not be given new_parent, or nothing when it may.
    std::optional<std::string> check_parent(const std::string& object_id, const Json& new_parent);
    ObjectState& mutable_object(const std::string& object_id);
    bool hidden_by_ancestor(const std::string& object_id);

    Loader loader_;
    std::map<std::string, std::optional<ObjectState>> objects_;
    std::set<std::string> changed_;
};

}  // namespace vellum::core
