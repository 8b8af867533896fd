#pragma once

// OCPP 1.6J frames of the simulated chargers and a small scanner for the central system's frames. Pure text
// handling: no network, no JSON library in the paths that run per message.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkgrid::loadgen {

enum class Action : std::uint8_t {
    BootNotification,
    StatusNotification,
    Heartbeat,
    StartTransaction,
    MeterValues,
    StopTransaction,
};
inline constexpr std::size_t kActionCount = 6;

std::string_view action_name(Action action);

using SystemMillis = std::chrono::sys_time<std::chrono::milliseconds>;

// "2024-05-01T12:34:56.789Z": RFC 3339 in UTC with milliseconds.
using Timestamp = std::array<char, 24>;
Timestamp format_timestamp(SystemMillis time);
inline std::string_view view(const Timestamp& timestamp) {
    return {timestamp.data(), timestamp.size()};
}

// Timestamps of one charger: now, but always later than the previous one.
class IncreasingClock {
public:
    SystemMillis next(SystemMillis now);

private:
    SystemMillis last_{};
};

// One reading of a meter; the values are formatted as OCPP strings.
struct MeterSample {
    std::int64_t energy_wh = 0;
    double power_w = 0;
    std::array<double, 3> current_a{};
    std::array<double, 3> voltage_v{};
    double current_offered_a = 0;
    double power_offered_w = 0;
    int soc_percent = 0;
    double temperature_c = 0;
};

// The MeterValues payload as fixed text pieces with the values between them, built once; a frame is then
// a series of appends into a reused string.
class MeterValuesTemplate {
public:
    explicit MeterValuesTemplate(int phases);

    void append_payload(std::string& out, std::int64_t transaction_id, std::string_view timestamp,
                        const MeterSample& sample) const;

private:
    enum class Slot : std::uint8_t {
        TransactionId,
        Time,
        Energy,
        Power,
        CurrentL1,
        CurrentL2,
        CurrentL3,
        VoltageL1,
        VoltageL2,
        VoltageL3,
        CurrentOffered,
        PowerOffered,
        Soc,
        Temperature,
    };
    std::vector<std::string> pieces_;  // pieces_[i] precedes slots_[i]; the last piece ends the payload
    std::vector<Slot> slots_;
};

// [2,"<id>","<action>",<payload>]
void append_call(std::string& out, std::uint64_t message_id, Action action, std::string_view payload);
// [3,"<id>",<payload>]; raw_id is the id as the server wrote it (escapes kept).
void append_call_result(std::string& out, std::string_view raw_id, std::string_view payload);
// [4,"<id>","<code>","<description>",{}]
void append_call_error(std::string& out, std::string_view raw_id, std::string_view code,
                       std::string_view description);

// A JSON string literal (quoted, escaped).
std::string json_string(std::string_view text);

std::string boot_notification_payload(std::string_view charger_id);
std::string status_notification_payload(int connector_id, std::string_view status,
                                        std::string_view timestamp);
std::string start_transaction_payload(std::string_view id_tag, std::int64_t meter_start,
                                      std::string_view timestamp);
std::string stop_transaction_payload(std::int64_t transaction_id, std::string_view id_tag,
                                     std::int64_t meter_stop, std::string_view timestamp);

// One line of the acknowledgement log: {"charger":..,"action":..,"transactionId":..,"timestamp":..,
// "<meterStart|energyWh|meterStop>":..}. charger_json is a JSON string literal.
void append_ack_line(std::string& out, std::string_view charger_json, Action action,
                     std::int64_t transaction_id, std::string_view timestamp, std::int64_t meter_wh);

// "Basic " + base64(user:password)
std::string basic_authorization(std::string_view user, std::string_view password);

// A frame from the central system, read only as far as a charger needs.
struct InboundFrame {
    int type = 0;                   // 2 CALL, 3 CALLRESULT, 4 CALLERROR
    std::string id;                 // decoded
    std::string_view raw_id;        // between the quotes as written, to echo back in an answer
    std::string action;             // CALL
    std::string_view payload;       // CALL and CALLRESULT: the raw JSON value
    std::string error_code;         // CALLERROR
    std::string error_description;  // CALLERROR
};

// False if the text is not an OCPP-J frame. The string members are reused, so one InboundFrame per thread
// allocates only while it grows.
bool scan_frame(std::string_view text, InboundFrame& frame);

// The fields of BootNotification and StartTransaction results a charger acts on: "status" (at the top or,
// for StartTransaction, in "idTagInfo"), "interval" and "transactionId".
struct ResultFields {
    std::optional<std::string> status;
    std::optional<std::int64_t> interval;
    std::optional<std::int64_t> transaction_id;
};
bool scan_result_fields(std::string_view payload, ResultFields& fields);

// The numeric message ids this generator uses; nullopt for anything else.
std::optional<std::uint64_t> parse_message_id(std::string_view id);

}  // namespace parkgrid::loadgen
