// Restoring a version is itself a list of ops, so that open browsers see it
// live and it can be undone like any other edit.
#pragma once

#include <string>
#include <vector>

#include "document.hpp"

namespace vellum::core {

// The greatest clock any register or tombstone of the document holds.
int64_t latest_clock(const Document& doc);

// The ops that bring doc's objects to target (a version's objects, as
// {"id", "type", ...values}). They are stamped t and t + 1 by client_id, so t
// must exceed latest_clock(doc). Parents are detached before they are set, so
// no intermediate step makes a cycle.
std::vector<Op> restore_ops(Document& doc, const std::vector<Json>& target, int64_t t, const std::string& client_id);

}  // namespace vellum::core
