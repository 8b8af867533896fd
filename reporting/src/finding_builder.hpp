#pragma once

// How the data-quality checks put a finding together, so that every check spells keys, subjects and the
// figures in its message the same way.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/reporting/quality.hpp"

namespace parkgrid::reporting::quality {

// The identity of a finding after its kind, as "name:value" segments: "tx:42:at:1700000000000". Text values
// have '%' and ':' percent-encoded, so that a charger id or period containing ':' cannot make two different
// subjects spell the same key.
class FindingKey {
public:
    FindingKey& add(std::string_view name, std::int64_t value);
    FindingKey& add(std::string_view name, std::string_view value);
    const std::string& text() const { return text_; }

private:
    void add_name(std::string_view name);
    std::string text_;
};

// The finding of `kind` about `subject`; its key is the kind followed by `identity`.
Finding make_finding(std::string_view kind, Severity severity, FindingSubject subject,
                     const FindingKey& identity, std::string message, nlohmann::json evidence);

// The subject of a finding about one transaction of a connector (charger_id left unset when empty).
FindingSubject transaction_subject(std::int32_t transaction_id, const std::string& charger_id,
                                   std::int32_t connector_id);

// `text` with its first letter upper-case, for a message that starts with a name.
std::string capitalised(std::string text);

// Figures for messages. Fixed with `decimals` digits after the point.
std::string format_number(double value, int decimals);
// `value` to `decimals` digits after the point, for evidence: figures computed in floating point would show
// their binary noise (27500.000000000004) otherwise.
double rounded(double value, int decimals = 3);
// "2 h 5 min", "4 min 30 s", "12 s" (negative durations get a leading '-').
std::string format_duration(std::int64_t ms);
// "2023-11-14T22:13:20Z".
std::string format_instant(Millis at);

// The value at `share` (0..1) of ascending `sorted`, interpolated linearly between neighbours (the usual
// "type 7" quantile: the median of an even count is the mean of the middle two). `sorted` must not be empty.
double quantile_of_sorted(const std::vector<double>& sorted, double share);

}  // namespace parkgrid::reporting::quality
