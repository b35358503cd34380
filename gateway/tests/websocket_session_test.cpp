// WebSocketSession driven through beast::test::stream: the session runs on
// one end of a pair of connected test streams, a Beast WebSocket client on the
// other. Everything runs on one io_context, pumped in bounded loops.
#include <gtest/gtest.h>

#include <boost/beast/_experimental/test/fail_count.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "net/connection.hpp"
#include "net/websocket_session.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;
using TestStream = beast::test::stream;
using Session = WebSocketSession<TestStream>;
using ClientStream = websocket::stream<TestStream>;

// What the session did to its handler.
struct Record {
    std::vector<std::string> messages;
    int opens = 0;
    int closes = 0;
    std::weak_ptr<Connection> connection;
    std::function<void(Connection&)> on_open;
    std::function<void(Connection&, const std::string&)> on_message;
};

class RecordingHandler : public ConnectionHandler {
public:
    RecordingHandler(std::shared_ptr<Record> record, std::weak_ptr<Connection> connection)
        : record_(std::move(record)), connection_(std::move(connection)) {
        record_->connection = connection_;
    }
    void on_open() override {
        ++record_->opens;
        if (record_->on_open)
            if (auto c = connection_.lock()) record_->on_open(*c);
    }
    void on_message(std::string text) override {
        record_->messages.push_back(text);
        if (record_->on_message)
            if (auto c = connection_.lock()) record_->on_message(*c, text);
    }
    void on_close() override { ++record_->closes; }

private:
    std::shared_ptr<Record> record_;
    std::weak_ptr<Connection> connection_;
};

struct ReadResult {
    bool done = false;
    beast::error_code ec;
    std::string text;
    bool text_frame = false;
};

std::shared_ptr<const std::string> msg(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

WebSocketLimits small_limits() {
    WebSocketLimits limits;
    limits.max_message_bytes = 1024;
    limits.max_send_queue = 4;
    limits.idle_timeout = 60s;
    return limits;
}

// A connected client and session. Declaration order matters: the fail count
// outlives the streams that point to it, the io_context outlives the rest.
class Harness {
public:
    explicit Harness(WebSocketLimits limits = small_limits(), std::optional<std::size_t> fail_after = std::nullopt)
        : limits_(limits) {
        if (fail_after) fail_count_ = std::make_unique<beast::test::fail_count>(*fail_after);
    }

    ~Harness() {
        // Hang up, so that the session's pending read ends and it is released.
        if (client) client->next_layer().close();
        session.reset();
        drain();
    }

    // Runs the io_context until pred() holds or the time limit passes.
    template <class Pred>
    bool run_until(Pred pred, std::chrono::milliseconds limit = 2000ms) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (!pred()) {
            if (std::chrono::steady_clock::now() >= deadline) return false;
            if (ioc.stopped()) ioc.restart();
            ioc.run_one_for(5ms);
        }
        return true;
    }

    // Runs every handler that is ready, without waiting for timers.
    void drain() {
        ioc.restart();
        for (int i = 0; i < 100000; ++i)
            if (ioc.poll() == 0) break;
    }

    // Connects, lets the client do the WebSocket handshake, reads the upgrade
    // request on the server side and hands it to a new session. True once the
    // handshake succeeded and the handler is open.
    bool open(std::chrono::milliseconds limit = 2000ms) {
        server_raw_.emplace(fail_count_ ? TestStream(ioc, *fail_count_) : TestStream(ioc));
        client = std::make_unique<ClientStream>(ioc);
        client->next_layer().connect(*server_raw_);
        client->async_handshake(response, "localhost", "/ws", [this](beast::error_code ec) {
            handshake_ec = ec;
            handshake_done = true;
        });
        http::async_read(*server_raw_, server_buffer_, request_, [this](beast::error_code ec, std::size_t) {
            request_ec_ = ec;
            request_read_ = true;
        });
        if (!run_until([this] { return request_read_; }, limit)) return false;
        if (request_ec_) {
            server_raw_.reset();  // the client sees the connection go
            run_until([this] { return handshake_done; }, limit);
            return false;
        }
        auto record_copy = record;
        auto created = std::make_shared<Session>(std::move(*server_raw_), limits_,
                                                 [record_copy](std::weak_ptr<Connection> c) -> std::unique_ptr<ConnectionHandler> {
                                                     return std::make_unique<RecordingHandler>(record_copy, std::move(c));
                                                 });
        server_raw_.reset();
        created->run(std::move(request_));
        // Until it is open only its own operations hold the session, so that a
        // failed accept releases it and the client sees the connection go.
        std::weak_ptr<Session> weak = created;
        created.reset();
        run_until([this] { return handshake_done && (handshake_ec || record->opens > 0); }, limit);
        session = weak.lock();  // null when a failure has already ended it
        return handshake_done && !handshake_ec && record->opens == 1;
    }

    // Starts a client read, or returns the one still pending.
    std::shared_ptr<ReadResult> start_read() {
        if (pending_read_ && !pending_read_->done) return pending_read_;
        auto r = std::make_shared<ReadResult>();
        client->async_read(client_buffer_, [this, r](beast::error_code ec, std::size_t) {
            r->ec = ec;
            r->text = beast::buffers_to_string(client_buffer_.data());
            r->text_frame = client->got_text();
            client_buffer_.consume(client_buffer_.size());
            r->done = true;
        });
        pending_read_ = r;
        return r;
    }

    // One message (or the error that ended the stream); done is false when
    // nothing came within the limit.
    ReadResult read_message(std::chrono::milliseconds limit = 2000ms) {
        auto r = start_read();
        run_until([&] { return r->done; }, limit);
        return *r;
    }

    // Every message until the stream ends; `end` is the read that ended it.
    std::vector<std::string> read_until_error(ReadResult& end, std::chrono::milliseconds limit = 2000ms) {
        std::vector<std::string> out;
        for (int i = 0; i < 10000; ++i) {
            end = read_message(limit);
            if (!end.done || end.ec) break;
            out.push_back(end.text);
        }
        return out;
    }

    beast::error_code write_message(const std::string& text, std::chrono::milliseconds limit = 2000ms) {
        auto data = std::make_shared<std::string>(text);
        auto done = std::make_shared<std::optional<beast::error_code>>();
        client->async_write(net::buffer(*data), [data, done](beast::error_code ec, std::size_t) { *done = ec; });
        if (!run_until([&] { return done->has_value(); }, limit)) return beast::error::timeout;
        return **done;
    }

    bool wait_for_messages(std::size_t n, std::chrono::milliseconds limit = 2000ms) {
        return run_until([&] { return record->messages.size() >= n; }, limit);
    }

    bool wait_for_close(std::chrono::milliseconds limit = 2000ms) {
        return run_until([&] { return record->closes > 0; }, limit);
    }

private:
    std::unique_ptr<beast::test::fail_count> fail_count_;
    WebSocketLimits limits_;

public:
    net::io_context ioc;
    std::shared_ptr<Record> record = std::make_shared<Record>();
    std::unique_ptr<ClientStream> client;
    std::shared_ptr<Session> session;
    websocket::response_type response;
    bool handshake_done = false;
    beast::error_code handshake_ec;

private:
    std::optional<TestStream> server_raw_;
    beast::flat_buffer server_buffer_;
    http::request<http::string_body> request_;
    bool request_read_ = false;
    beast::error_code request_ec_;
    beast::flat_buffer client_buffer_;
    std::shared_ptr<ReadResult> pending_read_;
};

