#include "options.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <stdexcept>
#include <string_view>

namespace parkgrid::loadgen {
namespace {

int parse_int(const std::string& flag, const std::string& text, int min, int max) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max) {
        throw std::invalid_argument("--" + flag + ": expected an integer from " + std::to_string(min) +
                                    " to " + std::to_string(max) + ", got '" + text + "'");
    }
    return value;
}

double parse_number(const std::string& flag, const std::string& text, double min) {
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || !(value >= min)) {
        throw std::invalid_argument("--" + flag + ": expected a number >= " + std::to_string(min) +
                                    ", got '" + text + "'");
    }
    return value;
}

std::uint32_t parse_ipv4(const std::string& text) {
    in_addr address{};
    if (inet_pton(AF_INET, text.c_str(), &address) != 1) {
        throw std::invalid_argument("--sources: '" + text + "' is not an IPv4 address");
    }
    return ntohl(address.s_addr);
}

struct Flag {
    bool takes_value;
    std::function<void(Options&, const std::string&)> apply;
};

const std::map<std::string, Flag, std::less<>>& flags() {
    static const std::map<std::string, Flag, std::less<>> table = {
        {"url", {true, [](Options& o, const std::string& v) { o.url = v; }}},
        {"chargers",
         {true, [](Options& o, const std::string& v) { o.chargers = parse_int("chargers", v, 1, 1000000); }}},
        {"id-prefix", {true, [](Options& o, const std::string& v) { o.id_prefix = v; }}},
        {"first-index",
         {true,
          [](Options& o, const std::string& v) { o.first_index = parse_int("first-index", v, 0, 999999); }}},
        {"sources", {true, [](Options& o, const std::string& v) { o.sources_text = v; }}},
        {"connect-rate",
         {true,
          [](Options& o, const std::string& v) { o.connect_rate = parse_number("connect-rate", v, 0); }}},
        {"threads",
         {true, [](Options& o, const std::string& v) { o.threads = parse_int("threads", v, 1, 256); }}},
        {"basic-auth", {true, [](Options& o, const std::string& v) { o.basic_auth = v; }}},
        {"ca", {true, [](Options& o, const std::string& v) { o.ca_file = v; }}},
        {"insecure", {false, [](Options& o, const std::string&) { o.insecure = true; }}},
        {"mode",
         {true,
          [](Options& o, const std::string& v) {
              if (v == "idle") {
                  o.mode = Mode::Idle;
              } else if (v == "closed") {
                  o.mode = Mode::Closed;
              } else if (v == "open") {
                  o.mode = Mode::Open;
              } else {
                  throw std::invalid_argument("--mode: expected idle, closed or open, got '" + v + "'");
              }
          }}},
        {"heartbeat",
         {true, [](Options& o,
                   const std::string& v) { o.heartbeat_seconds = parse_number("heartbeat", v, 0.001); }}},
        {"duration",
         {true,
          [](Options& o, const std::string& v) { o.duration_seconds = parse_number("duration", v, 0); }}},
        {"warmup",
         {true, [](Options& o, const std::string& v) { o.warmup_seconds = parse_number("warmup", v, 0); }}},
        {"rate", {true, [](Options& o, const std::string& v) { o.rate = parse_number("rate", v, 0); }}},
        {"inflight",
         {true, [](Options& o, const std::string& v) { o.inflight = parse_int("inflight", v, 1, 1000); }}},
        {"session-messages",
         {true,
          [](Options& o, const std::string& v) {
              o.session_messages = parse_int("session-messages", v, 0, 1000000000);
          }}},
        {"id-tag", {true, [](Options& o, const std::string& v) { o.id_tag = v; }}},
        {"phases",
         {true,
          [](Options& o, const std::string& v) {
              o.phases = parse_int("phases", v, 1, 3);
              if (o.phases == 2) {
                  throw std::invalid_argument("--phases: expected 1 or 3");
              }
          }}},
        {"backoff-min-ms",
         {true, [](Options& o,
                   const std::string& v) { o.backoff_min_ms = parse_int("backoff-min-ms", v, 0, 3600000); }}},
        {"backoff-max-ms",
         {true, [](Options& o,
                   const std::string& v) { o.backoff_max_ms = parse_int("backoff-max-ms", v, 0, 3600000); }}},
        {"storm-at",
         {true,
          [](Options& o, const std::string& v) { o.storm_at_seconds = parse_number("storm-at", v, 0); }}},
        {"storm-only", {false, [](Options& o, const std::string&) { o.storm_only = true; }}},
        {"ack-log", {true, [](Options& o, const std::string& v) { o.ack_log = v; }}},
        {"call-timeout",
         {true,
          [](Options& o,
             const std::string& v) { o.call_timeout_seconds = parse_number("call-timeout", v, 0.001); }}},
    };
    return table;
}

