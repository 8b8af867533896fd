#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace parkgrid::server {

// HTTP as the application sees it, independent of Boost.Beast.
struct HttpRequest {
    std::string method;
    std::string target;  // origin-form: path and query
    std::string authorization;
    std::string cookie;      // the Cookie header: the web UI's session
    std::string csrf_token;  // X-CSRF-Token, required with a session cookie for requests that change state
    std::string content_type;
    std::string body;
    std::string remote_address;
    std::string host;  // the Host header: how the client reached this server
};

// Writes the chunks of a streamed response body (Server-Sent Events, downloads); usable from any thread.
class StreamWriter {
public:
    virtual ~StreamWriter() = default;
    virtual void write(std::string chunk) = 0;
    // Like write(), then calls `written` (on the connection's thread) once the chunk has gone out, so that
    // the producer of a large body writes its next chunk only then instead of queueing the whole body. Not
    // called when the stream ends first.
    virtual void write_then(std::string chunk, std::function<void()> written) = 0;
    // Ends a finite body (a download): the terminating chunk follows the chunks written, then the connection
    // closes. An endless stream (events) never calls it.
    virtual void finish() = 0;
    // False once the client has gone or the server is shutting down; the stream should then stop.
    virtual bool open() const = 0;
};

// Called once the response headers are sent. What it returns is kept alive for as long as the stream
// lasts: the producer of the chunks (e.g. an event subscription).
using StreamStarter = std::function<std::shared_ptr<void>(std::shared_ptr<StreamWriter> writer)>;

struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Set for a streamed body: `body` is ignored and chunks follow through the writer.
    StreamStarter stream;
    // Not sent: notes for the audit log (api/audit_recorder.hpp). audit_subject names the caller of a
    // request that was not authenticated (a login names the user it tried); audit_detail is a short JSON
    // object saying what was done, and never holds a secret.
    std::string audit_subject;
    std::string audit_detail;
};

// Called exactly once per request, from any thread.
using HttpReply = std::function<void(HttpResponse)>;

}  // namespace parkgrid::server