// ---- opening -------------------------------------------------------------------

TEST(GatewayWebSocketSession, HandshakeOpensTheHandler) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session) << h.handshake_ec.message();
    EXPECT_EQ(h.response.result(), http::status::switching_protocols);
    EXPECT_EQ(h.response[http::field::server], "vellum-gateway");
    EXPECT_EQ(h.record->opens, 1);
    EXPECT_EQ(h.record->closes, 0);
    EXPECT_FALSE(h.record->connection.expired()) << "the handler is given its connection";
}

TEST(GatewayWebSocketSession, HandlerMaySendFromOnOpen) {
    Harness h;
    h.record->on_open = [](Connection& c) { c.send(msg("welcome")); };
    ASSERT_TRUE(h.open() && h.session);
    ReadResult r = h.read_message();
    ASSERT_TRUE(r.done);
    EXPECT_FALSE(r.ec) << r.ec.message();
    EXPECT_EQ(r.text, "welcome");
}

// ---- reading ---------------------------------------------------------------------

TEST(GatewayWebSocketSession, HandlerReceivesMessagesInOrder) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    std::vector<std::string> sent;
    for (int i = 0; i < 20; ++i) {
        sent.push_back("{\"type\":\"ping\",\"requestId\":\"" + std::to_string(i) + "\"}");
        ASSERT_FALSE(h.write_message(sent.back()));
    }
    ASSERT_TRUE(h.wait_for_messages(sent.size()));
    EXPECT_EQ(h.record->messages, sent);
    EXPECT_EQ(h.record->closes, 0);
}

