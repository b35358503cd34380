#include "app.hpp"

#include <rapidjson/document.h>

#include "log.hpp"

namespace vellum::gateway {

App::App(net::io_context& io, Config cfg)
    : ioc(io), config(std::move(cfg)),
      pool(std::make_shared<PgPool>(io, config.database_url, config.pg_pool_size, pg_breaker)),
      hub(io, *pool, metrics), batcher(io, *pool, hub, metrics) {}

void App::start() {
    pool->start();
    listener = std::make_shared<PgListener>(
        ioc, config.database_url, std::vector<std::string>{"vellum_changes"},
        [this](const std::string&, const std::string& payload) {
            // {"fileId": "...", "fromSeq": n, "toSeq": m}, written by the extension.
            rapidjson::Document doc;
            doc.Parse(payload.c_str());
            if (!doc.IsObject() || !doc.HasMember("fileId") || !doc["fileId"].IsString() || !doc.HasMember("toSeq") ||
                !doc["toSeq"].IsInt64())
                return log::warn("notification_malformed");
            hub.notified(doc["fileId"].GetString(), doc["toSeq"].GetInt64());
        },
        [this](bool reconnected) {
            // Notifications sent while we were not listening are lost: catch up.
            if (reconnected) hub.catch_up_all();
        });
    listener->start();
    hub.start_presence_flush();
}

void App::begin_shutdown() {
    draining = true;
}

}  // namespace vellum::gateway
