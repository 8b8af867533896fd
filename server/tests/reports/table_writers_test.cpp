#include "reports/table_writers.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace parkgrid::server::reports {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Sheet ledger_sheet() {
    Sheet sheet;
    sheet.name = "Ledger";
    sheet.title = {"充电能耗台账", "Charging energy ledger"};
    sheet.notes = {{"单位：某市机关事务管理局", "Institution: City Government Offices Administration"},
                   {"期间：2024年3月", "Period: March 2024"}};
    sheet.headings = {{"充电桩", "Charger"},
                      {"次数", "Sessions"},
                      {"电量（千瓦时）", "Energy (kWh)"},
                      {"电费（元）", "Cost (CNY)"},
                      {"折标煤（吨）", "Standard coal (tce)"},
                      {"备注", "Remark"}};
    sheet.rows = {
        {std::string("1号楼东-01"), std::int64_t{42}, Fixed{123456, 3}, Fixed{1999, 2}, Real{0.0151726, 4},
         std::string("正常")},
        {std::string("B2, \"West\""), std::int64_t{0}, Fixed{0, 3}, Fixed{-5, 2}, Real{0, 4},
         std::monostate{}},
        {std::string("=HYPERLINK(\"x\")"), std::int64_t{-3}, Fixed{7, 0}, Fixed{100, 2}, Real{12.5, 1},
         std::string("")},
    };
    sheet.totals = Row{std::string("合计"), std::int64_t{39},    Fixed{123463, 3},
                       Fixed{2094, 2},      Real{12.5151726, 4}, std::monostate{}};
    return sheet;
}

Sheet quality_sheet() {
    Sheet sheet;
    sheet.name = "Data quality";
    sheet.title = {"数据质量", "Data quality"};
    sheet.headings = {{"问题", "Issue"}, {"会话数", "Sessions"}};
    sheet.rows = {{std::string("Missing meter stop"), std::int64_t{3}},
                  {std::string("电表回退"), std::int64_t{1}}};
    return sheet;
}

Workbook sample_workbook() {
    return Workbook{{ledger_sheet(), quality_sheet()}};
}

std::string csv_of(const Sheet& sheet, Language language = Language::English) {
    return to_csv(Workbook{{sheet}}, language);
}

Sheet one_row_sheet(Row row) {
    Sheet sheet;
    sheet.name = "S";
    sheet.title = {"T", "T"};
    sheet.rows = {std::move(row)};
    return sheet;
}

// The CSV line the single row of a one-row sheet became (title and empty heading line skipped).
std::string csv_row(Row row) {
    const std::string csv = csv_of(one_row_sheet(std::move(row)));
    const std::string head = std::string(kBom) + "T\r\n\r\n";
    EXPECT_EQ(csv.substr(0, head.size()), head);
    return csv.substr(head.size());
}

TEST(CsvWriterTest, StartsWithOneByteOrderMark) {
    const std::string csv = to_csv(sample_workbook(), Language::Chinese);
    ASSERT_EQ(csv.substr(0, 3), kBom);
    EXPECT_EQ(csv.find(kBom, 3), std::string::npos);
    EXPECT_EQ(CsvWriter::begin(), kBom);
}

TEST(CsvWriterTest, QuotesOnlyFieldsThatNeedItDoublingQuotes) {
    EXPECT_EQ(csv_row({std::string("plain"), std::string("a,b"), std::string("say \"hi\""),
                       std::string("two\nlines"), std::string("cr\rhere"), std::string("\"")}),
              "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"\"\"\"\r\n");
}