TEST(GatewayWebSocketSession, FragmentedMessageArrivesWhole) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    h.client->auto_fragment(true);
    h.client->write_buffer_bytes(16);
    std::string big(600, 'f');
    ASSERT_FALSE(h.write_message(big));
    ASSERT_FALSE(h.write_message("after"));
    ASSERT_TRUE(h.wait_for_messages(2));
    EXPECT_EQ(h.record->messages[0], big);
    EXPECT_EQ(h.record->messages[1], "after");
}

TEST(GatewayWebSocketSession, MessageALittleOverTheLimitIsStillDelivered) {
    // So that the protocol layer can answer it with a too_large error.
    Harness h;  // max_message_bytes 1024: Beast's limit is 4096
    ASSERT_TRUE(h.open() && h.session);
    std::string over(2000, 'x');
    std::string at_beast_limit(4096, 'y');
    ASSERT_FALSE(h.write_message(over));
    ASSERT_FALSE(h.write_message(at_beast_limit));
    ASSERT_TRUE(h.wait_for_messages(2));
    EXPECT_EQ(h.record->messages[0].size(), 2000u);
    EXPECT_EQ(h.record->messages[1].size(), 4096u);
    EXPECT_EQ(h.record->closes, 0);
}

TEST(GatewayWebSocketSession, MessageFarOverTheLimitClosesWith1009) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    ASSERT_FALSE(h.write_message("small first"));
    ASSERT_FALSE(h.write_message(std::string(4097, 'z')));
    ReadResult r = h.read_message();
    ASSERT_TRUE(r.done) << "the client was never told";
    EXPECT_EQ(r.ec, websocket::error::closed) << r.ec.message();
    EXPECT_EQ(h.client->reason().code, kCloseTooBig);
    ASSERT_TRUE(h.wait_for_close());
    EXPECT_EQ(h.record->closes, 1);
    ASSERT_EQ(h.record->messages.size(), 1u) << "the oversized message never reaches the handler";
    EXPECT_EQ(h.record->messages[0], "small first");
}

// ---- writing -----------------------------------------------------------------------

TEST(GatewayWebSocketSession, SendDeliversTextMessagesInOrder) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    h.session->send(msg("one"));
    h.session->send(msg("two"));
    h.session->send(msg("three"));
    for (const char* expected : {"one", "two", "three"}) {
        ReadResult r = h.read_message();
        ASSERT_TRUE(r.done);
        ASSERT_FALSE(r.ec) << r.ec.message();
        EXPECT_EQ(r.text, expected);
        EXPECT_TRUE(r.text_frame) << "JSON goes out as text frames";
    }
}

TEST(GatewayWebSocketSession, HandlerRepliesThroughItsConnection) {
    Harness h;
    h.record->on_message = [](Connection& c, const std::string& text) { c.send(msg("echo:" + text)); };
    ASSERT_TRUE(h.open() && h.session);
    ASSERT_FALSE(h.write_message("a"));
    ASSERT_FALSE(h.write_message("b"));
    ReadResult r1 = h.read_message();
    ReadResult r2 = h.read_message();
    ASSERT_TRUE(r1.done && r2.done);
    EXPECT_EQ(r1.text, "echo:a");
    EXPECT_EQ(r2.text, "echo:b");
}

TEST(GatewayWebSocketSession, SendFromAnotherThreadIsDelivered) {
    WebSocketLimits limits = small_limits();
    limits.max_send_queue = 1000;
    Harness h(limits);
    ASSERT_TRUE(h.open() && h.session);
    auto session = h.session;
    std::thread sender([session] {
        for (int i = 0; i < 100; ++i) session->send(msg("m" + std::to_string(i)));
    });
    std::vector<std::string> got;
    for (int i = 0; i < 100; ++i) {
        ReadResult r = h.read_message();
        if (!r.done || r.ec) break;
        got.push_back(r.text);
    }
    sender.join();
    ASSERT_EQ(got.size(), 100u);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(got[i], "m" + std::to_string(i));
}

TEST(GatewayWebSocketSession, SendQueueAtItsCapacityDeliversEverything) {
    Harness h;  // max_send_queue 4
    ASSERT_TRUE(h.open() && h.session);
    // Four sends posted at once: one write in flight, three waiting.
    for (int i = 0; i < 4; ++i) h.session->send(msg("m" + std::to_string(i)));
    for (int i = 0; i < 4; ++i) {
        ReadResult r = h.read_message();
        ASSERT_TRUE(r.done);
        ASSERT_FALSE(r.ec) << "closed after " << i << " messages: " << r.ec.message();
        EXPECT_EQ(r.text, "m" + std::to_string(i));
    }
    EXPECT_EQ(h.record->closes, 0);
    // Still open both ways.
    ASSERT_FALSE(h.write_message("still here"));
    ASSERT_TRUE(h.wait_for_messages(1));
    h.session->send(msg("so am I"));
    EXPECT_EQ(h.read_message().text, "so am I");
}

