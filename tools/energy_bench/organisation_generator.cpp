#include "organisation_generator.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>

namespace parkgrid::energy_bench {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kSitesPerInstitution = 2;
constexpr std::size_t kVehiclesPerCharger = 3;
// Every tenth charger is a DC fast charger; the rest are 7 kW wall boxes, as in most official car parks.
constexpr std::size_t kDcEvery = 10;
constexpr double kAcPowerKw = 7;
constexpr double kDcPowerKw = 60;
constexpr double kPhevShare = 0.12;

struct InstitutionSpec {
    const char* name;
    const char* type;
    const char* sector;  // public institutions only
};

constexpr std::array<InstitutionSpec, 10> kInstitutions{{
    {"市机关事务管理局", "state_organ", nullptr},
    {"市财政局", "state_organ", nullptr},
    {"市教育局", "state_organ", nullptr},
    {"市第一人民医院", "public_institution", "health"},
    {"市第二中学", "public_institution", "education"},
    {"市科学技术研究院", "public_institution", "science"},
    {"市图书馆", "public_institution", "culture"},
    {"市体育中心", "public_institution", "sports"},
    {"市总工会", "social_organisation", nullptr},
    {"市红十字会", "social_organisation", nullptr},
}};

constexpr std::array<const char*, kSitesPerInstitution> kSiteNames{"北院停车场", "南院地下车库"};
constexpr std::array<const char*, 4> kMakes{"比亚迪 汉", "北汽 EU5", "吉利 几何A", "广汽 埃安S"};

// Valley over the night (crossing midnight), a two-hour sharp peak at noon: the shape of the provincial
// time-of-use tariffs. One price per kind, scaled a little per institution (different supply contracts).
std::vector<storage::TariffPeriod> tariff(double scale) {
    return {{"valley", "23:00", "07:00", 0.3139 * scale},
            {"flat", "07:00", "11:00", 0.6209 * scale},
            {"sharp_peak", "11:00", "13:00", 1.1774 * scale},
            {"peak", "13:00", "23:00", 0.9812 * scale}};
}

std::string numbered(const char* format, std::size_t number) {
    char text[64];
    std::snprintf(text, sizeof text, format, number);
    return text;
}

// Ids of the departments of one institution: three at the top, one fleet under the second.
std::vector<std::int64_t> insert_departments(storage::Repositories& repositories, std::int64_t institution_id,
                                             storage::Timestamp now) {
    auto& departments = repositories.departments();
    const auto department = [&](const char* name, std::optional<std::int64_t> parent) {
        return departments.insert(storage::DepartmentRecord{.institution_id = institution_id,
                                                            .parent_id = parent,
                                                            .name = name,
                                                            .created_at = now,
                                                            .updated_at = now});
    };
    const auto office = department("办公室", std::nullopt);
    const auto logistics = department("后勤保障处", std::nullopt);
    const auto fleet = department("公务车队", logistics);
    const auto operations = department("业务处", std::nullopt);
    return {office, logistics, fleet, operations};
}

}  // namespace

