#include "auth/worker_pool.hpp"

#include <exception>

#include "support/log.hpp"

namespace vellum::gateway {

WorkerPool::WorkerPool(int threads, size_t max_waiting) : max_waiting_(max_waiting) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        queues_.clear();
        turns_.clear();
        queued_ = 0;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

bool WorkerPool::try_post(const std::string& key, std::function<void()> job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // Jobs beyond one per thread are the ones waiting.
        if (stopping_ || running_ + queued_ >= threads_.size() + max_waiting_) return false;
        auto& queue = queues_[key];
        if (queue.empty()) turns_.push_back(key);
        queue.push_back(std::move(job));
        ++queued_;
    }
    wake_.notify_one();
    return true;
}

size_t WorkerPool::waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t taken = running_ + queued_;
    return taken > threads_.size() ? taken - threads_.size() : 0;
}

void WorkerPool::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || queued_ > 0; });
            if (stopping_) return;
            std::string key = std::move(turns_.front());
            turns_.pop_front();
            auto queue = queues_.find(key);
            job = std::move(queue->second.front());
            queue->second.pop_front();
            if (queue->second.empty()) queues_.erase(queue);
            else turns_.push_back(std::move(key));  // its next job waits for the other keys' turns
            --queued_;
            ++running_;
        }
        try {
            job();
        } catch (const std::exception& e) {
            log::error("worker_job_failed", {{"error", e.what()}});
        } catch (...) {
            log::error("worker_job_failed");
        }
        job = nullptr;  // its captures go before the slot is free
        std::lock_guard<std::mutex> lock(mutex_);
        --running_;
    }
}

}  // namespace vellum::gateway
