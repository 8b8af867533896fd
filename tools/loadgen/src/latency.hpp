#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace parkgrid::loadgen {

// Every latency of one kind, in microseconds, so that percentiles are exact. Each thread records into its
// own recorders; they are merged once at the end.
class LatencyRecorder {
public:
    void add(std::chrono::steady_clock::duration latency);
    void add_microseconds(std::uint64_t microseconds);
    void merge(const LatencyRecorder& other);

    std::size_t count() const { return samples_.size(); }

    // Sorts the samples; the percentile queries below need it.
    void finish();

    // Nearest-rank percentile (p in 0..100] of the finished samples, in milliseconds; 0 without samples.
    double percentile_ms(double p) const;
    double max_ms() const;

private:
    std::vector<std::uint32_t> samples_;
    bool sorted_ = true;
};

}  // namespace parkgrid::loadgen
