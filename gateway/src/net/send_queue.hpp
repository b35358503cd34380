// The bounded queue of messages waiting to be written to one WebSocket. A
// client that does not read fast enough fills it and is dropped, so a slow
// client can never make the gateway's memory grow without bound.
#pragma once

#include <deque>
#include <memory>
#include <string>

namespace vellum::gateway {

class SendQueue {
public:
    explicit SendQueue(size_t capacity) : capacity_(capacity) {}

    // False when the queue is full (the message is not queued).
    bool push(std::shared_ptr<const std::string> message) {
        if (queue_.size() >= capacity_) return false;
        queue_.push_back(std::move(message));
        return true;
    }
    bool empty() const { return queue_.empty(); }
    size_t size() const { return queue_.size(); }
    const std::shared_ptr<const std::string>& front() const { return queue_.front(); }
    void pop() { queue_.pop_front(); }

private:
    size_t capacity_;
    std::deque<std::shared_ptr<const std::string>> queue_;
};

}  // namespace vellum::gateway
