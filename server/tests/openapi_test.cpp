#include "api/openapi.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "parkgrid/server/central_system.hpp"
#include "parkgrid/server/http_handler.hpp"

namespace parkgrid::server {
namespace {

// The routes the server really has, as "METHOD /path/{param}".
std::set<std::string> served_routes() {
    const auto directory =
        std::filesystem::temp_directory_path() / ("parkgrid-openapi-" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory);
    std::set<std::string> routes;
    {
        storage::SqliteOptions options;
        options.path = (directory / "routes.db").string();
        const auto database = storage::open_sqlite_database(options);
        boost::asio::io_context io;
        Config config;
        config.db_path = options.path;
        Metrics metrics;
        CentralSystem central_system(io.get_executor(), *database, config, metrics);
        const HttpHandler handler(central_system);
        for (const auto& route : handler.api_routes()) {
            routes.insert(route);
        }
        database->shutdown();
    }
    std::filesystem::remove_all(directory);
    return routes;
}

// The operations docs/openapi.json describes.
std::set<std::string> described_routes(const nlohmann::json& document) {
    std::set<std::string> routes;
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method == "get" || method == "post" || method == "put" || method == "patch" ||
                method == "delete") {
                std::string upper = method;
                std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
                routes.insert(upper + " " + path);
            }
        }
    }
    return routes;
}

std::string difference(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::string out;
    for (const auto& route : a) {
        if (!b.contains(route)) {
            out += "\n  " + route;
        }
    }
    return out;
}

TEST(OpenApiTest, DescribesExactlyTheRoutesTheServerHas) {
    const auto document = nlohmann::json::parse(api::openapi_document());
    const auto served = served_routes();
    const auto described = described_routes(document);
    EXPECT_GT(served.size(), 50u);
    EXPECT_EQ(difference(served, described), "") << "routes the description lacks";
    EXPECT_EQ(difference(described, served), "") << "described operations the server does not have";
}

TEST(OpenApiTest, IsAnOpenApi3DocumentWithOperationsThatSayWhatTheyDo) {
    const auto document = nlohmann::json::parse(api::openapi_document());
    EXPECT_TRUE(document.at("openapi").get<std::string>().starts_with("3."));
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method == "parameters") {
                continue;
            }
            EXPECT_TRUE(operation.contains("summary")) << method << " " << path;
            EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
        }
    }
}

}  // namespace
}  // namespace parkgrid::server
