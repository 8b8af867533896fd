// Compares the JSON schema derived from every message type with the official OCPP 1.6 JSON schema of the
// same action (including the security extension), so that a wrong maxLength, a missing enum value or an
// optional field that should be required cannot slip in unnoticed.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/mp11/algorithm.hpp>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/ocpp/messages/all.hpp"

namespace parkgrid::ocpp {
namespace {

using nlohmann::json;

constexpr std::size_t kOfficialSchemaCount = 78;  // 39 actions, each with a .req and a .conf schema

// A difference between our schema and the official one that is accepted on purpose.
struct AllowedDifference {
    std::string_view schema_id;  // e.g. "urn:MeterValues.req"
    // JSON pointer into the normalised schema, e.g. "/properties/meterValue/items/additionalProperties".
    std::string_view pointer;
};

// Where the official schema leaves out `additionalProperties: false` on a nested object, we still reject
// unknown properties (a typo in a field name must not be silently ignored), so our schema is stricter there.
// Each such place must be listed here, and only missing `additionalProperties` may be excused this way.
// The ocpp-rpc 2.2.1 schemas close every object, so the list is currently empty.
constexpr std::array<AllowedDifference, 0> kAllowedDifferences{};

struct OfficialSchemas {
    std::map<std::string, json> by_id;
    std::string error;  // set when the file could not be read
};

const OfficialSchemas& official_schemas() {
    static const OfficialSchemas schemas = [] {
        OfficialSchemas out;
        const std::string file_name = PARKGRID_OCPP16_SCHEMA_FILE;
        std::ifstream file(file_name);
        if (!file) {
            out.error = "cannot read the official OCPP 1.6 JSON schemas at " + file_name +
                        "; run `npm ci` in tests/e2e to install them (package ocpp-rpc)";
            return out;
        }
        try {
            for (const json& schema : json::parse(file)) {
                out.by_id[schema.at("$id").get<std::string>()] = schema;
            }
        } catch (const json::exception& error) {
            out.error = file_name + " is not a JSON array of schemas with $id: " + error.what();
        }
        return out;
    }();
    return schemas;
}

// Keywords that describe a schema without constraining the instances it accepts.
bool is_annotation(const std::string& keyword) {
    static const std::set<std::string> annotations = {
        "$schema",     "$id",      "id",          "$comment", "comment", "definitions", "$defs",     "title",
        "description", "javaType", "tsEnumNames", "examples", "default", "readOnly",    "writeOnly",
    };
    return annotations.contains(keyword);
}

json sorted_set(json values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

// Brings a schema into a canonical form: `$ref`s resolved against `root`, annotations dropped, `required`
// and `enum` as sorted sets, an implied `"type": "object"` made explicit and an empty `properties` (which
// constrains nothing) removed.
json normalise(const json& schema, const json& root, int depth = 0) {
    if (depth > 32) {
        throw std::runtime_error("$ref nesting too deep");
    }
    if (!schema.is_object()) {
        return schema;
    }
    if (const auto ref = schema.find("$ref"); ref != schema.end()) {
        // In draft-07 the siblings of $ref are ignored. OCPP schemas only use local references.
        const auto& target = ref->get_ref<const std::string&>();
        if (!target.starts_with("#")) {
            throw std::runtime_error("unsupported $ref " + target);
        }
        return normalise(root.at(json::json_pointer(target.substr(1))), root, depth + 1);
    }
    json out = json::object();
    for (const auto& [keyword, value] : schema.items()) {
        if (is_annotation(keyword)) {
            continue;
        }
        if (keyword == "properties") {
            json properties = json::object();
            for (const auto& [name, property] : value.items()) {
                properties[name] = normalise(property, root, depth + 1);
            }
            if (!properties.empty()) {
                out[keyword] = std::move(properties);
            }
        } else if (keyword == "items") {
            out[keyword] = normalise(value, root, depth + 1);
        } else if (keyword == "required") {
            if (!value.empty()) {
                out[keyword] = sorted_set(value);
            }
        } else if (keyword == "enum") {
            out[keyword] = sorted_set(value);
        } else {
            out[keyword] = value;
        }
    }
    if (schema.contains("properties") && !out.contains("type")) {
        out["type"] = "object";
    }
    return out;
}

std::string escape_pointer_token(const std::string& token) {
    std::string out;
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

class SchemaComparison {
public:
    SchemaComparison(std::string schema_id, std::span<const AllowedDifference> allowed)
        : schema_id_(std::move(schema_id)), allowed_(allowed) {}

    // Differences between two normalised schemas, each naming the JSON pointer where it occurs.
    std::vector<std::string> differences(const json& ours, const json& official) {
        differences_.clear();
        compare(ours, official, "");
        return differences_;
    }

private:
    bool is_allowed(const std::string& pointer) const {
        return std::any_of(allowed_.begin(), allowed_.end(), [&](const AllowedDifference& allowed) {
            return allowed.schema_id == schema_id_ && allowed.pointer == pointer;
        });
    }

    static json elements_missing_from(const json& array, const json& reference) {
        json missing = json::array();
        for (const auto& element : reference) {
            if (std::find(array.begin(), array.end(), element) == array.end()) {
                missing.push_back(element);
            }
        }
        return missing;
    }

    void report(const std::string& pointer, const std::string& problem) {
        differences_.push_back(schema_id_ + " at " + (pointer.empty() ? "/" : pointer) + ": " + problem);
    }

    void compare(const json& ours, const json& official, const std::string& pointer) {
        if (ours.is_array() && official.is_array()) {
            if (ours != official) {
                report(pointer, "ours lacks " + elements_missing_from(ours, official).dump() + " and adds " +
                                    elements_missing_from(official, ours).dump());
            }
            return;
        }
        if (!ours.is_object() || !official.is_object()) {
            if (ours != official) {
                report(pointer, "ours is " + ours.dump() + ", official is " + official.dump());
            }
            return;
        }
        for (const auto& [key, value] : ours.items()) {
            const std::string child = pointer + "/" + escape_pointer_token(key);
            if (!official.contains(key)) {
                const bool excused = key == "additionalProperties" && value == false && is_allowed(child);
                if (!excused) {
                    report(child, "ours has " + value.dump() + ", official has nothing");
                }
            } else {
                compare(value, official.at(key), child);
            }
        }
        for (const auto& [key, value] : official.items()) {
            if (!ours.contains(key)) {
                report(pointer + "/" + escape_pointer_token(key),
                       "official has " + value.dump() + ", ours has nothing");
            }
        }
    }

    std::string schema_id_;
    std::span<const AllowedDifference> allowed_;
    std::vector<std::string> differences_;
};

template <typename T>
void expect_conforms(const std::string& schema_id) {
    const auto& official = official_schemas();
    ASSERT_TRUE(official.error.empty()) << official.error;
    const auto found = official.by_id.find(schema_id);
    ASSERT_NE(found, official.by_id.end()) << schema_id << " is not an official OCPP 1.6 schema";
    const json ours = normalise(json_schema<T>(), json::object());
    const json theirs = normalise(found->second, found->second);
    for (const auto& difference :
         SchemaComparison(schema_id, kAllowedDifferences).differences(ours, theirs)) {
        ADD_FAILURE() << difference;
    }
}

template <typename T>
class SchemaConformanceTest : public ::testing::Test {};

struct ActionName {
    template <typename T>
    static std::string GetName(int) {
        return std::string(T::action);
    }
};

using RequestTypes = boost::mp11::mp_rename<AllRequests, ::testing::Types>;
TYPED_TEST_SUITE(SchemaConformanceTest, RequestTypes, ActionName);

TYPED_TEST(SchemaConformanceTest, RequestMatchesOfficialSchema) {
    expect_conforms<TypeParam>("urn:" + std::string(TypeParam::action) + ".req");
}

TYPED_TEST(SchemaConformanceTest, ResponseMatchesOfficialSchema) {
    expect_conforms<typename TypeParam::Response>("urn:" + std::string(TypeParam::action) + ".conf");
}

TEST(SchemaConformanceCoverageTest, MessageTypesCoverExactlyTheOfficialSchemas) {
    const auto& official = official_schemas();
    ASSERT_TRUE(official.error.empty()) << official.error;

    std::set<std::string> official_ids;
    for (const auto& [id, schema] : official.by_id) {
        official_ids.insert(id);
    }
    EXPECT_EQ(official_ids.size(), kOfficialSchemaCount) << "unexpected version of the official schema file";

    std::set<std::string> our_ids;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, AllRequests>>(
        [&](auto type) {
            using Request = typename decltype(type)::type;
            our_ids.insert("urn:" + std::string(Request::action) + ".req");
            our_ids.insert("urn:" + std::string(Request::action) + ".conf");
        });
    EXPECT_EQ(boost::mp11::mp_size<AllRequests>::value * 2, kOfficialSchemaCount);

    for (const auto& id : official_ids) {
        EXPECT_TRUE(our_ids.contains(id)) << "no message type for official schema " << id;
    }
    for (const auto& id : our_ids) {
        EXPECT_TRUE(official_ids.contains(id)) << "no official schema for our message " << id;
    }
}

TEST(SchemaConformanceCoverageTest, AllowedDifferencesAreStillNeeded) {
    const auto& official = official_schemas();
    ASSERT_TRUE(official.error.empty()) << official.error;
    for (const auto& allowed : kAllowedDifferences) {
        const auto found = official.by_id.find(std::string(allowed.schema_id));
        ASSERT_NE(found, official.by_id.end()) << allowed.schema_id;
        const json theirs = normalise(found->second, found->second);
        EXPECT_FALSE(theirs.contains(json::json_pointer(std::string(allowed.pointer))))
            << allowed.schema_id << " " << allowed.pointer
            << " is no longer missing; drop the allow-list entry";
    }
}

// The comparison itself, on small hand-written schemas.

TEST(SchemaComparisonTest, NormalisationResolvesRefsAndIgnoresAnnotationsAndOrder) {
    const json official = json::parse(R"({
        "$schema": "http://json-schema.org/draft-07/schema", "$id": "urn:X.req", "title": "X",
        "definitions": {"StatusEnumType": {"type": "string", "enum": ["Rejected", "Accepted"],
                                           "javaType": "Status"}},
        "properties": {"status": {"$ref": "#/definitions/StatusEnumType", "description": "the status"}},
        "additionalProperties": false, "required": ["status"]})");
    const json ours = json::parse(R"({
        "type": "object", "additionalProperties": false, "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["Accepted", "Rejected"]}}})");
    EXPECT_EQ(normalise(official, official), normalise(ours, json::object()));
    EXPECT_EQ(normalise(json::parse(R"({"type": "object", "properties": {}})"), json::object()),
              json::parse(R"({"type": "object"})"));
}

TEST(SchemaComparisonTest, DifferencesNameTheJsonPointer) {
    const json official = json::parse(R"({"type": "object", "properties": {
        "meterValue": {"type": "array", "items": {"type": "object", "additionalProperties": false,
            "properties": {"unit": {"type": "string", "enum": ["Wh", "kWh"]}, "value": {"type": "string"}},
            "required": ["value"]}}}})");
    json ours = official;
    ours["properties"]["meterValue"]["items"]["properties"]["unit"]["enum"] = {"Wh"};
    ours["properties"]["meterValue"]["items"]["required"] = json::array();
    const auto differences =
        SchemaComparison("urn:X.req", {}).differences(normalise(ours, ours), normalise(official, official));
    ASSERT_EQ(differences.size(), 2U);
    EXPECT_EQ(
        differences[0],
        "urn:X.req at /properties/meterValue/items/properties/unit/enum: ours lacks [\"kWh\"] and adds []");
    EXPECT_EQ(differences[1],
              "urn:X.req at /properties/meterValue/items/required: official has [\"value\"], "
              "ours has nothing");
}

TEST(SchemaComparisonTest, AllowListOnlyExcusesMissingAdditionalPropertiesAtTheListedPlace) {
    const json official = json::parse(R"({"type": "object", "additionalProperties": false, "properties": {
        "a": {"type": "object", "properties": {"x": {"type": "integer"}}},
        "b": {"type": "object", "properties": {"x": {"type": "integer"}}}}})");
    json ours = official;
    ours["properties"]["a"]["additionalProperties"] = false;
    ours["properties"]["b"]["additionalProperties"] = false;
    const std::array<AllowedDifference, 1> allowed{{{"urn:X.req", "/properties/a/additionalProperties"}}};
    const auto differences = SchemaComparison("urn:X.req", allowed).differences(ours, official);
    ASSERT_EQ(differences.size(), 1U);
    EXPECT_EQ(differences[0],
              "urn:X.req at /properties/b/additionalProperties: ours has false, official has nothing");
    EXPECT_EQ(SchemaComparison("urn:Y.req", allowed).differences(ours, official).size(), 2U);
}

}  // namespace
}  // namespace parkgrid::ocpp