TEST(GatewayWebSocketSession, SlowConsumerIsClosedWith4008) {
    Harness h;  // max_send_queue 4
    ASSERT_TRUE(h.open() && h.session);
    // The client reads nothing while ten messages are sent: with one write in
    // flight the queue fills and the fifth message overflows it.
    for (int i = 0; i < 10; ++i) h.session->send(msg("m" + std::to_string(i)));
    h.drain();
    ReadResult end;
    std::vector<std::string> got = h.read_until_error(end);
    ASSERT_TRUE(end.done) << "the client was never closed";
    EXPECT_EQ(end.ec, websocket::error::closed) << end.ec.message();
    EXPECT_EQ(h.client->reason().code, kCloseSlowConsumer);
    EXPECT_EQ(std::string(h.client->reason().reason.c_str()), "too slow: send queue full");
    // Closed without waiting for its queue: at most the write in flight lands.
    EXPECT_LE(got.size(), 1u);
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], "m" + std::to_string(i));
    ASSERT_TRUE(h.wait_for_close());
    EXPECT_EQ(h.record->closes, 1);
    // Later sends are dropped quietly.
    h.session->send(msg("late"));
    h.drain();
    EXPECT_EQ(h.record->closes, 1);
}

// ---- closing -----------------------------------------------------------------------

TEST(GatewayWebSocketSession, CloseSendsCodeAndReason) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    h.session->close(kClosePolicy, "permission revoked");
    ReadResult r = h.read_message();
    ASSERT_TRUE(r.done);
    EXPECT_EQ(r.ec, websocket::error::closed) << r.ec.message();
    EXPECT_EQ(h.client->reason().code, kClosePolicy);
    EXPECT_EQ(std::string(h.client->reason().reason.c_str()), "permission revoked");
    ASSERT_TRUE(h.wait_for_close());
    EXPECT_EQ(h.record->closes, 1);
}

TEST(GatewayWebSocketSession, SecondCloseAndLaterSendsAreIgnored) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    h.session->close(kCloseGoingAway, "shutting down");
    h.session->close(kCloseTryAgain, "ignored");
    h.session->send(msg("after close"));
    ReadResult r = h.read_message();
    ASSERT_TRUE(r.done);
    EXPECT_EQ(r.ec, websocket::error::closed) << "got \"" << r.text << "\" instead of the close";
    EXPECT_EQ(h.client->reason().code, kCloseGoingAway);
    EXPECT_EQ(std::string(h.client->reason().reason.c_str()), "shutting down");
    ASSERT_TRUE(h.wait_for_close());
    h.drain();
    EXPECT_EQ(h.record->closes, 1);
}

TEST(GatewayWebSocketSession, CloseWaitsForTheMessageInFlight) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    h.session->send(msg("last words"));
    h.session->close(kCloseNormal, "bye");
    ReadResult end;
    std::vector<std::string> got = h.read_until_error(end);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0], "last words");
    EXPECT_EQ(end.ec, websocket::error::closed);
    EXPECT_EQ(h.client->reason().code, kCloseNormal);
}

TEST(GatewayWebSocketSession, CloseDeliversEveryMessageQueuedBeforeIt) {
    // Hub::close_all on SIGTERM: replies (acks) queued before the close must
    // still reach the client; only a slow consumer is closed without waiting
    // for its queue.
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    h.session->send(msg("ack 1"));
    h.session->send(msg("ack 2"));
    h.session->send(msg("ack 3"));
    h.session->close(kCloseGoingAway, "shutting down");
    ReadResult end;
    std::vector<std::string> got = h.read_until_error(end);
    EXPECT_EQ(got, (std::vector<std::string>{"ack 1", "ack 2", "ack 3"}));
    EXPECT_EQ(end.ec, websocket::error::closed);
    EXPECT_EQ(h.client->reason().code, kCloseGoingAway);
}

TEST(GatewayWebSocketSession, ClientCloseCallsOnCloseOnce) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    bool closed = false;
    beast::error_code close_ec;
    h.client->async_close(websocket::close_code::normal, [&](beast::error_code ec) {
        close_ec = ec;
        closed = true;
    });
    ASSERT_TRUE(h.run_until([&] { return closed; }));
    EXPECT_FALSE(close_ec) << close_ec.message();
    ASSERT_TRUE(h.wait_for_close());
    h.drain();
    EXPECT_EQ(h.record->closes, 1);
}