void check(const Options& options) {
    if (options.mode == Mode::Open && options.rate <= 0 && !options.storm_only) {
        throw std::invalid_argument("--mode open needs --rate R > 0");
    }
    if (options.first_index + options.chargers > 1000000) {
        throw std::invalid_argument("--first-index + --chargers must stay below 1000000 (6-digit ids)");
    }
    if (options.backoff_max_ms < options.backoff_min_ms) {
        throw std::invalid_argument("--backoff-max-ms must not be below --backoff-min-ms");
    }
    if (options.server.tls && !options.ca_file.empty() && options.insecure) {
        throw std::invalid_argument("--ca and --insecure exclude each other");
    }
}

}  // namespace

const char* mode_name(Mode mode) {
    switch (mode) {
        case Mode::Idle: return "idle";
        case Mode::Closed: return "closed";
        case Mode::Open: return "open";
    }
    return "?";
}

std::string help_text() {
    return R"(parkgrid_loadgen: simulated OCPP 1.6J chargers against a central system; prints one JSON report.

  --url URL               ws://HOST:PORT/PATH or wss://...; charger i connects to URL/<prefix><i>
                          (default ws://127.0.0.1:8180/ocpp)
  --chargers N            number of chargers (default 100)
  --id-prefix P           charger id prefix; ids are P + a 6-digit index (default LG-)
  --first-index K         index of the first charger, to split one id range over processes (default 0)
  --sources A-B           local IPv4 source addresses bound before connect, round-robin over chargers
                          (e.g. 127.0.0.1-127.0.0.16; default: the kernel picks)
  --connect-rate R        new connections per second while ramping up; 0: all at once (default 2000)
  --threads T             io_context threads; chargers are spread over them (default 1)
  --basic-auth PASSWORD   HTTP Basic authentication as <charger id>:PASSWORD
  --ca FILE               CA certificate(s) to verify a wss server with (host name checked)
  --insecure              do not verify a wss server (the default without --ca)
  --mode idle|closed|open idle: boot, statuses, heartbeats; closed: each charger keeps --inflight
                          MeterValues outstanding; open: --rate MeterValues per second in total on a fixed
                          schedule (default idle)
  --heartbeat S           heartbeat interval in idle mode (default: the BootNotification interval)
  --duration S            measuring window after the ramp-up and the warm-up (default 30)
  --warmup S              seconds after the ramp-up whose latencies are not counted (default 2)
  --rate R                open mode: MeterValues per second over all chargers
  --inflight K            closed mode: MeterValues outstanding per charger (default 1)
  --session-messages M    stop the transaction after M MeterValues and start a new one; 0: never (default 0)
  --id-tag TAG            idTag of the transactions; "{i}" in it becomes the charger's 6-digit index,
                          e.g. LG{i}, for a tag per charger (default LOADGEN, one tag for all)
  --phases 1|3            phases in the MeterValues frames (default 3)
  --backoff-min-ms MS     reconnect back-off, exponential with full jitter, from ... (default 500)
  --backoff-max-ms MS     ... up to (default 30000)
  --storm-at S            S seconds after all chargers are ready, all drop their connection and reconnect,
                          boot and send their statuses at once (a site-wide power cut)
  --storm-only            ramp up, storm once (after --storm-at, default 0), report and exit; waits at most
                          --duration + --call-timeout seconds for the chargers to come back
  --ack-log FILE          append one JSON line per acknowledged transaction message (crash tests)
  --call-timeout S        an unanswered CALL after S seconds is a timeout; the charger then reconnects
                          (default 30)
  --help                  this text

The report (stdout) counts in "messages" the measured action sent in the measuring window: MeterValues in
closed and open mode, Heartbeat in idle mode. "by_action" covers the whole run. Progress goes to stderr.
)";
}

