#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parkgrid::loadgen {

enum class Mode { Idle, Closed, Open };

const char* mode_name(Mode mode);

// The server address split from --url; chargers connect to `path` + "/" + their id.
struct ServerUrl {
    bool tls = false;
    std::string host;
    std::uint16_t port = 0;
    std::string path;  // without a trailing slash, may be empty
};

struct Options {
    std::string url = "ws://127.0.0.1:8180/ocpp";
    ServerUrl server;
    int chargers = 100;
    std::string id_prefix = "LG-";
    int first_index = 0;
    std::string sources_text;            // as given, for the report
    std::vector<std::uint32_t> sources;  // IPv4 addresses in host byte order; empty: the kernel picks
    double connect_rate = 2000;          // connections per second while ramping; 0: all at once
    int threads = 1;
    std::optional<std::string> basic_auth;  // password; the user name is the charger id
    std::string ca_file;                    // empty: the server certificate is not verified
    bool insecure = false;
    Mode mode = Mode::Idle;
    std::optional<double> heartbeat_seconds;  // empty: the interval of the BootNotification answer
    double duration_seconds = 30;
    double warmup_seconds = 2;
    double rate = 0;  // open mode: MeterValues per second over all chargers
    int inflight = 1;
    int session_messages = 0;
    std::string id_tag = "LOADGEN";
    int phases = 3;
    int backoff_min_ms = 500;
    int backoff_max_ms = 30000;
    std::optional<double> storm_at_seconds;
    bool storm_only = false;
    std::string ack_log;
    double call_timeout_seconds = 30;
};

// Parses the command line; throws std::invalid_argument with a message for the user. Returns nothing when
// --help was asked for (the help text is then printed to stdout).
std::optional<Options> parse_options(int argc, const char* const* argv);

std::string help_text();

// "127.0.0.1-127.0.0.16" or a single address; throws std::invalid_argument.
std::vector<std::uint32_t> parse_source_range(const std::string& text);

// ws://host[:port][/path] or wss://...; throws std::invalid_argument.
ServerUrl parse_server_url(const std::string& url);

// The id of the charger with this index: prefix + the index zero-padded to 6 digits.
std::string charger_id(const std::string& prefix, int index);

}  // namespace parkgrid::loadgen
