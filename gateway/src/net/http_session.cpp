#include "net/http_session.hpp"

#include <algorithm>

#include "rest/rest_common.hpp"
#include "rooms/client_handler.hpp"
#include "support/uuid.hpp"
#include "support/log.hpp"
#include "net/websocket_session.hpp"

namespace vellum::gateway {

HttpSession::HttpSession(tcp::socket&& socket, App& app, HttpApi& api)
    : stream_(std::move(socket)), app_(app), api_(api) {}

void HttpSession::run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // Beast checks a Content-Length against the limit while it reads the
    // header: the largest limit here, the one for this request below.
    parser_->body_limit(std::max(app_.config.max_image_bytes, app_.config.max_message_bytes));
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t bytes) {
    if (ec) return on_read(ec, bytes);
    // Only an image upload may send a body larger than a message.
    const auto& header = parser_->get();
    std::string target(header.target());
    std::string path = target.substr(0, target.find('?'));
    bool upload = header.method() == http::verb::post && path.rfind("/api/files/", 0) == 0 &&
                  path.size() > 7 && path.compare(path.size() - 7, 7, "/images") == 0;
    body_limit_ = upload ? app_.config.max_image_bytes : app_.config.max_message_bytes;
    auto length = parser_->content_length();
    if (length && *length > body_limit_) return on_read(http::error::body_limit, bytes);
    parser_->body_limit(body_limit_);  // a chunked body is counted as it comes
    if (upload) stream_.expires_after(std::chrono::seconds(120));
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::connection_reset) {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        return;
    }
    if (ec == http::error::body_limit) {
        Request stub;
        stub.version(11);
        stub.keep_alive(false);
        return write(error_response(stub, http::status::payload_too_large, "too_large",
                                    "the request body is over the limit of " + std::to_string(body_limit_) + " bytes"));
    }
    if (ec) {
        Request stub;
        stub.version(11);
        stub.keep_alive(false);
        if (ec.category() == http::make_error_code(http::error::bad_target).category())
            return write(error_response(stub, http::status::bad_request, "invalid_request", "malformed HTTP request: " + ec.message()));
        return;
    }
    Request request = parser_->release();
    if (websocket::is_upgrade(request)) return upgrade(std::move(request));
    auto self = shared_from_this();
    beast::error_code ignored;
    std::string client = stream_.socket().remote_endpoint(ignored).address().to_string();
    api_.handle(std::move(request), client, [self](Response response) {
        net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
            self->write(std::move(response));
        });
    });
}

void HttpSession::upgrade(Request request) {
    std::string target(request.target());
    if (target.substr(0, target.find('?')) != "/ws")
        return write(error_response(request, http::status::not_found, "not_found", "WebSocket endpoint is /ws"));
    // Cross-site WebSocket hijacking: a page from another origin could use
    // the user's cookie, so the Origin must be ours or an allowed one.
    if (!api_.origin_allowed(request))
        return write(error_response(request, http::status::forbidden, "forbidden", "WebSocket Origin not allowed"));
    if (app_.draining)
        return write(error_response(request, http::status::service_unavailable, "unavailable", "the gateway is shutting down"));
    // /ws?subscribe={fileId}: subscribed as soon as the socket opens, as if the
    // client's first message asked for it. A page that is still loading its
    // script gets the file without waiting for its main thread to be free to
    // send that message.
    std::string subscribe_to;
    if (size_t q = target.find('?'); q != std::string::npos) {
        auto query = rest::parse_query(target.substr(q + 1));
        if (auto it = query.find("subscribe"); it != query.end()) {
            auto id = canonical_uuid(it->second);
            if (!id)
                return write(error_response(request, http::status::bad_request, "invalid_request",
                                            "\"subscribe\" in the WebSocket URL must be a file id (uuid)"));
            subscribe_to = *id;
        }
    }
    auto self = shared_from_this();
    auto req = std::make_shared<Request>(std::move(request));
    api_.authenticate(*req, [self, req, subscribe_to](std::optional<SignedInUser> user, bool db_failed) {
        net::post(self->stream_.get_executor(), [self, req, subscribe_to, user = std::move(user), db_failed]() mutable {
            if (db_failed)
                return self->write(error_response(*req, http::status::service_unavailable, "unavailable", "the database is unavailable"));
            if (!user) return self->write(error_response(*req, http::status::unauthorized, "unauthorized", "sign in first"));
            self->stream_.expires_never();
            WebSocketLimits limits;
            limits.max_message_bytes = self->app_.config.max_message_bytes;
            limits.max_send_queue = self->app_.config.max_send_queue;
            limits.idle_timeout = std::chrono::seconds(self->app_.config.idle_timeout_seconds);
            App& app = self->app_;
            auto session = std::make_shared<WebSocketSession<beast::tcp_stream>>(
                std::move(self->stream_), limits, [&app, user = *user, subscribe_to](std::weak_ptr<Connection> connection) {
                    return std::make_unique<ClientHandler>(app, std::move(connection), user, subscribe_to);
                });
            session->run(std::move(*req));
        });
    });
}

void HttpSession::write(Response response) {
    bool keep_alive = response.keep_alive();
    response_ = std::make_shared<Response>(std::move(response));
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    response_.reset();
    if (ec) return;
    if (!keep_alive) {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        // Read what the client still sends (a refused body) before closing:
        // closing with unread data resets the connection, and the client
        // would lose the answer. Bounded in time and bytes.
        stream_.expires_after(std::chrono::seconds(5));
        drained_ = 0;
        return drain();
    }
    do_read();
}

void HttpSession::drain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                self->drained_ += n;
                                if (ec || self->drained_ > (64u << 20)) return;
                                self->drain();
                            });
}

}  // namespace vellum::gateway
