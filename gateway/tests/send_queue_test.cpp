// The bounded per-client send queue.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "net/send_queue.hpp"

namespace vellum::gateway {
namespace {

std::shared_ptr<const std::string> msg(const std::string& s) { return std::make_shared<const std::string>(s); }

TEST(GatewaySendQueue, RefusesPastItsCapacity) {
    SendQueue q(3);
    EXPECT_TRUE(q.empty());
    EXPECT_TRUE(q.push(msg("a")));
    EXPECT_TRUE(q.push(msg("b")));
    EXPECT_TRUE(q.push(msg("c")));
    EXPECT_EQ(q.size(), 3u);
    EXPECT_FALSE(q.push(msg("d")));
    EXPECT_EQ(q.size(), 3u) << "a refused message is not queued";
}

TEST(GatewaySendQueue, FirstInFirstOut) {
    SendQueue q(3);
    q.push(msg("a"));
    q.push(msg("b"));
    EXPECT_EQ(*q.front(), "a");
    q.pop();
    EXPECT_EQ(*q.front(), "b");
    EXPECT_TRUE(q.push(msg("c")));
    EXPECT_TRUE(q.push(msg("d")));
    EXPECT_FALSE(q.push(msg("e")));
    q.pop();
    EXPECT_EQ(*q.front(), "c");
    q.pop();
    EXPECT_EQ(*q.front(), "d");
    q.pop();
    EXPECT_TRUE(q.empty());
}

TEST(GatewaySendQueue, PoppingMakesRoomAgain) {
    SendQueue q(1);
    EXPECT_TRUE(q.push(msg("a")));
    EXPECT_FALSE(q.push(msg("b")));
    q.pop();
    EXPECT_TRUE(q.push(msg("c")));
    EXPECT_EQ(*q.front(), "c");
}

}  // namespace
}  // namespace vellum::gateway
