// The extension's settings (GUCs), read once per batch.
#pragma once

#include "../core/operation.hpp"

namespace vellum::pg {

void define_settings();
core::Limits current_limits();
int max_batch_ops();

}  // namespace vellum::pg
