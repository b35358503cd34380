// One client's WebSocket: reads messages one at a time and hands them to its
// handler, writes through a bounded queue (one write in flight), pings and
// times out idle peers. Templated on the stream so that GoogleTest can drive
// it through beast::test::stream.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "net/connection.hpp"
#include "support/log.hpp"
#include "net/net.hpp"
#include "net/send_queue.hpp"

namespace vellum::gateway {

struct WebSocketLimits {
    size_t max_message_bytes = 1 << 20;
    size_t max_send_queue = 256;
    std::chrono::seconds idle_timeout{60};
};

template <class Stream>
class WebSocketSession : public Connection, public std::enable_shared_from_this<WebSocketSession<Stream>> {
public:
    using HandlerFactory = std::function<std::unique_ptr<ConnectionHandler>(std::weak_ptr<Connection>)>;

    WebSocketSession(Stream&& stream, WebSocketLimits limits, HandlerFactory factory)
        : ws_(std::move(stream)), limits_(limits), queue_(limits.max_send_queue), factory_(std::move(factory)) {}

    // Accepts the upgrade request the HTTP session has read.
    template <class Body, class Allocator>
    void run(http::request<Body, http::basic_fields<Allocator>> request) {
        websocket::stream_base::timeout timeout{};
        timeout.handshake_timeout = std::chrono::seconds(30);
        timeout.idle_timeout = limits_.idle_timeout;
        timeout.keep_alive_pings = true;  // ping at half the idle time; no pong: closed
        ws_.set_option(timeout);
        // Messages a little over the limit are still read, so that the client
        // gets an error it can act on; far over it, Beast closes with 1009.
        ws_.read_message_max(limits_.max_message_bytes * 4);
        // A message goes out as one frame. Beast's default cuts it into 4 kB
        // frames, and a browser handles each frame on its own: a 100,000-object
        // sync would arrive as 3,400 of them.
        ws_.auto_fragment(false);
        ws_.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(http::field::server, "vellum-gateway"); }));
        ws_.async_accept(request, beast::bind_front_handler(&WebSocketSession::on_accept, this->shared_from_this()));
    }

    void send(std::shared_ptr<const std::string> message) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), message = std::move(message)]() mutable {
            self->enqueue(std::move(message));
        });
    }

    void close(uint16_t code, std::string reason) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)] {
            self->do_close(code, reason);
        });
    }

    size_t queued() const { return queue_.size(); }

private:
    void on_accept(beast::error_code ec) {
        if (ec) return fail(ec, "accept");
        handler_ = factory_(this->shared_from_this());
        handler_->on_open();
        do_read();
    }

    void do_read() {
        ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) {
            finish();
            return fail(ec, "read");
        }
        bool binary = ws_.got_binary();
        std::string text = binary ? std::string() : beast::buffers_to_string(buffer_.data());
        buffer_.consume(buffer_.size());
        if (handler_ && !closing_) {
            if (binary) handler_->on_binary_message();
            else handler_->on_message(std::move(text));
        }
        if (!closing_) do_read();
    }

    void enqueue(std::shared_ptr<const std::string> message) {
        if (closing_) return;
        if (!queue_.push(std::move(message))) {
            log::warn("websocket_slow_consumer", {{"queued", static_cast<int64_t>(queue_.size())}});
            do_close(kCloseSlowConsumer, "too slow: send queue full");
            return;
        }
        if (!writing_) do_write();
    }

    void do_write() {
        writing_ = true;
        ws_.text(true);
        ws_.async_write(net::buffer(*queue_.front()),
                        beast::bind_front_handler(&WebSocketSession::on_write, this->shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        writing_ = false;
        if (ec) {
            finish();
            return fail(ec, "write");
        }
        queue_.pop();
        // Messages queued before close() still go out (acks on shutdown);
        // a slow consumer's close was sent already and skips them.
        if (!queue_.empty() && !close_sent_) return do_write();
        if (closing_ && !close_sent_) start_close();
    }

    void do_close(uint16_t code, const std::string& reason) {
        if (closing_) return;
        closing_ = true;
        close_code_ = code;
        close_reason_ = reason;
        // A slow consumer is closed without waiting for its queue.
        if (!writing_ || code == kCloseSlowConsumer) start_close();
    }

    void start_close() {
        close_sent_ = true;
        websocket::close_reason reason(static_cast<websocket::close_code>(close_code_), close_reason_);
        ws_.async_close(reason, [self = this->shared_from_this()](beast::error_code) { self->finish(); });
    }

    void finish() {
        if (finished_) return;
        finished_ = true;
        closing_ = true;
        if (handler_) handler_->on_close();
    }

    void fail(beast::error_code ec, const char* what) {
        if (ec == net::error::operation_aborted || ec == websocket::error::closed || ec == beast::error::timeout ||
            ec == net::error::eof || ec == net::error::connection_reset)
            return;
        log::debug("websocket_error", {{"during", what}, {"error", ec.message()}});
    }

    websocket::stream<Stream> ws_;
    WebSocketLimits limits_;
    beast::flat_buffer buffer_;
    SendQueue queue_;
    HandlerFactory factory_;
    std::unique_ptr<ConnectionHandler> handler_;
    bool writing_ = false;
    bool closing_ = false;
    bool close_sent_ = false;
    bool finished_ = false;
    uint16_t close_code_ = kCloseNormal;
    std::string close_reason_;
};

}  // namespace vellum::gateway
