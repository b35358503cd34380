// Structured logs: one JSON object per line on stderr. Callers pass fields;
// message bodies, passwords, tokens and connection strings are never logged.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>

namespace vellum::gateway::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3 };

using Value = std::variant<std::string, const char*, int64_t, int, double, bool>;
using Field = std::pair<const char*, Value>;

void set_level(const std::string& level);
bool enabled(Level level);
void write(Level level, const char* event, std::initializer_list<Field> fields = {});

inline void debug(const char* event, std::initializer_list<Field> fields = {}) { write(Level::Debug, event, fields); }
inline void info(const char* event, std::initializer_list<Field> fields = {}) { write(Level::Info, event, fields); }
inline void warn(const char* event, std::initializer_list<Field> fields = {}) { write(Level::Warn, event, fields); }
inline void error(const char* event, std::initializer_list<Field> fields = {}) { write(Level::Error, event, fields); }

}  // namespace vellum::gateway::log
