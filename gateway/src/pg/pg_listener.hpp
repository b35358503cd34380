// The dedicated LISTEN connection. It reconnects by itself (backoff with
// jitter) and, once listening again, says so: notifications sent while it
// was away are lost, so rooms then catch up by seq.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "support/backoff.hpp"
#include "pg/pg_connection.hpp"

namespace vellum::gateway {

class PgListener : public std::enable_shared_from_this<PgListener> {
public:
    PgListener(net::io_context& ioc, std::string conninfo, std::vector<std::string> channels, NotifyCallback on_notify,
               std::function<void(bool reconnected)> on_listening);
    void start();
    void stop();
    bool listening() const { return listening_; }

private:
    void open();
    void listen_next(size_t index);
    void retry_later();

    net::io_context& ioc_;
    std::string conninfo_;
    std::vector<std::string> channels_;
    NotifyCallback on_notify_;
    std::function<void(bool)> on_listening_;
    std::shared_ptr<PgConnection> connection_;
    Backoff backoff_;
    net::steady_timer retry_timer_;
    bool listening_ = false;
    bool ever_listened_ = false;
    bool stopped_ = false;
};

}  // namespace vellum::gateway
