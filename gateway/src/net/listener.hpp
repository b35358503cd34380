// Accepts TCP connections and starts an HTTP session, on its own strand, for each.
#pragma once

#include <memory>

#include "app.hpp"
#include "rest/http_api.hpp"
#include "net/net.hpp"

namespace vellum::gateway {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(App& app, HttpApi& api, tcp::endpoint endpoint, beast::error_code& ec);
    void run() { do_accept(); }
    void stop();
    uint16_t port() const { return acceptor_.local_endpoint().port(); }

private:
    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);

    App& app_;
    HttpApi& api_;
    tcp::acceptor acceptor_;
};

}  // namespace vellum::gateway