TEST(GatewayWebSocketSession, PeerHangingUpCallsOnCloseOnceAndReleasesTheSession) {
    Harness h;
    ASSERT_TRUE(h.open() && h.session);
    std::weak_ptr<Session> weak = h.session;
    h.session.reset();
    h.client->next_layer().close();
    ASSERT_TRUE(h.wait_for_close());
    h.drain();
    EXPECT_EQ(h.record->closes, 1);
    EXPECT_TRUE(weak.expired()) << "nothing keeps a closed session alive";
    EXPECT_TRUE(h.record->connection.expired());
}

// ---- failures ------------------------------------------------------------------------

TEST(GatewayWebSocketSession, ReadErrorCallsOnCloseExactlyOnce) {
    // The server stream fails every I/O operation from the n-th on. The first
    // n for which the handshake succeeds makes the session's first read fail.
    bool found = false;
    for (std::size_t n = 0; n < 8 && !found; ++n) {
        Harness h(small_limits(), n);
        if (!h.open(500ms)) {
            EXPECT_EQ(h.record->closes, 0) << "no handler, no on_close (n = " << n << ")";
            continue;
        }
        found = true;
        ASSERT_TRUE(h.wait_for_close()) << "the read error was not reported (n = " << n << ")";
        h.drain();
        EXPECT_EQ(h.record->closes, 1);
        EXPECT_TRUE(h.record->messages.empty());
        // Nothing more happens: the client's message and a send go nowhere.
        h.write_message("anyone?", 200ms);
        if (h.session) h.session->send(msg("hello?"));
        h.drain();
        EXPECT_EQ(h.record->closes, 1);
        EXPECT_TRUE(h.record->messages.empty());
    }
    EXPECT_TRUE(found) << "the handshake never succeeded";
}

TEST(GatewayWebSocketSession, AFailureAtAnyStepCallsOnCloseAtMostOnce) {
    int failed_while_open = 0;
    int never_failed = 0;
    for (std::size_t n = 0; n < 14; ++n) {
        auto record = std::make_shared<Record>();
        int closes_before_hang_up = 0;
        {
            Harness h(small_limits(), n);
            record = h.record;
            if (h.open(500ms)) {
                for (const char* text : {"a", "b", "c"}) {
                    if (h.record->closes) break;
                    h.write_message(text, 300ms);
                }
                if (h.session) {
                    h.session->send(msg("x"));
                    h.session->send(msg("y"));
                }
                h.run_until([&] { return h.record->closes > 0 || h.record->messages.size() == 3; }, 300ms);
                if (!h.record->closes) h.read_message(200ms);
                h.drain();
                closes_before_hang_up = h.record->closes;
                if (closes_before_hang_up) ++failed_while_open;
                if (!closes_before_hang_up && h.record->messages.size() == 3) ++never_failed;
            }
        }  // the client hangs up
        EXPECT_LE(record->closes, 1) << "n = " << n;
        EXPECT_EQ(record->closes, record->opens) << "every opened handler is closed exactly once (n = " << n << ")";
    }
    EXPECT_GE(failed_while_open, 3) << "failures hit open sessions at several steps";
    EXPECT_GE(never_failed, 1) << "the loop goes past the last operation";
}

// ---- idle timeout --------------------------------------------------------------------

TEST(GatewayWebSocketSession, SilentPeerIsClosedAfterTheIdleTimeout) {
    WebSocketLimits limits = small_limits();
    limits.idle_timeout = 1s;
    Harness h(limits);
    ASSERT_TRUE(h.open() && h.session);
    auto start = std::chrono::steady_clock::now();
    // The client never reads, so it never answers the session's ping.
    ASSERT_TRUE(h.wait_for_close(3000ms)) << "an unresponsive peer was never timed out";
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_GE(elapsed, 900ms);
    EXPECT_EQ(h.record->closes, 1);
}

TEST(GatewayWebSocketSession, ResponsivePeerOutlivesTheIdleTimeout) {
    WebSocketLimits limits = small_limits();
    limits.idle_timeout = 1s;
    Harness h(limits);
    ASSERT_TRUE(h.open() && h.session);
    // A pending read answers the session's pings with pongs.
    auto r = h.start_read();
    h.run_until([] { return false; }, 1600ms);
    EXPECT_FALSE(r->done) << r->ec.message();
    EXPECT_EQ(h.record->closes, 0) << "a peer that answers pings was timed out";
    h.session->send(msg("still connected"));
    ASSERT_TRUE(h.run_until([&] { return r->done; }));
    EXPECT_FALSE(r->ec) << r->ec.message();
    EXPECT_EQ(r->text, "still connected");
}

}  // namespace
}  // namespace vellum::gateway
