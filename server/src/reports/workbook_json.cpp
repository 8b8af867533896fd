#include <cmath>

#include "standard_reports.hpp"
#include "table_writers.hpp"

namespace parkgrid::server::reports {
namespace {

nlohmann::json cell_json(const Cell& cell) {
    struct Visitor {
        nlohmann::json operator()(std::monostate) const { return nullptr; }
        nlohmann::json operator()(const std::string& text) const { return text; }
        nlohmann::json operator()(std::int64_t number) const { return number; }
        // The exact decimal as CSV writes it, read back as the nearest double.
        nlohmann::json operator()(const Fixed& fixed) const { return std::stod(cell_text(fixed)); }
        nlohmann::json operator()(const Real& real) const { return std::stod(cell_text(real)); }
    };
    return std::visit(Visitor{}, cell);
}

nlohmann::json row_json(const Row& row) {
    auto cells = nlohmann::json::array();
    for (const auto& cell : row) {
        cells.push_back(cell_json(cell));
    }
    return cells;
}

}  // namespace

nlohmann::json workbook_json(const Workbook& workbook, Language language) {
    auto sheets = nlohmann::json::array();
    for (const auto& sheet : workbook.sheets) {
        auto notes = nlohmann::json::array();
        for (const auto& note : sheet.notes) {
            notes.push_back(note.in(language));
        }
        auto headings = nlohmann::json::array();
        for (const auto& heading : sheet.headings) {
            headings.push_back(heading.in(language));
        }
        auto rows = nlohmann::json::array();
        for (const auto& row : sheet.rows) {
            rows.push_back(row_json(row));
        }
        sheets.push_back({{"name", sheet.name},
                          {"title", sheet.title.in(language)},
                          {"notes", std::move(notes)},
                          {"headings", std::move(headings)},
                          {"rows", std::move(rows)},
                          {"totals", sheet.totals ? row_json(*sheet.totals) : nlohmann::json()}});
    }
    return {{"sheets", std::move(sheets)}};
}

}  // namespace parkgrid::server::reports
