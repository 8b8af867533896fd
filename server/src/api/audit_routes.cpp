#include "access.hpp"
#include "auth_routes.hpp"
#include "auth_views.hpp"
#include "json_views.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {

void add_audit_routes(Router& router, storage::Database& database) {
    router.add("GET", "/api/v1/audit-log", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_admin(request.principal());
        storage::AuditFilter filter;
        filter.subject = request.query("subject");
        filter.from = request.query_time("from");
        filter.to = request.query_time("to");
        filter.method = request.query("method");
        filter.path_prefix = request.query("pathPrefix");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database,
            [filter](storage::Repositories& repositories) {
                return std::make_pair(repositories.audit_log().query(filter),
                                      repositories.audit_log().count(filter));
            },
            [](const std::pair<std::vector<storage::AuditRecord>, std::size_t>& found) {
                return json_response(200,
                                     {{"items", array_of(found.first, audit_json)}, {"total", found.second}});
            },
            reply);
    });
}

}  // namespace parkgrid::server::api
