#include "parkgrid/server/config.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace parkgrid::server {
namespace {

std::uint64_t parse_unsigned(const std::string& name, const std::string& text, std::uint64_t min,
                             std::uint64_t max) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        throw ConfigError("--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", got '" + text + "'");
    }
    return value;
}

std::chrono::seconds parse_seconds(const std::string& name, const std::string& text, std::uint64_t min) {
    return std::chrono::seconds(parse_unsigned(name, text, min, 7 * 24 * 3600));
}

bool parse_bool(const std::string& name, const std::string& text) {
    if (text == "true" || text == "1" || text == "yes") {
        return true;
    }
    if (text == "false" || text == "0" || text == "no") {
        return false;
    }
    throw ConfigError("--" + name + " must be true or false, got '" + text + "'");
}

// --tls-cert and --tls-key are comma-separated lists paired by position.
void set_tls_files(Config& config, const std::string& value, std::string TlsCertificateFiles::*field) {
    std::vector<std::string> paths;
    std::stringstream list(value);
    for (std::string path; std::getline(list, path, ',');) {
        if (!path.empty()) {
            paths.push_back(path);
        }
    }
    config.tls_certificates.resize(std::max(config.tls_certificates.size(), paths.size()));
    for (std::size_t i = 0; i < paths.size(); ++i) {
        config.tls_certificates[i].*field = paths[i];
    }
}

using Setter = std::function<void(Config&, const std::string& value)>;

struct Option {
    std::string help;
    Setter set;
};

