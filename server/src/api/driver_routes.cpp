#include <algorithm>

#include "body_reader.hpp"
#include "organisation_access.hpp"
#include "organisation_routes.hpp"
#include "organisation_views.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::DriverRecord;
using storage::Repositories;

const std::initializer_list<std::string_view> kFields = {"institutionId", "departmentId", "name",
                                                         "employeeNumber", "phone"};
constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kMaxEmployeeNumberLength = 64;
constexpr std::size_t kMaxPhoneLength = 32;

std::string what(std::int64_t id) {
    return "driver " + std::to_string(id);
}

// Mobile or landline numbers as people write them: digits with +, -, spaces and parentheses.
std::optional<std::string> read_phone(const BodyReader& fields) {
    auto phone = fields.optional_string("phone", kMaxPhoneLength);
    if (phone) {
        const auto digits =
            std::count_if(phone->begin(), phone->end(), [](char c) { return c >= '0' && c <= '9'; });
        const bool allowed = std::all_of(phone->begin(), phone->end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' || c == ')';
        });
        if (!allowed || digits < 5) {
            throw ApiError::invalid_field("phone",
                                          "must be a phone number: digits with +, -, spaces or parentheses");
        }
    }
    return phone;
}

ApiError duplicate_employee_number(const DriverRecord& driver) {
    return ApiError(409, "conflict",
                    "institution " + std::to_string(driver.institution_id) +
                        " has a driver with employee number '" + driver.employee_number.value_or("") +
                        "' already",
                    "employeeNumber");
}

}  // namespace

void add_driver_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/drivers", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_change_right(request.principal());
        const auto body = request.json_body();
        const BodyReader fields(body, kFields);
        DriverRecord driver;
        driver.institution_id = required_id(fields, "institutionId");
        driver.department_id = optional_id(fields, "departmentId");
        driver.name = fields.required_string("name", kMaxNameLength);
        driver.employee_number = fields.optional_string("employeeNumber", kMaxEmployeeNumberLength);
        driver.phone = read_phone(fields);
        driver.created_at = driver.updated_at = now();
        write_then_reply(
            database,
            [driver, principal = request.principal()](Repositories& repositories) {
                require_institution_for_write(repositories, principal, driver.institution_id);
                if (driver.department_id) {
                    require_department_in(repositories, *driver.department_id, driver.institution_id,
                                          "departmentId");
                }
                const auto id = repositories.drivers().insert(driver);
                if (!id) {
                    throw duplicate_employee_number(driver);
                }
                return *repositories.drivers().find(*id);
            },
            [](const DriverRecord& created) { return json_response(201, driver_json(created)); }, reply);
    });

    router.add("GET", "/api/v1/drivers", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::DriverFilter filter;
        filter.scope = request.principal().scope();
        filter.institution_id = query_id(request, "institutionId");
        filter.department_id = query_id(request, "departmentId");
        filter.text = request.query("q");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database, [filter](Repositories& repositories) { return repositories.drivers().query(filter); },
            [](const storage::Listing<DriverRecord>& listing) {
                return json_response(200, listing_json(listing, driver_json));
            },
            reply);
    });

    router.add("GET", "/api/v1/drivers/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
        const auto id = id_param(request, 0, "driver");
        read_then_reply(
            database,
            [id, principal = request.principal()](Repositories& repositories) {
                return require_visible_record(repositories.drivers().find(id), principal, what(id));
            },
            [](const DriverRecord& driver) { return json_response(200, driver_json(driver)); }, reply);
    });

    router.add(
        "PATCH", "/api/v1/drivers/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto id = id_param(request, 0, "driver");
            const auto body = request.json_body();
            const BodyReader fields(body, kFields);
            refuse_institution_change(fields);
            refuse_null(fields, "name");
            const bool change_department = fields.has("departmentId");
            const auto department_id = optional_id(fields, "departmentId");
            const auto name = fields.optional_string("name", kMaxNameLength);
            const bool change_employee_number = fields.has("employeeNumber");
            const auto employee_number = fields.optional_string("employeeNumber", kMaxEmployeeNumberLength);
            const bool change_phone = fields.has("phone");
            const auto phone = read_phone(fields);
            write_then_reply(
                database,
                [=, principal = request.principal()](Repositories& repositories) {
                    auto driver =
                        require_visible_record(repositories.drivers().find(id), principal, what(id));
                    if (change_department) {
                        driver.department_id = department_id;
                        if (department_id) {
                            require_department_in(repositories, *department_id, driver.institution_id,
                                                  "departmentId");
                        }
                    }
                    driver.name = name.value_or(driver.name);
                    if (change_employee_number) {
                        driver.employee_number = employee_number;
                    }
                    if (change_phone) {
                        driver.phone = phone;
                    }
                    driver.updated_at = now();
                    if (repositories.drivers().update(driver) == storage::UpdateResult::Duplicate) {
                        throw duplicate_employee_number(driver);
                    }
                    return driver;
                },
                [](const DriverRecord& driver) { return json_response(200, driver_json(driver)); }, reply);
        });

    router.add("DELETE", "/api/v1/drivers/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto id = id_param(request, 0, "driver");
                   write_then_reply(
                       database,
                       [id, principal = request.principal()](Repositories& repositories) {
                           require_visible_record(repositories.drivers().find(id), principal, what(id));
                           // Its id tags stay, without the link.
                           if (repositories.drivers().remove(id) == storage::RemoveResult::StillReferenced) {
                               throw ApiError::conflict(what(id) + " is still referred to by other records");
                           }
                           return true;
                       },
                       [](bool) { return no_content(); }, reply);
               });
}

}  // namespace parkgrid::server::api
