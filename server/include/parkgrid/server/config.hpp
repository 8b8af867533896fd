#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace parkgrid::server {

enum class UnknownChargerPolicy { Reject, Pending, Accept };
enum class LogLevel { Trace, Debug, Info, Warn, Error };

struct Endpoint {
    std::string host;
    std::uint16_t port = 0;
};

struct TlsCertificateFiles {
    std::string certificate_chain;  // PEM: the certificate, then its intermediates
    std::string private_key;        // PEM
};

// What the subject of a charger's client certificate must name (security profile 3).
enum class ChargerCertificateSubject {
    CommonNameIsIdentity,      // CN equals the charge point identity (the common practice)
    CommonNameIsSerialNumber,  // CN contains the chargePointSerialNumber of its BootNotification (whitepaper)
};

struct Config {
    Endpoint listen{"0.0.0.0", 8180};
    std::string db_path = "data/parkgrid.db";
    LogLevel log_level = LogLevel::Info;
    bool log_json = false;
    std::size_t threads = 0;  // network threads; 0 = one per core

    UnknownChargerPolicy unknown_chargers = UnknownChargerPolicy::Pending;
    std::chrono::seconds heartbeat_interval{300};
    std::chrono::seconds boot_retry_interval{60};  // "interval" answered to Pending or Rejected chargers
    std::chrono::seconds future_timestamp_tolerance{
        180};  // a charging meter's clock may be 3 min off (JJG 1148)

    std::size_t max_frame_bytes = std::size_t{64} * 1024;
    std::chrono::seconds ping_interval{
        60};  // WebSocket ping after this much silence; closed after twice as long
    std::chrono::seconds call_timeout{30};  // server-initiated CALLs
    std::chrono::seconds remote_start_wait{60};
    std::size_t diagnostics_max_bytes = std::size_t{50} * 1024 * 1024;  // per uploaded diagnostics file
    std::string diagnostics_dir;  // default: "diagnostics" next to the database file
    std::string exports_dir;      // report files of export jobs; default: "exports" next to the database file
    // How chargers reach this server (e.g. http://10.0.0.5:8180); default: from the API request.
    std::string public_url;
    std::size_t max_pending_calls = 64;  // queued server-initiated CALLs per charger
    std::chrono::seconds shutdown_grace{5};

    std::chrono::seconds session_idle_timeout{12 * 3600};  // a login session unused this long ends
    std::chrono::seconds session_lifetime{7 * 24 * 3600};  // and ends this long after login in any case

    // TLS (wss:// and https://) on a second port, when at least one certificate is configured.
    Endpoint tls_listen{"0.0.0.0", 8443};
    std::vector<TlsCertificateFiles> tls_certificates;  // e.g. one RSA and one ECDSA certificate
    std::string tls_client_ca;  // CA file for charger client certificates (security profile 3)
    ChargerCertificateSubject charger_certificate_subject = ChargerCertificateSubject::CommonNameIsIdentity;
    std::string charger_certificate_organisation;  // when set, a client certificate's O must equal it

    // Security profile 0 (no authentication) is refused unless allowed; unknown identities then connect too.
    bool allow_security_profile_0 = false;
    std::size_t charger_auth_max_failures = 10;  // per identity, within the window
    // Per remote address: higher, because a car park's chargers often share one NAT address and one
    // misconfigured charger must not lock out its neighbours.
    std::size_t charger_auth_max_failures_per_address = 100;
    std::chrono::seconds charger_auth_failure_window{300};

    std::size_t max_connections = 20000;
    std::size_t max_connections_per_address = 1000;  // a car park's chargers often share one NAT address
    std::chrono::seconds handshake_timeout{30};      // TLS handshake and the HTTP request header

    // ParkGrid's own CA for charger certificates (SignCertificate → CertificateSigned), PEM files; without
    // them, certificate signing requests wait for an external CA (POST /api/v1/certificate-requests/...).
    std::string charger_ca_certificate;
    std::string charger_ca_key;
    std::chrono::days charger_certificate_validity{365};

    // Load management (see docs/load-management.md).
    std::chrono::seconds load_period{15};  // the scheduler reruns at least this often

    // Energy statistics: a running transaction is a data-quality finding after this long, and the
    // cross-session checks run this often (besides on demand).
    std::chrono::hours open_session_limit{24};
    std::chrono::seconds quality_period{300};
    std::chrono::seconds building_load_stale_after{120};  // older readings give way to the fallback profile
    std::size_t limit_change_threshold_tenths = 10;       // smaller limit changes are not sent (1.0 A)
    std::chrono::seconds limit_min_interval{30};          // between two changes of one connector's limit
    std::size_t limit_changes_per_hour = 12;              // per connector, unless a circuit needs it lower

    std::string admin_ui_dir = "admin-ui";
    bool db_durable = true;
    std::chrono::microseconds db_commit_gather{1000};  // storage::SqliteOptions::commit_gather

    // GET /metrics (Prometheus): served to loopback clients, and to any client that presents this token as
    // "Authorization: Bearer TOKEN".
    std::string metrics_token;
    bool metrics_loopback = true;

    // Raw meter values older than this are deleted (sessions, their energy ledgers and the reports built on
    // them are kept forever). 0 keeps them forever.
    std::size_t meter_value_retention_months = 25;
};

// Thrown for an invalid command line or configuration file; the message is meant for the operator.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads `--config FILE` (JSON object whose keys are the flag names without dashes) and then the flags,
// which override the file. Returns nullopt when `--help` was given, after printing the usage.
std::optional<Config> parse_config(const std::vector<std::string>& args);

std::string usage();
Endpoint parse_endpoint(const std::string& text);

}  // namespace parkgrid::server