const std::map<std::string, Option>& options() {
    static const std::map<std::string, Option> table = {
        {"listen",
         {"HOST:PORT for HTTP, the API and OCPP WebSocket (default 0.0.0.0:8180; port 0 picks a free one)",
          [](Config& c, const std::string& v) { c.listen = parse_endpoint(v); }}},
        {"db",
         {"SQLite database file (default data/parkgrid.db)",
          [](Config& c, const std::string& v) { c.db_path = v; }}},
        {"log-level",
         {"trace, debug, info, warn or error (default info)",
          [](Config& c, const std::string& v) {
              static const std::map<std::string, LogLevel> levels = {{"trace", LogLevel::Trace},
                                                                     {"debug", LogLevel::Debug},
                                                                     {"info", LogLevel::Info},
                                                                     {"warn", LogLevel::Warn},
                                                                     {"error", LogLevel::Error}};
              const auto it = levels.find(v);
              if (it == levels.end()) {
                  throw ConfigError("--log-level must be trace, debug, info, warn or error, got '" + v + "'");
              }
              c.log_level = it->second;
          }}},
        {"log-json",
         {"write logs as JSON lines (default false)",
          [](Config& c, const std::string& v) { c.log_json = parse_bool("log-json", v); }}},
        {"threads",
         {"network threads (default: one per core)",
          [](Config& c, const std::string& v) { c.threads = parse_unsigned("threads", v, 1, 256); }}},
        {"unknown-chargers",
         {"reject, pending or accept chargers that are not registered (default pending)",
          [](Config& c, const std::string& v) {
              if (v == "reject") {
                  c.unknown_chargers = UnknownChargerPolicy::Reject;
              } else if (v == "pending") {
                  c.unknown_chargers = UnknownChargerPolicy::Pending;
              } else if (v == "accept") {
                  c.unknown_chargers = UnknownChargerPolicy::Accept;
              } else {
                  throw ConfigError("--unknown-chargers must be reject, pending or accept, got '" + v + "'");
              }
          }}},
        {"heartbeat-interval",
         {"seconds between heartbeats asked of accepted chargers (default 300)",
          [](Config& c, const std::string& v) {
              c.heartbeat_interval = parse_seconds("heartbeat-interval", v, 1);
          }}},
        {"boot-retry-interval",
         {"seconds a pending or rejected charger waits before booting again (default 60)",
          [](Config& c, const std::string& v) {
              c.boot_retry_interval = parse_seconds("boot-retry-interval", v, 1);
          }}},
        {"future-timestamp-tolerance",
         {"seconds a charger's clock may run ahead before a timestamp is flagged (default 180)",
          [](Config& c, const std::string& v) {
              c.future_timestamp_tolerance = parse_seconds("future-timestamp-tolerance", v, 0);
          }}},
        {"max-frame-size",
         {"largest WebSocket message in bytes; larger ones close with 1009 (default 65536)",
          [](Config& c, const std::string& v) {
              c.max_frame_bytes = parse_unsigned("max-frame-size", v, 1024, 16 * 1024 * 1024);
          }}},
        {"ping-interval",
         {"seconds of silence before a WebSocket ping; closed after twice as long (default 60)",
          [](Config& c, const std::string& v) { c.ping_interval = parse_seconds("ping-interval", v, 1); }}},
        {"call-timeout",
         {"seconds to wait for a charger's answer to a server CALL (default 30)",
          [](Config& c, const std::string& v) { c.call_timeout = parse_seconds("call-timeout", v, 1); }}},
        {"remote-start-wait",
         {"seconds the remote-start API waits for the charger's StartTransaction (default 60)",
          [](Config& c, const std::string& v) {
              c.remote_start_wait = parse_seconds("remote-start-wait", v, 1);
          }}},
        {"session-idle-timeout",
         {"seconds after which an unused login session ends (default 43200, 12 h)",
          [](Config& c, const std::string& v) {
              c.session_idle_timeout = parse_seconds("session-idle-timeout", v, 1);
          }}},
        {"session-lifetime",
         {"seconds after login at which a session ends however it is used (default 604800, 7 days)",
          [](Config& c, const std::string& v) {
              c.session_lifetime = parse_seconds("session-lifetime", v, 1);
          }}},
        {"diagnostics-max-size",
         {"largest diagnostics file a charger may upload, in bytes (default 52428800)",
          [](Config& c, const std::string& v) {
              c.diagnostics_max_bytes =
                  parse_unsigned("diagnostics-max-size", v, 1024, std::uint64_t{4} << 30);
          }}},
        {"diagnostics-dir",
         {"directory for uploaded diagnostics files (default: diagnostics/ next to the database)",
          [](Config& c, const std::string& v) { c.diagnostics_dir = v; }}},
        {"exports-dir",
         {"directory for report files of export jobs, kept 24 hours (default: exports/ next to the database)",
          [](Config& c, const std::string& v) { c.exports_dir = v; }}},
        {"public-url",
         {"base URL chargers use to reach this server, for upload locations (default: the API request's "
          "Host)",
          [](Config& c, const std::string& v) { c.public_url = v; }}},
        {"tls-listen",
         {"HOST:PORT for HTTPS, the API and OCPP over wss:// (default 0.0.0.0:8443; needs --tls-cert)",
          [](Config& c, const std::string& v) { c.tls_listen = parse_endpoint(v); }}},
        {"tls-cert",
         {"PEM certificate chain(s) of the server, comma-separated (e.g. an RSA and an ECDSA one); enables "
          "TLS",
          [](Config& c, const std::string& v) {
              set_tls_files(c, v, &TlsCertificateFiles::certificate_chain);
          }}},
        {"tls-key",
         {"PEM private key(s), comma-separated, in the order of --tls-cert",
          [](Config& c, const std::string& v) { set_tls_files(c, v, &TlsCertificateFiles::private_key); }}},
        {"tls-ca",
         {"PEM CA certificate(s) that charger client certificates must chain to (security profile 3)",
          [](Config& c, const std::string& v) { c.tls_client_ca = v; }}},
        {"charger-cert-subject",
         {"identity (a charger certificate's CN equals it; default) or serial (the CN contains the "
          "chargePointSerialNumber)",
          [](Config& c, const std::string& v) {
              if (v == "identity") {
                  c.charger_certificate_subject = ChargerCertificateSubject::CommonNameIsIdentity;
              } else if (v == "serial") {
                  c.charger_certificate_subject = ChargerCertificateSubject::CommonNameIsSerialNumber;
              } else {
                  throw ConfigError("--charger-cert-subject must be identity or serial, got '" + v + "'");
              }
          }}},
        {"charger-cert-organisation",
         {"when set, the O of a charger certificate must equal it",
          [](Config& c, const std::string& v) { c.charger_certificate_organisation = v; }}},
        {"allow-security-profile-0",
         {"let chargers connect without authentication, and unknown identities register (closed test "
          "networks only; default false)",
          [](Config& c, const std::string& v) {
              c.allow_security_profile_0 = parse_bool("allow-security-profile-0", v);
          }}},
        {"charger-auth-max-failures",
         {"failed authentications of one charger identity before further attempts get 429 (default 10)",
          [](Config& c, const std::string& v) {
              c.charger_auth_max_failures = parse_unsigned("charger-auth-max-failures", v, 1, 1000000);
          }}},
        {"charger-auth-max-failures-per-address",
         {"failed charger authentications from one address before further attempts get 429 (default 100)",
          [](Config& c, const std::string& v) {
              c.charger_auth_max_failures_per_address =
                  parse_unsigned("charger-auth-max-failures-per-address", v, 1, 1000000);
          }}},
        {"charger-auth-failure-window",
         {"seconds over which failed charger authentications are counted (default 300)",
          [](Config& c, const std::string& v) {
              c.charger_auth_failure_window = parse_seconds("charger-auth-failure-window", v, 1);
          }}},
        {"max-connections",
         {"open connections in all (default 20000)",
          [](Config& c, const std::string& v) {
              c.max_connections = parse_unsigned("max-connections", v, 1, 1000000);
          }}},
        {"max-connections-per-address",
         {"open connections from one remote address (default 1000)",
          [](Config& c, const std::string& v) {
              c.max_connections_per_address = parse_unsigned("max-connections-per-address", v, 1, 1000000);
          }}},
        {"handshake-timeout",
         {"seconds allowed for the TLS handshake and for an HTTP request header (default 30)",
          [](Config& c, const std::string& v) {
              c.handshake_timeout = parse_seconds("handshake-timeout", v, 1);
          }}},
        {"limit-changes-per-hour",
         {"limit changes per connector and hour, unless a circuit needs it lower (default 12)",
          [](Config& c, const std::string& v) {
              c.limit_changes_per_hour = parse_unsigned("limit-changes-per-hour", v, 1, 3600);
          }}},
        {"open-session-limit",
         {"hours a transaction may stay open before it is a data-quality finding (default 24)",
          [](Config& c, const std::string& v) {
              c.open_session_limit = std::chrono::hours(parse_unsigned("open-session-limit", v, 1, 24 * 366));
          }}},
        {"quality-period",
         {"seconds between runs of the data-quality checks across sessions (default 300)",
          [](Config& c, const std::string& v) { c.quality_period = parse_seconds("quality-period", v, 1); }}},
        {"load-period",
         {"seconds between two scheduler runs when nothing happens (default 15)",
          [](Config& c, const std::string& v) { c.load_period = parse_seconds("load-period", v, 1); }}},
        {"building-load-stale-after",
         {"seconds after which a building-load reading gives way to the circuit's fallback profile (default "
          "120)",
          [](Config& c, const std::string& v) {
              c.building_load_stale_after = parse_seconds("building-load-stale-after", v, 5);
          }}},
        {"limit-change-threshold",
         {"tenths of an ampere a connector's limit must move before a new profile is sent (default 10, i.e. "
          "1 A)",
          [](Config& c, const std::string& v) {
              c.limit_change_threshold_tenths = parse_unsigned("limit-change-threshold", v, 1, 320);
          }}},
        {"limit-min-interval",
         {"seconds between two limit changes of one connector, unless a circuit needs it lower (default 30)",
          [](Config& c, const std::string& v) {
              c.limit_min_interval = parse_seconds("limit-min-interval", v, 0);
          }}},
        {"charger-ca-cert",
         {"PEM certificate of ParkGrid's CA for charger certificates; with --charger-ca-key, ParkGrid signs "
          "the "
          "CSRs chargers send (default: none, CSRs wait for an external CA)",
          [](Config& c, const std::string& v) { c.charger_ca_certificate = v; }}},
        {"charger-ca-key",
         {"PEM private key (unencrypted) of the --charger-ca-cert CA",
          [](Config& c, const std::string& v) { c.charger_ca_key = v; }}},
        {"charger-cert-days",
         {"days a charger certificate signed by ParkGrid's CA is valid (default 365)",
          [](Config& c, const std::string& v) {
              c.charger_certificate_validity =
                  std::chrono::days(parse_unsigned("charger-cert-days", v, 1, 3650));
          }}},
        {"admin-ui",
         {"directory of the admin web UI (default admin-ui)",
          [](Config& c, const std::string& v) { c.admin_ui_dir = v; }}},
        {"db-durable",
         {"fsync every commit so power loss loses nothing acknowledged (default true)",
          [](Config& c, const std::string& v) { c.db_durable = parse_bool("db-durable", v); }}},
        {"db-commit-gather",
         {"microseconds a group commit waits for more writes when they arrive faster than that; fewer, "
          "larger commits write and flush less (default 1000; 0 never waits)",
          [](Config& c, const std::string& v) {
              c.db_commit_gather =
                  std::chrono::microseconds(parse_unsigned("db-commit-gather", v, 0, 100000));
          }}},
        {"metrics-token",
         {"GET /metrics answers requests with \"Authorization: Bearer TOKEN\" from any address (default: "
          "none)",
          [](Config& c, const std::string& v) { c.metrics_token = v; }}},
        {"metrics-loopback",
         {"GET /metrics answers loopback clients without a token (default true; set false behind a reverse "
          "proxy on the same host)",
          [](Config& c, const std::string& v) { c.metrics_loopback = parse_bool("metrics-loopback", v); }}},
        {"meter-value-retention-months",
         {"delete raw meter values older than this; sessions, energy ledgers and reports are kept (default "
          "25, 0 = keep forever)",
          [](Config& c, const std::string& v) {
              c.meter_value_retention_months = parse_unsigned("meter-value-retention-months", v, 0, 1200);
          }}},
    };
    return table;
}

