#include "support/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace vellum::gateway::log {

namespace {
std::atomic<int> min_level{static_cast<int>(Level::Info)};
std::mutex output;

const char* level_name(Level level) {
    switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
    }
    return "info";
}
}  // namespace

void set_level(const std::string& level) {
    Level l = Level::Info;
    if (level == "debug") l = Level::Debug;
    if (level == "warn") l = Level::Warn;
    if (level == "error") l = Level::Error;
    min_level = static_cast<int>(l);
}

bool enabled(Level level) { return static_cast<int>(level) >= min_level.load(); }

void write(Level level, const char* event, std::initializer_list<Field> fields) {
    if (!enabled(level)) return;
    using namespace std::chrono;
    auto now = system_clock::now();
    std::time_t seconds = system_clock::to_time_t(now);
    int millis = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);

    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("time");
    w.String(stamp);
    w.Key("level");
    w.String(level_name(level));
    w.Key("event");
    w.String(event);
    for (const auto& [key, value] : fields) {
        w.Key(key);
        std::visit(
            [&w](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
                else if constexpr (std::is_same_v<T, const char*>) w.String(v ? v : "");
                else if constexpr (std::is_same_v<T, bool>) w.Bool(v);
                else if constexpr (std::is_same_v<T, double>) w.Double(v);
                else w.Int64(static_cast<int64_t>(v));
            },
            value);
    }
    w.EndObject();
    std::lock_guard<std::mutex> lock(output);
    std::fprintf(stderr, "%s\n", buffer.GetString());
}

}  // namespace vellum::gateway::log
