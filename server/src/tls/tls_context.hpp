#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <mutex>

#include "parkgrid/server/config.hpp"

namespace parkgrid::server {

// Thrown when a certificate or key cannot be used; the message names the file and the reason.
struct TlsConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The server's TLS settings, following the OCPP 1.6 Security Whitepaper (edition 3): TLS 1.2 and 1.3 only,
// for 1.2 exactly the ECDHE-ECDSA and ECDHE-RSA AES-GCM suites, no compression, no renegotiation, RSA keys
// of at least 2048 bits and EC keys of at least 224. Client certificates are asked for (not required: the
// API, the web UI and profile 2 chargers have none) and verified against the client CA when presented.
//
// reload() builds a fresh context from the files; connections accepted afterwards use it, established ones
// keep the context they started with. Thread-safe.
class TlsContextProvider {
public:
    // Throws TlsConfigError when the configured files are unusable.
    explicit TlsContextProvider(const Config& config);

    std::shared_ptr<boost::asio::ssl::context> current() const;
    // Keeps the current context and rethrows when the new files are unusable.
    void reload();

private:
    std::shared_ptr<boost::asio::ssl::context> build() const;

    const Config& config_;
    mutable std::mutex mutex_;
    std::shared_ptr<boost::asio::ssl::context> current_;
};

}  // namespace parkgrid::server
