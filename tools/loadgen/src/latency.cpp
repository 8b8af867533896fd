#include "latency.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parkgrid::loadgen {

void LatencyRecorder::add(std::chrono::steady_clock::duration latency) {
    const auto microseconds = std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
    add_microseconds(microseconds < 0 ? 0 : static_cast<std::uint64_t>(microseconds));
}

void LatencyRecorder::add_microseconds(std::uint64_t microseconds) {
    // 32 bits hold 71 minutes, far beyond any call timeout.
    samples_.push_back(static_cast<std::uint32_t>(
        std::min<std::uint64_t>(microseconds, std::numeric_limits<std::uint32_t>::max())));
    sorted_ = false;
}

void LatencyRecorder::merge(const LatencyRecorder& other) {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
    sorted_ = samples_.empty();
}

void LatencyRecorder::finish() {
    if (!sorted_) {
        std::sort(samples_.begin(), samples_.end());
        sorted_ = true;
    }
}

double LatencyRecorder::percentile_ms(double p) const {
    if (!sorted_) {
        throw std::logic_error("LatencyRecorder::percentile_ms before finish()");
    }
    if (samples_.empty()) {
        return 0;
    }
    const auto n = static_cast<double>(samples_.size());
    // Nearest rank: the smallest sample with at least p percent of the samples at or below it.
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, samples_.size());
    return samples_[rank - 1] / 1000.0;
}

double LatencyRecorder::max_ms() const {
    if (!sorted_) {
        throw std::logic_error("LatencyRecorder::max_ms before finish()");
    }
    return samples_.empty() ? 0 : samples_.back() / 1000.0;
}

}  // namespace parkgrid::loadgen
