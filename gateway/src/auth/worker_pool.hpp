// A few threads for slow, CPU-bound jobs (bcrypt), off the event loop, with a
// bound on the jobs waiting for them: past it, try_post refuses at once, so a
// flood turns into quick "busy" answers instead of a queue everyone waits in.
// Jobs are queued by key (the client's address) and keys take turns, so one
// client's many jobs do not hold back another client's one.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vellum::gateway {

class WorkerPool {
public:
    // max_waiting: jobs that may wait while every thread is busy.
    WorkerPool(int threads, size_t max_waiting);
    // Waiting jobs are dropped; running ones finish first.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Runs job on a worker thread, after the jobs of its key queued before it,
    // or returns false (and drops job) when the waiting jobs are at the bound.
    bool try_post(const std::string& key, std::function<void()> job);
    size_t waiting() const;

private:
    void run();

    size_t max_waiting_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::string, std::deque<std::function<void()>>> queues_;
    std::deque<std::string> turns_;  // the keys with queued jobs, next first
    size_t queued_ = 0;
    size_t running_ = 0;  // jobs a thread has taken and not finished
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace vellum::gateway