TEST(CsvWriterTest, EndsEveryLineInCrlf) {
    const std::string csv = to_csv(sample_workbook(), Language::English);
    for (std::size_t i = 0; i < csv.size(); ++i) {
        if (csv[i] == '\n') {
            ASSERT_GT(i, 0u);
            EXPECT_EQ(csv[i - 1], '\r') << "bare LF at " << i;
        }
    }
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(CsvWriterTest, WritesExactDecimals) {
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = std::numeric_limits<std::int64_t>::min();
    const std::vector<std::pair<Fixed, std::string>> cases = {
        {{-5, 2}, "-0.05"},
        {{12345, 3}, "12.345"},
        {{7, 0}, "7"},
        {{-7, 0}, "-7"},
        {{0, 0}, "0"},
        {{0, 2}, "0.00"},
        {{100, 2}, "1.00"},
        {{-100, 2}, "-1.00"},
        {{1, 18}, "0.000000000000000001"},
        {{max, 3}, "9223372036854775.807"},
        {{min, 2}, "-92233720368547758.08"},
        {{max, 0}, "9223372036854775807"},
        {{123456789012345678, 2}, "1234567890123456.78"},
    };
    for (const auto& [fixed, expected] : cases) {
        EXPECT_EQ(cell_text(fixed), expected) << fixed.units << " / 10^" << fixed.decimals;
    }
}

TEST(CsvWriterTest, WritesWholeNumbersAndEmptyCells) {
    EXPECT_EQ(cell_text(std::int64_t{-42}), "-42");
    EXPECT_EQ(cell_text(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
    EXPECT_EQ(cell_text(std::monostate{}), "");
    EXPECT_EQ(csv_row({std::monostate{}, std::int64_t{1}, std::monostate{}}), ",1,\r\n");
}

TEST(CsvWriterTest, WritesRealsWithTheirDecimalsAndNoNegativeZero) {
    EXPECT_EQ(cell_text(Real{3.14159, 3}), "3.142");
    EXPECT_EQ(cell_text(Real{-1.5, 1}), "-1.5");
    EXPECT_EQ(cell_text(Real{12.7, 0}), "13");
    EXPECT_EQ(cell_text(Real{0, 2}), "0.00");
    EXPECT_EQ(cell_text(Real{-0.0, 2}), "0.00");
    EXPECT_EQ(cell_text(Real{-0.001, 2}), "0.00");
    EXPECT_EQ(cell_text(Real{-0.4, 0}), "0");
    EXPECT_EQ(cell_text(Real{-0.006, 2}), "-0.01");
    EXPECT_EQ(cell_text(Real{1e15, 2}), "1000000000000000.00");
}

TEST(CsvWriterTest, RejectsCellsThatAreNotFiguresOfAReport) {
    EXPECT_THROW(cell_text(Fixed{1, -1}), std::invalid_argument);
    EXPECT_THROW(cell_text(Fixed{1, 31}), std::invalid_argument);
    EXPECT_THROW(cell_text(Real{1, -1}), std::invalid_argument);
    EXPECT_THROW(cell_text(Real{std::nan(""), 2}), std::invalid_argument);
    EXPECT_THROW(cell_text(Real{std::numeric_limits<double>::infinity(), 2}), std::invalid_argument);
    EXPECT_EQ(cell_text(Real{std::numeric_limits<double>::max(), 30}).size(), 309u + 1 + 30);
}

TEST(CsvWriterTest, GuardsTextAgainstFormulaInjectionButNotNumbers) {
    EXPECT_EQ(csv_row({std::string("=SUM(A1:A9)"), std::string("+86"), std::string("-x"), std::string("@cmd"),
                       std::string("\tx"), std::string("a=b")}),
              "'=SUM(A1:A9),'+86,'-x,'@cmd,'\tx,a=b\r\n");
    EXPECT_EQ(csv_row({std::string("\rx"), std::string("=1,2")}), "\"'\rx\",\"'=1,2\"\r\n");
    EXPECT_EQ(csv_row({std::int64_t{-5}, Fixed{-5, 2}, Real{-2.5, 1}}), "-5,-0.05,-2.5\r\n");
    // Only what is written is guarded: cell_text gives the text itself.
    EXPECT_EQ(cell_text(std::string("=1+1")), "=1+1");

    Sheet sheet = one_row_sheet({});
    sheet.title = {"=标题", "=title"};
    sheet.notes = {{"+备注", "+note"}};
    sheet.headings = {{"-列", "-column"}};
    EXPECT_EQ(csv_of(sheet, Language::Chinese), std::string(kBom) + "'=标题\r\n'+备注\r\n'-列\r\n\r\n");
}

TEST(CsvWriterTest, WritesSheetsSeparatedByAnEmptyLineWithTotalsLast) {
    EXPECT_EQ(to_csv(sample_workbook(), Language::English),
              std::string(kBom) +
                  "Charging energy ledger\r\n"
                  "Institution: City Government Offices Administration\r\n"
                  "Period: March 2024\r\n"
                  "Charger,Sessions,Energy (kWh),Cost (CNY),Standard coal (tce),Remark\r\n"
                  "1号楼东-01,42,123.456,19.99,0.0152,正常\r\n"
                  "\"B2, \"\"West\"\"\",0,0.000,-0.05,0.0000,\r\n"
                  "\"'=HYPERLINK(\"\"x\"\")\",-3,7,1.00,12.5,\r\n"
                  "合计,39,123.463,20.94,12.5152,\r\n"
                  "\r\n"
                  "Data quality\r\n"
                  "Issue,Sessions\r\n"
                  "Missing meter stop,3\r\n"
                  "电表回退,1\r\n");
}

TEST(CsvWriterTest, KeepsChineseTextIntact) {
    const std::string csv = to_csv(sample_workbook(), Language::Chinese);
    EXPECT_EQ(csv.substr(0, 3 + std::string("充电能耗台账\r\n").size()),
              std::string(kBom) + "充电能耗台账\r\n");
    EXPECT_NE(csv.find("\r\n单位：某市机关事务管理局\r\n期间：2024年3月\r\n"), std::string::npos);
    EXPECT_NE(csv.find("\r\n充电桩,次数,电量（千瓦时）,电费（元）,折标煤（吨）,备注\r\n"), std::string::npos);
    EXPECT_NE(csv.find("\r\n\r\n数据质量\r\n问题,会话数\r\n"), std::string::npos);
    EXPECT_NE(csv.find("\r\n电表回退,1\r\n"), std::string::npos);
}

TEST(CsvWriterTest, StreamsTheSameTextPieceByPiece) {
    const Workbook workbook = sample_workbook();
    CsvWriter writer(Language::Chinese);
    std::string streamed = CsvWriter::begin();
    for (const Sheet& sheet : workbook.sheets) {
        streamed += writer.sheet_head(sheet);
        for (const Row& row : sheet.rows) {
            streamed += writer.row(row);
        }
        if (sheet.totals) {
            streamed += writer.row(*sheet.totals);
        }
    }
    EXPECT_EQ(streamed, to_csv(workbook, Language::Chinese));
}

class XlsxWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        directory_ = std::filesystem::temp_directory_path() /
                     ("parkgrid-xlsx-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::vector<std::filesystem::path> files() const {
        std::vector<std::filesystem::path> found;
        for (const auto& entry : std::filesystem::directory_iterator(directory_)) {
            found.push_back(entry.path().filename());
        }
        return found;
    }

    std::filesystem::path directory_;
};

// Prints every sheet as JSON: name, column widths, and per cell its value, number format and boldness.
// The script is passed in single quotes to the shell, so it has none itself.
constexpr const char* kReadBackScript = R"(
import json, sys
import openpyxl
from openpyxl.utils import get_column_letter
workbook = openpyxl.load_workbook(sys.argv[1])
sheets = []
for sheet in workbook.worksheets:
    rows = [[{"value": c.value, "format": c.number_format, "bold": bool(c.font.b)} for c in row]
            for row in sheet.iter_rows()]
    widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(sheet.max_column)]
    sheets.append({"name": sheet.title, "rows": rows, "widths": widths})
print(json.dumps(sheets, ensure_ascii=False))
)";

