// One HTTP connection: reads requests (bounded), answers them through
// HttpApi one at a time, and hands /ws upgrades, once signed in and from an
// allowed Origin, to a WebSocket session.
#pragma once

#include <array>

#include <memory>
#include <optional>

#include "app.hpp"
#include "rest/http_api.hpp"
#include "net/net.hpp"

namespace vellum::gateway {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(tcp::socket&& socket, App& app, HttpApi& api);
    void run();

private:
    void do_read();
    // The header first: the body limit depends on what the request is.
    void on_header(beast::error_code ec, std::size_t);
    void on_read(beast::error_code ec, std::size_t);
    void upgrade(Request request);
    void write(Response response);
    void on_write(bool keep_alive, beast::error_code ec, std::size_t);

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    App& app_;
    HttpApi& api_;
    std::optional<http::request_parser<http::string_body>> parser_;
    size_t body_limit_ = 0;
    // After the last answer: what the client still sends is read and dropped.
    void drain();
    std::array<char, 16384> drain_buffer_{};
    size_t drained_ = 0;
    std::shared_ptr<Response> response_;
};

}  // namespace vellum::gateway
