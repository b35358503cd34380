#include "net/listener.hpp"

#include "net/http_session.hpp"
#include "support/log.hpp"

namespace vellum::gateway {

Listener::Listener(App& app, HttpApi& api, tcp::endpoint endpoint, beast::error_code& ec)
    : app_(app), api_(api), acceptor_(net::make_strand(app.ioc)) {
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
}

void Listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

void Listener::do_accept() {
    acceptor_.async_accept(net::make_strand(app_.ioc), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (ec) {
        log::warn("accept_failed", {{"error", ec.message()}});
    } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<HttpSession>(std::move(socket), app_, api_)->run();
    }
    if (acceptor_.is_open()) do_accept();
}

}  // namespace vellum::gateway