// Reads an XLSX file back with openpyxl. Fails the test, not skips it, when that cannot run: CI installs it.
nlohmann::json read_back(const std::filesystem::path& path) {
    const std::string command = std::string("'") + PARKGRID_TEST_PYTHON3 + "' -c '" + kReadBackScript +
                                "' '" + path.string() + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << PARKGRID_TEST_PYTHON3;
        return nullptr;
    }
    std::string output;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) {
        output.append(buffer, n);
    }
    const int status = pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ADD_FAILURE()
            << "reading the XLSX file back with openpyxl failed (exit status " << status
            << "). This test needs " << PARKGRID_TEST_PYTHON3
            << " with openpyxl: apt-get install python3-openpyxl (tools/bootstrap.sh test installs it; "
               "another interpreter: -DPARKGRID_TEST_PYTHON3=...). Output:\n"
            << output;
        return nullptr;
    }
    return nlohmann::json::parse(output);
}

std::string number_format(int decimals) {
    return decimals == 0 ? "0" : "0." + std::string(static_cast<std::size_t>(decimals), '0');
}

struct Expected {
    Cell cell;
    bool bold = false;
};

// The grid a sheet should become: title, notes, headings, rows, totals.
std::vector<std::vector<Expected>> expected_grid(const Sheet& sheet, Language language) {
    std::vector<std::vector<Expected>> grid;
    grid.push_back({{sheet.title.in(language), true}});
    for (const Text2& note : sheet.notes) {
        grid.push_back({{note.in(language), false}});
    }
    std::vector<Expected> headings;
    for (const Text2& heading : sheet.headings) {
        headings.push_back({heading.in(language), true});
    }
    grid.push_back(headings);
    const auto add_row = [&grid](const Row& row, bool bold) {
        std::vector<Expected> cells;
        for (const Cell& cell : row) {
            cells.push_back({cell, bold});
        }
        grid.push_back(cells);
    };
    for (const Row& row : sheet.rows) {
        add_row(row, false);
    }
    if (sheet.totals) {
        add_row(*sheet.totals, true);
    }
    return grid;
}