void apply(Config& config, const std::string& name, const std::string& value) {
    const auto it = options().find(name);
    if (it == options().end()) {
        throw ConfigError("unknown option '" + name + "'; see --help");
    }
    it->second.set(config, value);
}

void apply_file(Config& config, const std::string& path) {
    std::ifstream file(path);
    if (!file) {
        throw ConfigError("cannot read configuration file '" + path + "'");
    }
    const auto json = nlohmann::json::parse(file, nullptr, false);
    if (!json.is_object()) {
        throw ConfigError("configuration file '" + path + "' must hold a JSON object");
    }
    for (const auto& [key, value] : json.items()) {
        if (value.is_string()) {
            apply(config, key, value.get<std::string>());
        } else if (value.is_number_unsigned() || value.is_boolean()) {
            apply(config, key, value.dump());
        } else {
            throw ConfigError("configuration key '" + key +
                              "' must be a string, a whole number or a boolean");
        }
    }
}

}  // namespace

Endpoint parse_endpoint(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        throw ConfigError("expected HOST:PORT, got '" + text + "'");
    }
    Endpoint endpoint;
    endpoint.host = text.substr(0, colon);
    if (endpoint.host.size() > 2 && endpoint.host.front() == '[' && endpoint.host.back() == ']') {
        endpoint.host = endpoint.host.substr(1, endpoint.host.size() - 2);  // [::1]:8180
    }
    endpoint.port = static_cast<std::uint16_t>(parse_unsigned("listen", text.substr(colon + 1), 0, 65535));
    return endpoint;
}

