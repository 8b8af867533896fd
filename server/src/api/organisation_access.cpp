#include "organisation_access.hpp"

#include <charconv>
#include <limits>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::api {

std::int64_t id_param(const ApiRequest& request, std::size_t index, const std::string& kind) {
    const auto& text = request.path_param(index);
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id < 1) {
        throw ApiError::not_found(kind + " '" + text + "'");
    }
    return id;
}

std::optional<std::int64_t> query_id(const ApiRequest& request, const std::string& name) {
    return request.query_integer(name, 1, std::numeric_limits<std::int64_t>::max());
}

std::optional<std::int64_t> optional_id(const BodyReader& fields, const std::string& name) {
    return fields.optional_integer(name, 1, std::numeric_limits<std::int64_t>::max());
}

std::int64_t required_id(const BodyReader& fields, const std::string& name) {
    const auto id = optional_id(fields, name);
    if (!id) {
        throw ApiError::invalid_field(name, "is required");
    }
    return *id;
}

storage::InstitutionRecord require_visible_institution(storage::Repositories& repositories,
                                                       const Principal& principal, std::int64_t id) {
    auto institution = principal.sees_institution(id) ? repositories.institutions().find(id) : std::nullopt;
    if (!institution) {
        throw ApiError::not_found("institution " + std::to_string(id));
    }
    return std::move(*institution);
}

void require_institution_for_write(storage::Repositories& repositories, const Principal& principal,
                                   std::int64_t institution_id, const std::string& field) {
    if (!principal.sees_institution(institution_id) || !repositories.institutions().find(institution_id)) {
        throw ApiError::invalid_field(
            field, "no institution " + std::to_string(institution_id) + " that you may change");
    }
}

void require_site_for_write(storage::Repositories& repositories, const Principal& principal,
                            std::int64_t site_id) {
    const auto site = repositories.sites().find(site_id);
    if (!site || !principal.sees_institution(site->institution_id)) {
        throw ApiError::invalid_field("siteId",
                                      "no site " + std::to_string(site_id) + " that you may change");
    }
}

void require_department_in(storage::Repositories& repositories, std::int64_t department_id,
                           std::int64_t institution_id, const std::string& field) {
    const auto department = repositories.departments().find(department_id);
    if (!department || department->institution_id != institution_id) {
        throw ApiError::invalid_field(field, "no department " + std::to_string(department_id) +
                                                 " in institution " + std::to_string(institution_id));
    }
}

void refuse_removal(const std::string& what, const std::vector<storage::Dependents>& dependents) {
    std::string list;
    for (const auto& dependent : dependents) {
        list += list.empty() ? "" : ", ";
        list += dependent.kind + " (" + std::to_string(dependent.count) + ")";
    }
    throw ApiError::conflict(what + " is still referred to by " + list + "; delete or move those first");
}

void refuse_null(const BodyReader& fields, const std::string& name) {
    if (fields.is_null(name)) {
        throw ApiError::invalid_field(name, "cannot be cleared");
    }
}

void refuse_institution_change(const BodyReader& fields) {
    if (fields.has("institutionId")) {
        throw ApiError::invalid_field(
            "institutionId", "cannot be changed; create the object in the other institution instead");
    }
}

storage::Timestamp now() {
    return ocpp::DateTime::now().instant();
}

}  // namespace parkgrid::server::api