void expect_cell(const nlohmann::json& actual, const Expected& expected, const std::string& where) {
    const nlohmann::json& value = actual.at("value");
    if (const auto* text = std::get_if<std::string>(&expected.cell)) {
        if (text->empty()) {
            EXPECT_TRUE(value.is_null()) << where << ": " << value;
        } else {
            ASSERT_TRUE(value.is_string()) << where << ": " << value;
            EXPECT_EQ(value.get<std::string>(), *text) << where;
        }
        EXPECT_EQ(actual.at("bold").get<bool>(), expected.bold) << where;
        return;
    }
    if (std::holds_alternative<std::monostate>(expected.cell)) {
        EXPECT_TRUE(value.is_null()) << where << ": " << value;
        return;
    }
    double number = 0;
    int decimals = 0;
    if (const auto* whole = std::get_if<std::int64_t>(&expected.cell)) {
        number = static_cast<double>(*whole);
    } else if (const auto* fixed = std::get_if<Fixed>(&expected.cell)) {
        number = static_cast<double>(fixed->units) / std::pow(10.0, fixed->decimals);
        decimals = fixed->decimals;
    } else {
        const Real& real = std::get<Real>(expected.cell);
        number = real.value;
        decimals = real.decimals;
    }
    ASSERT_TRUE(value.is_number()) << where << ": " << value;
    EXPECT_NEAR(value.get<double>(), number, std::abs(number) * 1e-9) << where;
    EXPECT_EQ(actual.at("format").get<std::string>(), number_format(decimals)) << where;
    EXPECT_EQ(actual.at("bold").get<bool>(), expected.bold) << where;
}

void expect_sheet(const nlohmann::json& actual, const Sheet& sheet, Language language) {
    EXPECT_EQ(actual.at("name").get<std::string>(), sheet.name);
    const auto grid = expected_grid(sheet, language);
    const nlohmann::json& rows = actual.at("rows");
    ASSERT_EQ(rows.size(), grid.size()) << sheet.name;
    for (std::size_t r = 0; r < grid.size(); ++r) {
        ASSERT_GE(rows[r].size(), grid[r].size()) << sheet.name << " row " << r;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string where = sheet.name + " R" + std::to_string(r + 1) + "C" + std::to_string(c + 1);
            if (c < grid[r].size()) {
                expect_cell(rows[r][c], grid[r][c], where);
            } else {
                EXPECT_TRUE(rows[r][c].at("value").is_null()) << where;
            }
        }
    }
}

TEST_F(XlsxWriterTest, WritesEveryCellAsARealReaderReadsIt) {
    const Workbook workbook = sample_workbook();
    for (const Language language : {Language::Chinese, Language::English}) {
        const auto path = directory_ / (language == Language::Chinese ? "台账.xlsx" : "ledger.xlsx");
        write_xlsx(workbook, language, path);
        const nlohmann::json sheets = read_back(path);
        ASSERT_TRUE(sheets.is_array());
        ASSERT_EQ(sheets.size(), workbook.sheets.size());
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            expect_sheet(sheets[i], workbook.sheets[i], language);
        }
    }
}

