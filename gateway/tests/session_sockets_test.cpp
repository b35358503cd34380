// Open sockets by sign-in session: ending a session flags and closes exactly
// its sockets, expiry closes them when the session's time is up, and a socket
// registering just after its session ended is closed too.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "net/session_sockets.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;
using Clock = SessionSockets::Clock;

struct FakeConnection : Connection {
    void send(std::shared_ptr<const std::string>) override {}
    void close(uint16_t code, std::string reason) override { closes.push_back({code, std::move(reason)}); }
    std::vector<std::pair<uint16_t, std::string>> closes;
};

const std::string kSessionA(64, 'a');
const std::string kSessionB(64, 'b');
const auto kLater = Clock::now() + 24h;

class GatewaySessionSockets : public ::testing::Test {
protected:
    net::io_context ioc;
    SessionSockets sockets{ioc};
    std::shared_ptr<FakeConnection> a1 = std::make_shared<FakeConnection>();
    std::shared_ptr<FakeConnection> a2 = std::make_shared<FakeConnection>();
    std::shared_ptr<FakeConnection> b1 = std::make_shared<FakeConnection>();
};

TEST_F(GatewaySessionSockets, EndingASessionClosesItsSocketsOnly) {
    auto fa1 = sockets.add(1, a1, kSessionA, kLater);
    auto fa2 = sockets.add(2, a2, kSessionA, kLater);
    auto fb1 = sockets.add(3, b1, kSessionB, kLater);
    EXPECT_EQ(sockets.size(), 3u);
    EXPECT_FALSE(*fa1);

    EXPECT_EQ(sockets.end_session(kSessionA, "signed out"), 2u);
    EXPECT_TRUE(*fa1) << "flagged at once, before the close completes";
    EXPECT_TRUE(*fa2);
    EXPECT_FALSE(*fb1);
    using Close = std::pair<uint16_t, std::string>;
    EXPECT_EQ(a1->closes, (std::vector<Close>{{kCloseSessionEnded, "signed out"}}));
    EXPECT_EQ(a2->closes, (std::vector<Close>{{kCloseSessionEnded, "signed out"}}));
    EXPECT_TRUE(b1->closes.empty());

    EXPECT_EQ(sockets.end_session(std::string(64, 'c'), "signed out"), 0u) << "a session with no socket here";
}

TEST_F(GatewaySessionSockets, RemovedSocketsAreForgotten) {
    sockets.add(1, a1, kSessionA, kLater);
    sockets.add(2, b1, kSessionB, kLater);
    sockets.remove(1);
    sockets.remove(1);  // twice is harmless
    EXPECT_EQ(sockets.sessions(), std::vector<std::string>{kSessionB});
    EXPECT_EQ(sockets.end_session(kSessionA, "signed out"), 0u);
    EXPECT_TRUE(a1->closes.empty());
}

TEST_F(GatewaySessionSockets, SessionsAreListedOnceEach) {
    sockets.add(1, a1, kSessionA, kLater);
    sockets.add(2, a2, kSessionA, kLater);
    sockets.add(3, b1, kSessionB, kLater);
    auto listed = sockets.sessions();
    std::sort(listed.begin(), listed.end());
    EXPECT_EQ(listed, (std::vector<std::string>{kSessionA, kSessionB}));
}

TEST_F(GatewaySessionSockets, ASocketOfARecentlyEndedSessionIsClosedWhenItRegisters) {
    // Authenticated, then the session ended during the WebSocket handshake.
    sockets.end_session(kSessionA, "signed out");
    auto flag = sockets.add(1, a1, kSessionA, kLater);
    EXPECT_TRUE(*flag);
    ASSERT_EQ(a1->closes.size(), 1u);
    EXPECT_EQ(a1->closes[0].first, kCloseSessionEnded);
}

TEST_F(GatewaySessionSockets, ExpiryClosesTheSocketWhenTheSessionRunsOut) {
    auto soon = sockets.add(1, a1, kSessionA, Clock::now() + 20ms);
    auto later = sockets.add(2, b1, kSessionB, kLater);
    // Run the timers until the first socket is closed (bounded).
    for (int i = 0; i < 500 && a1->closes.empty(); ++i) ioc.run_for(10ms);
    ASSERT_EQ(a1->closes.size(), 1u);
    EXPECT_EQ(a1->closes[0], (std::pair<uint16_t, std::string>{kCloseSessionEnded, "session expired"}));
    EXPECT_TRUE(*soon);
    EXPECT_FALSE(*later);
    EXPECT_TRUE(b1->closes.empty());
}

TEST_F(GatewaySessionSockets, ARemovedSocketDoesNotExpire) {
    sockets.add(1, a1, kSessionA, Clock::now() + 1ms);
    sockets.remove(1);
    ioc.run_for(50ms);
    EXPECT_TRUE(a1->closes.empty());
}

TEST_F(GatewaySessionSockets, CloseAllClosesEverySocket) {
    sockets.add(1, a1, kSessionA, kLater);
    sockets.add(2, b1, kSessionB, kLater);
    sockets.close_all(kCloseGoingAway, "restarting");
    EXPECT_EQ(a1->closes.size(), 1u);
    EXPECT_EQ(b1->closes.size(), 1u);
    EXPECT_EQ(b1->closes[0].first, kCloseGoingAway);
}

}  // namespace
}  // namespace vellum::gateway
