#include "organisation_views.hpp"

namespace parkgrid::server::api {
nlohmann::json institution_json(const storage::InstitutionRecord& institution) {
    return {{"id", institution.id},
            {"name", institution.name},
            {"unifiedSocialCreditCode", institution.unified_social_credit_code},
            {"type", institution.type},
            {"sector", or_null(institution.sector)},
            {"region", or_null(institution.region)},
            {"createdAt", to_json_time(institution.created_at)},
            {"updatedAt", to_json_time(institution.updated_at)}};
}

nlohmann::json site_json(const storage::SiteRecord& site) {
    return {{"id", site.id},
            {"institutionId", site.institution_id},
            {"name", site.name},
            {"address", or_null(site.address)},
            {"timeZone", site.time_zone},
            {"serviceFeePerKwh", site.service_fee_per_kwh},
            {"createdAt", to_json_time(site.created_at)},
            {"updatedAt", to_json_time(site.updated_at)}};
}

nlohmann::json department_json(const storage::DepartmentRecord& department) {
    return {{"id", department.id},
            {"institutionId", department.institution_id},
            {"parentId", or_null(department.parent_id)},
            {"name", department.name},
            {"createdAt", to_json_time(department.created_at)},
            {"updatedAt", to_json_time(department.updated_at)}};
}

nlohmann::json vehicle_json(const storage::VehicleRecord& vehicle) {
    return {{"id", vehicle.id},
            {"institutionId", vehicle.institution_id},
            {"departmentId", or_null(vehicle.department_id)},
            {"plateNumber", vehicle.plate_number},
            {"make", or_null(vehicle.make)},
            {"model", or_null(vehicle.model)},
            {"kind", vehicle.kind},
            {"batteryKwh", or_null(vehicle.battery_kwh)},
            {"usualDepartureTime", or_null(vehicle.usual_departure_time)},
            {"priority", vehicle.priority},
            {"acquiredDate", vehicle.acquired_date},
            {"retiredDate", or_null(vehicle.retired_date)},
            {"createdAt", to_json_time(vehicle.created_at)},
            {"updatedAt", to_json_time(vehicle.updated_at)}};
}

nlohmann::json driver_json(const storage::DriverRecord& driver) {
    return {{"id", driver.id},
            {"institutionId", driver.institution_id},
            {"departmentId", or_null(driver.department_id)},
            {"name", driver.name},
            {"employeeNumber", or_null(driver.employee_number)},
            {"phone", or_null(driver.phone)},
            {"createdAt", to_json_time(driver.created_at)},
            {"updatedAt", to_json_time(driver.updated_at)}};
}

}  // namespace parkgrid::server::api