TEST_F(XlsxWriterTest, WidensColumnsForTheirTextCountingChineseCharactersDouble) {
    Sheet sheet;
    sheet.name = "Widths";
    sheet.title = {"标题", "Title"};
    sheet.headings = {{"名称", "Name"}, {"电量", "Energy"}, {"单位", "Unit"}};
    sheet.rows = {
        {std::string("中华人民共和国国家机关事务管理局"), Fixed{1, 3}, std::string("abcdefghijklmnopqrst")}};
    const auto path = directory_ / "widths.xlsx";
    write_xlsx(Workbook{{sheet}}, Language::Chinese, path);
    const nlohmann::json sheets = read_back(path);
    ASSERT_EQ(sheets.size(), 1u);
    const nlohmann::json& widths = sheets[0].at("widths");
    ASSERT_EQ(widths.size(), 3u);
    EXPECT_GE(widths[0].get<double>(), 32);  // 16 characters, two columns each
    EXPECT_LT(widths[1].get<double>(), widths[2].get<double>());
    EXPECT_GE(widths[2].get<double>(), 20);
    EXPECT_LT(widths[2].get<double>(), 32);
}

TEST_F(XlsxWriterTest, ReplacesAnExistingFile) {
    const auto path = directory_ / "report.xlsx";
    write_xlsx(Workbook{{quality_sheet()}}, Language::English, path);
    write_xlsx(sample_workbook(), Language::English, path);
    const nlohmann::json sheets = read_back(path);
    EXPECT_EQ(sheets.size(), 2u);
    EXPECT_EQ(files(), std::vector<std::filesystem::path>{"report.xlsx"});
}

TEST_F(XlsxWriterTest, ThrowsForAPathThatCannotBeWritten) {
    EXPECT_THROW(write_xlsx(sample_workbook(), Language::Chinese, directory_ / "missing" / "report.xlsx"),
                 std::runtime_error);
    // A directory in the way: the file is written beside it, and renaming over it fails.
    std::filesystem::create_directory(directory_ / "taken.xlsx");
    std::filesystem::create_directory(directory_ / "taken.xlsx" / "inside");
    EXPECT_THROW(write_xlsx(sample_workbook(), Language::Chinese, directory_ / "taken.xlsx"),
                 std::runtime_error);
    EXPECT_EQ(files(), std::vector<std::filesystem::path>{"taken.xlsx"});
}

TEST_F(XlsxWriterTest, ThrowsForAnInvalidSheetNameWithoutWritingAFile) {
    const auto path = directory_ / "report.xlsx";
    for (const std::string& name :
         std::vector<std::string>{"", "Ledger/2024", "[Q1]", "a:b", "a*b", "why?", "back\\slash", "'quoted'",
                                  "History", std::string(32, 'x')}) {
        Sheet sheet = quality_sheet();
        sheet.name = name;
        EXPECT_THROW(write_xlsx(Workbook{{sheet}}, Language::English, path), std::invalid_argument) << name;
    }
    Sheet twin = quality_sheet();
    twin.name = "DATA QUALITY";
    EXPECT_THROW(write_xlsx(Workbook{{quality_sheet(), twin}}, Language::English, path),
                 std::invalid_argument);
    EXPECT_TRUE(files().empty());

    Sheet longest = quality_sheet();
    longest.name = std::string(31, 'x');
    EXPECT_NO_THROW(write_xlsx(Workbook{{longest}}, Language::English, path));
}

TEST_F(XlsxWriterTest, RejectsCellsThatAreNotFiguresOfAReport) {
    Sheet sheet = quality_sheet();
    sheet.rows.push_back({std::string("x"), Real{std::nan(""), 2}});
    EXPECT_THROW(write_xlsx(Workbook{{sheet}}, Language::English, directory_ / "nan.xlsx"),
                 std::invalid_argument);
    EXPECT_TRUE(files().empty());
}

}  // namespace
}  // namespace parkgrid::server::reports