std::vector<std::uint32_t> parse_source_range(const std::string& text) {
    const auto dash = text.find('-');
    const std::uint32_t first = parse_ipv4(text.substr(0, dash));
    const std::uint32_t last = dash == std::string::npos ? first : parse_ipv4(text.substr(dash + 1));
    if (last < first || last - first >= 65536) {
        throw std::invalid_argument("--sources: '" + text + "' is not an ascending range of at most 65536");
    }
    std::vector<std::uint32_t> addresses;
    for (std::uint32_t a = first;; ++a) {
        addresses.push_back(a);
        if (a == last) {
            break;
        }
    }
    return addresses;
}

ServerUrl parse_server_url(const std::string& url) {
    ServerUrl server;
    std::string_view rest = url;
    if (rest.starts_with("ws://")) {
        rest.remove_prefix(5);
    } else if (rest.starts_with("wss://")) {
        rest.remove_prefix(6);
        server.tls = true;
    } else {
        throw std::invalid_argument("--url: expected ws:// or wss://, got '" + url + "'");
    }
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    server.path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
    while (!server.path.empty() && server.path.back() == '/') {
        server.path.pop_back();
    }
    std::string_view port_text;
    if (authority.starts_with('[')) {  // [v6]:port
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            throw std::invalid_argument("--url: unterminated IPv6 address in '" + url + "'");
        }
        server.host = std::string(authority.substr(1, close - 1));
        authority.remove_prefix(close + 1);
        if (authority.starts_with(':')) {
            port_text = authority.substr(1);
        }
    } else {
        const auto colon = authority.rfind(':');
        server.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
        }
    }
    if (server.host.empty()) {
        throw std::invalid_argument("--url: no host in '" + url + "'");
    }
    server.port = server.tls ? 443 : 80;
    if (!port_text.empty()) {
        server.port = static_cast<std::uint16_t>(parse_int("url", std::string(port_text), 1, 65535));
    }
    return server;
}

std::string charger_id(const std::string& prefix, int index) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%06d", index);
    return prefix + digits;
}

std::optional<Options> parse_options(int argc, const char* const* argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(help_text().c_str(), stdout);
            return std::nullopt;
        }
        if (!arg.starts_with("--")) {
            throw std::invalid_argument("unexpected argument '" + std::string(arg) + "' (see --help)");
        }
        arg.remove_prefix(2);
        std::optional<std::string> value;
        if (const auto equals = arg.find('='); equals != std::string_view::npos) {
            value = std::string(arg.substr(equals + 1));
            arg = arg.substr(0, equals);
        }
        const auto flag = flags().find(arg);
        if (flag == flags().end()) {
            throw std::invalid_argument("unknown option --" + std::string(arg) + " (see --help)");
        }
        if (flag->second.takes_value && !value) {
            if (i + 1 >= argc) {
                throw std::invalid_argument("--" + std::string(arg) + " needs a value");
            }
            value = argv[++i];
        } else if (!flag->second.takes_value && value) {
            throw std::invalid_argument("--" + std::string(arg) + " takes no value");
        }
        flag->second.apply(options, value.value_or(""));
    }
    options.server = parse_server_url(options.url);
    if (!options.sources_text.empty()) {
        options.sources = parse_source_range(options.sources_text);
    }
    if (options.server.tls && options.ca_file.empty()) {
        options.insecure = true;
    }
    check(options);
    return options;
}

}  // namespace parkgrid::loadgen