std::string usage() {
    std::ostringstream out;
    out << "usage: csms [--config FILE] [--OPTION VALUE]...\n"
           "       csms backup FILE [--config FILE] [--db PATH]   copies the database while csms serves\n\n"
           "ParkGrid central system for OCPP 1.6J chargers. Options (also accepted as keys of the JSON "
           "--config file;\n"
           "command-line flags override the file):\n";
    for (const auto& [name, option] : options()) {
        out << "  --" << name << "\n      " << option.help << "\n";
    }
    out << "  --config FILE\n      JSON configuration file\n  --help\n      this text\n";
    return out.str();
}

std::optional<Config> parse_config(const std::vector<std::string>& args) {
    // Split "--name value" and "--name=value" first so the file can be applied before the flags.
    std::vector<std::pair<std::string, std::string>> flags;
    std::optional<std::string> config_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << usage();
            return std::nullopt;
        }
        if (arg.rfind("--", 0) != 0) {
            throw ConfigError("unexpected argument '" + arg + "'; see --help");
        }
        std::string name = arg.substr(2);
        std::string value;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            value = name.substr(equals + 1);
            name.resize(equals);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw ConfigError("option '--" + name + "' needs a value");
        }
        if (name == "config") {
            config_file = value;
        } else {
            flags.emplace_back(std::move(name), std::move(value));
        }
    }
    Config config;
    if (config_file) {
        apply_file(config, *config_file);
    }
    for (const auto& [name, value] : flags) {
        apply(config, name, value);
    }
    for (const auto& files : config.tls_certificates) {
        if (files.certificate_chain.empty() || files.private_key.empty()) {
            throw ConfigError("--tls-cert and --tls-key must name as many files each");
        }
    }
    if (config.tls_certificates.empty() && !config.tls_client_ca.empty()) {
        throw ConfigError("--tls-ca needs --tls-cert and --tls-key");
    }
    if (config.charger_ca_certificate.empty() != config.charger_ca_key.empty()) {
        throw ConfigError("--charger-ca-cert and --charger-ca-key go together");
    }
    return config;
}

}  // namespace parkgrid::server
