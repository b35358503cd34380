#include "pg/pg_listener.hpp"

#include "support/log.hpp"

namespace vellum::gateway {

PgListener::PgListener(net::io_context& ioc, std::string conninfo, std::vector<std::string> channels,
                       NotifyCallback on_notify, std::function<void(bool)> on_listening)
    : ioc_(ioc), conninfo_(std::move(conninfo)), channels_(std::move(channels)), on_notify_(std::move(on_notify)),
      on_listening_(std::move(on_listening)), backoff_(Backoff::Options{std::chrono::milliseconds(100),
                                                                        std::chrono::milliseconds(5000),
                                                                        std::chrono::milliseconds(100)}),
      retry_timer_(ioc) {}

void PgListener::start() { open(); }

void PgListener::stop() {
    stopped_ = true;
    retry_timer_.cancel();
    if (connection_) connection_->close();
}

void PgListener::open() {
    if (stopped_) return;
    listening_ = false;
    connection_ = std::make_shared<PgConnection>(ioc_, conninfo_);
    connection_->on_notify(on_notify_);
    std::weak_ptr<PgListener> weak = shared_from_this();
    connection_->on_broken([weak] {
        if (auto self = weak.lock()) {
            log::warn("postgres_listen_connection_lost");
            self->listening_ = false;
            self->retry_later();
        }
    });
    connection_->connect([weak](bool ok, const std::string& error) {
        auto self = weak.lock();
        if (!self) return;
        if (!ok) {
            log::warn("postgres_listen_connect_failed", {{"error", error.substr(0, error.find('\n'))}});
            self->retry_later();
            return;
        }
        self->listen_next(0);
    });
}

void PgListener::listen_next(size_t index) {
    if (index == channels_.size()) {
        listening_ = true;
        bool reconnected = ever_listened_;
        ever_listened_ = true;
        backoff_.reset();
        log::info("postgres_listening", {{"reconnected", reconnected}});
        on_listening_(reconnected);
        return;
    }
    std::weak_ptr<PgListener> weak = shared_from_this();
    // Channel names are ours (constants), quoted as identifiers.
    connection_->query("LISTEN \"" + channels_[index] + "\"", {}, [weak, index](PgResult r) {
        auto self = weak.lock();
        if (!self) return;
        if (!r.ok) {
            log::warn("postgres_listen_failed", {{"error", r.message}});
            if (!r.connection_failed()) self->retry_later();
            return;
        }
        self->listen_next(index + 1);
    });
}

void PgListener::retry_later() {
    if (stopped_) return;
    retry_timer_.expires_after(backoff_.next());
    std::weak_ptr<PgListener> weak = shared_from_this();
    retry_timer_.async_wait([weak](beast::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) self->open();
    });
}

}  // namespace vellum::gateway
