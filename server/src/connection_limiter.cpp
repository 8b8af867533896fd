#include "connection_limiter.hpp"

namespace parkgrid::server {

ConnectionSlot::ConnectionSlot(std::shared_ptr<ConnectionLimiter> limiter, std::string address)
    : limiter_(std::move(limiter)), address_(std::move(address)) {}

ConnectionSlot::~ConnectionSlot() {
    release();
}

ConnectionSlot& ConnectionSlot::operator=(ConnectionSlot&& other) noexcept {
    if (this != &other) {
        release();
        limiter_ = std::move(other.limiter_);
        address_ = std::move(other.address_);
    }
    return *this;
}

void ConnectionSlot::release() {
    if (limiter_) {
        limiter_->release(address_);
        limiter_.reset();
    }
}

ConnectionLimiter::ConnectionLimiter(std::size_t max_total, std::size_t max_per_address)
    : max_total_(max_total), max_per_address_(max_per_address) {}

std::optional<ConnectionSlot> ConnectionLimiter::try_acquire(const std::string& address) {
    {
        const std::lock_guard lock(mutex_);
        auto& from_address = per_address_[address];
        if (total_ >= max_total_ || from_address >= max_per_address_) {
            if (from_address == 0) {
                per_address_.erase(address);
            }
            return std::nullopt;
        }
        ++total_;
        ++from_address;
    }
    return ConnectionSlot(shared_from_this(), address);
}

std::size_t ConnectionLimiter::open() const {
    const std::lock_guard lock(mutex_);
    return total_;
}

void ConnectionLimiter::release(const std::string& address) {
    const std::lock_guard lock(mutex_);
    --total_;
    if (const auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0) {
        per_address_.erase(it);
    }
}

}  // namespace parkgrid::server
