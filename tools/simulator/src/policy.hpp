#pragma once

// A load-management policy as the simulator drives it: each second it sees what a central system would
// know (statuses, meter readings, the gateway's building readings) and answers with the limits to send.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::simulator {

enum class ConnectorStatus : std::uint8_t { Available, Preparing, Charging };

// One connector as a central system sees it.
struct ConnectorView {
    ConnectorStatus status = ConnectorStatus::Available;
    scheduling::Seconds status_since = 0;
    // Of the running transaction (Charging only):
    double requested_kwh = 0;  // what the driver asked for
    double metered_kwh = 0;    // delivered, as of the latest meter reading
    scheduling::Seconds departure = 0;
    int priority = 5;
    int vehicle_phases = 0;               // 0 until a meter reading showed which phases carry current
    std::optional<double> measured_a{};   // highest phase current of the latest meter reading
    scheduling::Seconds measured_at = 0;  // when that reading was taken
    bool meter_reading_now = false;       // a reading arrived this second
};

struct ServerView {
    scheduling::Seconds now = 0;
    std::vector<ConnectorView> connectors{};
    // The gateway's latest building-load reading per circuit (the circuit and everything below it).
    std::vector<std::optional<scheduling::PhaseCurrents>> building{};
    // Something happened this second: a status change, a building or a meter reading.
    bool event = false;
};

struct LimitSend {
    std::size_t connector = 0;
    double limit_a = 0;
};

class Policy {
public:
    virtual ~Policy() = default;
    virtual std::string name() const = 0;
    // False for the unmanaged car park: chargers have neither failsafe nor limits.
    virtual bool manages_chargers() const { return true; }
    // Once per simulated second; appends the SetChargingProfile messages to send now.
    virtual void step(const ServerView& view, std::vector<LimitSend>& sends) = 0;
    // Connectors the policy found ignoring their limits, with when (ParkGrid only).
    virtual std::vector<std::pair<std::size_t, scheduling::Seconds>> flagged() const { return {}; }
};

class UncontrolledPolicy final : public Policy {
public:
    std::string name() const override { return "uncontrolled"; }
    bool manages_chargers() const override { return false; }
    void step(const ServerView&, std::vector<LimitSend>&) override {}
};

}  // namespace parkgrid::simulator
