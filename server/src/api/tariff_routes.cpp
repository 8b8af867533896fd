#include <algorithm>

#include "body_reader.hpp"
#include "calendar_text.hpp"
#include "load_access.hpp"
#include "load_fields.hpp"
#include "load_management_routes.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "storage_reply.hpp"
#include "tariff_coverage.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;
using storage::TariffPeriod;

// Real tariffs have a handful of periods; 48 would allow a different price every half hour.
constexpr std::size_t kMaxPeriods = 48;
constexpr double kMaxPricePerKwh = 100;  // CNY; real tariffs are around 0.3 to 1.5

std::string read_time(const BodyReader& fields, const std::string& name) {
    auto time = fields.required_string(name, 5);
    if (!is_time_of_day(time)) {
        throw ApiError::invalid_field(name,
                                      "must be a time of day HH:MM from 00:00 to 23:59 (midnight is 00:00)");
    }
    return time;
}

TariffPeriod read_period(const nlohmann::json& item) {
    const BodyReader fields(item, {"kind", "start", "end", "pricePerKwh"});
    TariffPeriod period;
    period.kind = fields.required_one_of("kind", {"sharp_peak", "peak", "flat", "valley"});
    period.start_time = read_time(fields, "start");
    period.end_time = read_time(fields, "end");
    const auto price = fields.optional_number("pricePerKwh", 0, kMaxPricePerKwh);
    if (!price) {
        throw ApiError::invalid_field("pricePerKwh", "is required");
    }
    period.price_per_kwh = *price;
    return period;
}

std::vector<TariffPeriod> read_periods(const nlohmann::json& body) {
    const BodyReader fields(body, {"periods"});
    const auto it = body.find("periods");
    if (it == body.end() || !it->is_array() || it->size() > kMaxPeriods) {
        throw ApiError::invalid_field("periods", "is required: an array of at most " +
                                                     std::to_string(kMaxPeriods) +
                                                     " periods ([] for no tariff)");
    }
    std::vector<TariffPeriod> periods;
    for (const auto& item : *it) {
        if (!item.is_object()) {
            throw ApiError::invalid_field("periods[" + std::to_string(periods.size()) + "]",
                                          "must be an object with kind, start, end and pricePerKwh");
        }
        try {
            periods.push_back(read_period(item));
        } catch (const ApiError& error) {
            throw element_error(error, "periods", periods.size());
        }
    }
    if (const auto problem = tariff_coverage_problem(periods)) {
        throw ApiError::invalid_field("periods", *problem);
    }
    std::sort(periods.begin(), periods.end(),
              [](const TariffPeriod& a, const TariffPeriod& b) { return a.start_time < b.start_time; });
    return periods;
}

}  // namespace

void add_tariff_routes(Router& router, storage::Database& database, EventBus& events) {
    router.add("GET", "/api/v1/sites/{id}/tariff",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto site_id = id_param(request, 0, "site");
                   read_then_reply(
                       database,
                       [site_id, principal = request.principal()](Repositories& repositories) {
                           require_visible_site(repositories, principal, site_id);
                           return repositories.load_management().tariff_periods(site_id);
                       },
                       [site_id](const std::vector<TariffPeriod>& periods) {
                           return json_response(200, tariff_json(site_id, periods));
                       },
                       reply);
               });

    router.add("PUT", "/api/v1/sites/{id}/tariff",
               [&database, &events](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto site_id = id_param(request, 0, "site");
                   const auto periods = read_periods(request.json_body());
                   write_then_reply(
                       database,
                       [site_id, periods, principal = request.principal()](Repositories& repositories) {
                           require_visible_site(repositories, principal, site_id);
                           repositories.load_management().replace_tariff_periods(site_id, periods);
                           return repositories.load_management().tariff_periods(site_id);
                       },
                       [&events, site_id](const std::vector<TariffPeriod>& stored) {
                           publish_load_config_changed(events, site_id);
                           return json_response(200, tariff_json(site_id, stored));
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