Organisation generate_organisation(storage::Database& database, std::size_t chargers, std::mt19937_64& rng) {
    const std::size_t site_count = kInstitutions.size() * kSitesPerInstitution;
    std::uniform_real_distribution<double> unit(0, 1);
    // Draw everything up front: the job runs on the storage thread and must not share the generator.
    std::vector<double> price_scale;
    for (std::size_t i = 0; i < kInstitutions.size(); ++i) {
        price_scale.push_back(0.95 + 0.1 * unit(rng));
    }
    std::vector<double> battery;
    std::vector<bool> phev;
    for (std::size_t v = 0; v < chargers * kVehiclesPerCharger; ++v) {
        phev.push_back(unit(rng) < kPhevShare);
        battery.push_back(phev.back() ? 15 + 10 * unit(rng) : 45 + 35 * unit(rng));
    }

    return storage::write_and_wait(database, [&](storage::Repositories& repositories) {
        const storage::Timestamp now =
            storage::Timestamp{std::chrono::sys_days{std::chrono::year{2024} / 12 / 1}};
        Organisation organisation;
        std::vector<std::int64_t> site_ids;
        std::vector<std::vector<std::int64_t>> department_ids;
        for (std::size_t i = 0; i < kInstitutions.size(); ++i) {
            const auto& spec = kInstitutions[i];
            const auto institution_id = repositories.institutions().insert(storage::InstitutionRecord{
                .name = spec.name,
                .unified_social_credit_code = numbered("12110000%010zu", i + 1),
                .type = spec.type,
                .sector = spec.sector ? std::optional<std::string>(spec.sector) : std::nullopt,
                .region = "110000",
                .created_at = now,
                .updated_at = now});
            if (!institution_id) {
                throw std::runtime_error("the database already holds the benchmark's institutions");
            }
            organisation.institution_ids.push_back(*institution_id);
            department_ids.push_back(insert_departments(repositories, *institution_id, now));
            for (std::size_t s = 0; s < kSitesPerInstitution; ++s) {
                const auto site_id = repositories.sites().insert(
                    storage::SiteRecord{.institution_id = *institution_id,
                                        .name = kSiteNames[s],
                                        .address = std::string(spec.name) + " " + kSiteNames[s],
                                        .time_zone = "Asia/Shanghai",
                                        .service_fee_per_kwh = s == 0 ? 0.0 : 0.4,
                                        .created_at = now,
                                        .updated_at = now});
                repositories.load_management().replace_tariff_periods(*site_id, tariff(price_scale[i]));
                site_ids.push_back(*site_id);
            }
        }

        for (std::size_t c = 0; c < chargers; ++c) {
            // Contiguous blocks of chargers per site, so every site gets chargers/20 of them (±1).
            const std::size_t site = c * site_count / chargers;
            const std::size_t institution = site / kSitesPerInstitution;
            const auto institution_id = organisation.institution_ids[institution];
            BenchCharger charger;
            charger.id = numbered("CP%05zu", c + 1);
            charger.dc = c % kDcEvery == kDcEvery - 1;
            charger.rated_power_kw = charger.dc ? kDcPowerKw : kAcPowerKw;
            repositories.chargers().insert(charger.id, numbered("车位 %zu", c + 1),
                                           storage::RegistrationStatus::Accepted, now);
            repositories.chargers().set_site(charger.id, site_ids[site]);
            repositories.energy().set_charger_rating(charger.id, charger.dc ? "DC" : "AC",
                                                     charger.rated_power_kw);

            for (std::size_t k = 0; k < kVehiclesPerCharger; ++k) {
                const std::size_t v = c * kVehiclesPerCharger + k;
                const auto& departments = department_ids[institution];
                const auto vehicle_id = repositories.vehicles().insert(
                    storage::VehicleRecord{.institution_id = institution_id,
                                           .department_id = departments[v % departments.size()],
                                           .plate_number = numbered("京AD%05zu", v + 1),
                                           .make = kMakes[v % kMakes.size()],
                                           .kind = phev[v] ? "PHEV" : "BEV",
                                           .battery_kwh = battery[v],
                                           .usual_departure_time = "08:30",
                                           .acquired_date = numbered("%zu-03-01", 2021 + v % 4),
                                           .created_at = now,
                                           .updated_at = now});
                FleetVehicle vehicle{numbered("PG%08zu", v + 1), battery[v]};
                repositories.id_tags().insert(storage::IdTagRecord{.id_tag = vehicle.id_tag,
                                                                   .status = "Accepted",
                                                                   .expiry_date = std::nullopt,
                                                                   .parent_id_tag = std::nullopt,
                                                                   .created_at = now,
                                                                   .updated_at = now,
                                                                   .institution_id = institution_id,
                                                                   .vehicle_id = vehicle_id});
                charger.vehicles.push_back(std::move(vehicle));
            }
            organisation.chargers.push_back(std::move(charger));
        }
        return organisation;
    });
}

}  // namespace parkgrid::energy_bench
