// The password workers: jobs run on the pool's threads, past the bound on
// waiting jobs try_post refuses at once, and keys take turns. Jobs block on
// futures the test controls, so nothing depends on timing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "auth/worker_pool.hpp"

namespace vellum::gateway {
namespace {

using namespace std::chrono_literals;

// A job that says when it starts and then waits until released.
struct Blocker {
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released{release.get_future().share()};

    std::function<void()> job() {
        return [this] {
            started.set_value();
            released.wait();
        };
    }
};

TEST(GatewayWorkerPool, RunsJobsOffTheCallingThread) {
    WorkerPool pool(2, 4);
    std::promise<std::thread::id> ran_on;
    ASSERT_TRUE(pool.try_post("k", [&] { ran_on.set_value(std::this_thread::get_id()); }));
    auto f = ran_on.get_future();
    ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
    EXPECT_NE(f.get(), std::this_thread::get_id());
}

TEST(GatewayWorkerPool, RefusesPastTheBoundOfWaitingJobs) {
    Blocker a, b;  // before the pool: they outlive its threads, which still use them after release
    WorkerPool pool(2, 3);
    ASSERT_TRUE(pool.try_post("k", a.job()));
    ASSERT_TRUE(pool.try_post("k", b.job()));
    ASSERT_EQ(a.started.get_future().wait_for(10s), std::future_status::ready);
    ASSERT_EQ(b.started.get_future().wait_for(10s), std::future_status::ready);
    // Both threads busy: three jobs may wait, the fourth is refused.
    std::atomic<int> ran{0};
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(pool.try_post("k", [&ran] { ++ran; })) << "waiting job " << i + 1;
    EXPECT_EQ(pool.waiting(), 3u);
    EXPECT_FALSE(pool.try_post("k", [&ran] { ran += 100; })) << "the queue is full";
    EXPECT_FALSE(pool.try_post("k", [&ran] { ran += 100; }));
    // Once the threads are free, the waiting jobs run and there is room again.
    a.release.set_value();
    b.release.set_value();
    std::promise<void> last;
    for (int i = 0; i < 1000 && !pool.try_post("k", [&last] { last.set_value(); }); ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(last.get_future().wait_for(10s), std::future_status::ready);
    EXPECT_EQ(ran.load(), 3) << "every accepted job ran, no refused one did";
}

TEST(GatewayWorkerPool, AZeroBoundTakesOnlyWhatAnIdleThreadCanStart) {
    Blocker a;  // before the pool: it outlives the thread that still waits on it after release
    WorkerPool pool(1, 0);
    ASSERT_TRUE(pool.try_post("k", a.job())) << "an idle thread: no waiting";
    ASSERT_EQ(a.started.get_future().wait_for(10s), std::future_status::ready);
    EXPECT_FALSE(pool.try_post("k", [] {})) << "the only thread is busy";
    a.release.set_value();
}

TEST(GatewayWorkerPool, AThrowingJobDoesNotStopTheWorker) {
    WorkerPool pool(1, 4);
    ASSERT_TRUE(pool.try_post("k", [] { throw std::runtime_error("boom"); }));
    std::promise<void> after;
    ASSERT_TRUE(pool.try_post("k", [&after] { after.set_value(); }));
    EXPECT_EQ(after.get_future().wait_for(10s), std::future_status::ready);
}

TEST(GatewayWorkerPool, KeysTakeTurns) {
    WorkerPool pool(1, 10);
    Blocker busy;
    ASSERT_TRUE(pool.try_post("attacker", busy.job()));
    ASSERT_EQ(busy.started.get_future().wait_for(10s), std::future_status::ready);
    std::mutex mutex;
    std::vector<std::string> order;
    auto record = [&](std::string name) {
        return [&mutex, &order, name] {
            std::lock_guard<std::mutex> lock(mutex);
            order.push_back(name);
        };
    };
    for (int i = 1; i <= 4; ++i) ASSERT_TRUE(pool.try_post("attacker", record("attacker-" + std::to_string(i))));
    ASSERT_TRUE(pool.try_post("user", record("user")));
    ASSERT_TRUE(pool.try_post("other", record("other")));
    std::promise<void> done;
    ASSERT_TRUE(pool.try_post("attacker", [&done] { done.set_value(); }));
    busy.release.set_value();
    ASSERT_EQ(done.get_future().wait_for(10s), std::future_status::ready);
    // One job of the attacker's, then the others' turns, then the attacker's rest.
    EXPECT_EQ(order, (std::vector<std::string>{"attacker-1", "user", "other", "attacker-2", "attacker-3", "attacker-4"}));
}

}  // namespace
}  // namespace vellum::gateway
