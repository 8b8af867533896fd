#include "session_generator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>

#include "stopwatch.hpp"

namespace parkgrid::energy_bench {
namespace {

using storage::Timestamp;

// Rows per write job: large enough that the commit costs little, small enough to keep memory flat.
constexpr double kRowsPerJob = 8000;
constexpr Millis kMinWindowMs = 10 * 60'000;
constexpr Millis kMaxWindowMs = 7 * 24 * 3'600'000LL;
// A charger that was offline replays its queue this long after the session ended.
constexpr Millis kLateUploadDelayMs = 40 * 60'000;
constexpr std::int32_t kConnector = 1;

enum class EventKind { Start, Sample, Stop };

struct Event {
    Millis at = 0;
    EventKind kind = EventKind::Start;
    std::uint32_t session = 0;
};

Timestamp timestamp(Millis at) {
    return Timestamp{std::chrono::milliseconds{at}};
}

storage::SampledValueRecord sampled_value(const char* measurand, const char* unit) {
    return storage::SampledValueRecord{.value = "",
                                       .context = "Sample.Periodic",
                                       .format = "Raw",
                                       .measurand = measurand,
                                       .phase = std::nullopt,
                                       .location = "Outlet",
                                       .unit = unit,
                                       .normalized_value = 0.0,
                                       .normalized_unit = unit};
}

// Runs one window's events in order inside one unit of work.
class WindowWriter {
public:
    WindowWriter(const Organisation& organisation, const SessionSchedule& schedule,
                 std::vector<std::int32_t>& transaction_ids)
        : organisation_(organisation), schedule_(schedule), transaction_ids_(transaction_ids) {
        row_.connector_id = kConnector;
        row_.source = "MeterValues";
        row_.samples = {sampled_value("Energy.Active.Import.Register", "Wh"),
                        sampled_value("Power.Active.Import", "W")};
    }

    void run(storage::Repositories& repositories, const std::vector<Event>& events) {
        for (const auto& event : events) {
            const auto& session = schedule_.sessions[event.session];
            const auto& charger = organisation_.chargers[session.charger];
            const auto& id_tag = charger.vehicles[session.vehicle].id_tag;
            auto& id = transaction_ids_[event.session];
            switch (event.kind) {
                case EventKind::Start:
                    id = repositories.transactions().insert(
                        storage::TransactionStart{.charger_id = charger.id,
                                                  .connector_id = kConnector,
                                                  .id_tag = id_tag,
                                                  .timestamp = timestamp(session.start_at),
                                                  .meter_start = session.meter_start_wh,
                                                  .reservation_id = std::nullopt,
                                                  .authorization_status = "Accepted",
                                                  .received_at = timestamp(session.start_at + 800)});
                    break;
                case EventKind::Sample: {
                    const auto wh = register_at(session, event.at);
                    const auto w = std::round(power_at(session, event.at));
                    row_.charger_id = charger.id;
                    row_.transaction_id = id;
                    row_.timestamp = timestamp(event.at);
                    row_.received_at = timestamp(session.late_upload ? session.stop_at + kLateUploadDelayMs
                                                                     : event.at + 1200);
                    row_.samples[0].value = std::to_string(wh);
                    row_.samples[0].normalized_value = static_cast<double>(wh);
                    row_.samples[1].value = std::to_string(static_cast<std::int64_t>(w));
                    row_.samples[1].normalized_value = w;
                    repositories.meter_values().insert(row_);
                    break;
                }
                case EventKind::Stop:
                    repositories.transactions().record_stop(
                        id, storage::TransactionStop{
                                .timestamp = timestamp(session.stop_at),
                                .meter_stop = meter_stop_wh(session),
                                .reason = "EVDisconnected",
                                .id_tag = id_tag,
                                .received_at = timestamp(
                                    session.stop_at + (session.late_upload ? kLateUploadDelayMs : 0) + 900)});
                    break;
            }
        }
    }

private:
    const Organisation& organisation_;
    const SessionSchedule& schedule_;
    std::vector<std::int32_t>& transaction_ids_;
    storage::MeterValueRecord row_;  // reused: its strings keep their capacity from row to row
};

}  // namespace

GenerationFigures write_sessions(storage::Database& database, const Organisation& organisation,
                                 const SessionSchedule& schedule) {
    const Stopwatch stopwatch;
    GenerationFigures figures;
    const auto& sessions = schedule.sessions;
    figures.transaction_ids.assign(sessions.size(), 0);
    if (sessions.empty()) {
        return figures;
    }
    const Millis interval = schedule.sample_interval_ms;
    Millis last_stop = 0;
    for (const auto& session : sessions) {
        last_stop = std::max(last_stop, session.stop_at);
    }
    // A window of time that holds about kRowsPerJob rows.
    const double rows_per_ms = static_cast<double>(schedule.meter_rows + 1) /
                               static_cast<double>(last_stop - sessions.front().start_at + 1);
    const Millis window =
        std::clamp(static_cast<Millis>(kRowsPerJob / rows_per_ms), kMinWindowMs, kMaxWindowMs);

    auto writer = std::make_shared<WindowWriter>(organisation, schedule, figures.transaction_ids);
    std::vector<std::uint32_t> active;  // sessions started and not yet stopped before the window
    std::size_t next = 0;
    for (Millis from = sessions.front().start_at; next < sessions.size() || !active.empty(); from += window) {
        const Millis to = from + window;
        while (next < sessions.size() && sessions[next].start_at < to) {
            active.push_back(static_cast<std::uint32_t>(next++));
        }
        auto events = std::make_shared<std::vector<Event>>();
        for (const auto index : active) {
            const auto& session = sessions[index];
            if (session.start_at >= from) {
                events->push_back({session.start_at, EventKind::Start, index});
            }
            const auto count = sample_count(session, interval);
            const auto first = static_cast<std::size_t>(
                std::max<Millis>(1, (from - session.start_at + interval - 1) / interval));
            for (std::size_t k = first; k <= count && sample_at(session, k, interval) < to; ++k) {
                events->push_back({sample_at(session, k, interval), EventKind::Sample, index});
            }
            if (session.stop_at < to) {
                events->push_back({session.stop_at, EventKind::Stop, index});
            }
        }
        std::erase_if(active, [&](std::uint32_t index) { return sessions[index].stop_at < to; });
        std::sort(events->begin(), events->end(), [](const Event& a, const Event& b) {
            return a.at != b.at ? a.at < b.at : (a.kind != b.kind ? a.kind < b.kind : a.session < b.session);
        });
        for (const auto& event : *events) {
            figures.meter_rows += event.kind == EventKind::Sample ? 1 : 0;
            figures.transactions += event.kind == EventKind::Start ? 1 : 0;
        }
        storage::write_and_wait(database, [writer, events](storage::Repositories& repositories) {
            writer->run(repositories, *events);
        });
        ++figures.jobs;
    }
    figures.seconds = stopwatch.wall_ms() / 1000;
    figures.cpu_seconds = stopwatch.cpu_ms() / 1000;
    return figures;
}

}  // namespace parkgrid::energy_bench
