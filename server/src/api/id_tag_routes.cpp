#include <algorithm>
#include <cctype>

#include "body_reader.hpp"
#include "json_views.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr std::size_t kIdTagMaxLength = 20;  // OCPP IdToken
const std::initializer_list<std::string_view> kStatuses = {"Accepted", "Blocked", "Expired", "Invalid"};

std::optional<std::string> read_parent(const BodyReader& fields, const std::string& id_tag) {
    auto parent = fields.optional_string("parentIdTag", kIdTagMaxLength);
    if (parent) {
        require_printable_ascii("parentIdTag", *parent);
        if (parent->size() == id_tag.size() &&
            std::equal(parent->begin(), parent->end(), id_tag.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            throw ApiError::invalid_field("parentIdTag", "must differ from idTag");
        }
    }
    return parent;
}

}  // namespace

void add_id_tag_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/id-tags", [&database](const ApiRequest& request, const HttpReply& reply) {
        const auto body = request.json_body();
        const BodyReader fields(body, {"idTag", "status", "expiryDate", "parentIdTag"});
        storage::IdTagRecord tag;
        tag.id_tag = fields.required_string("idTag", kIdTagMaxLength);
        require_printable_ascii("idTag", tag.id_tag);
        tag.status = fields.required_one_of("status", kStatuses);
        tag.expiry_date = fields.optional_time("expiryDate");
        tag.parent_id_tag = read_parent(fields, tag.id_tag);
        tag.created_at = tag.updated_at = ocpp::DateTime::now().instant();
        write_then_reply(
            database,
            [tag](Repositories& repositories) {
                if (!repositories.id_tags().insert(tag)) {
                    throw ApiError::conflict("id tag '" + tag.id_tag +
                                             "' exists already (id tags are case-insensitive)");
                }
                return tag;
            },
            [](const storage::IdTagRecord& created) { return json_response(201, id_tag_json(created)); },
            reply);
    });

    router.add("GET", "/api/v1/id-tags", [&database](const ApiRequest& request, const HttpReply& reply) {
        const auto page = page_of(request);
        read_then_reply(
            database,
            [page](Repositories& repositories) {
                return repositories.id_tags().list(page.limit, page.offset);
            },
            [](const std::vector<storage::IdTagRecord>& tags) {
                return json_response(200, {{"items", array_of(tags, id_tag_json)}});
            },
            reply);
    });

    router.add(
        "GET", "/api/v1/id-tags/{idTag}", [&database](const ApiRequest& request, const HttpReply& reply) {
            read_then_reply(
                database,
                [id_tag = request.path_param(0)](Repositories& repositories) {
                    auto tag = repositories.id_tags().find(id_tag);
                    if (!tag) {
                        throw ApiError::not_found("id tag '" + id_tag + "'");
                    }
                    return *tag;
                },
                [](const storage::IdTagRecord& tag) { return json_response(200, id_tag_json(tag)); }, reply);
        });

    router.add(
        "PATCH", "/api/v1/id-tags/{idTag}", [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto body = request.json_body();
            const BodyReader fields(body, {"status", "expiryDate", "parentIdTag"});
            const auto id_tag = request.path_param(0);
            const auto status = fields.optional_one_of("status", kStatuses);
            const bool change_expiry = fields.has("expiryDate");  // null clears it
            const auto expiry = fields.optional_time("expiryDate");
            const bool change_parent = fields.has("parentIdTag");
            const auto parent = read_parent(fields, id_tag);
            write_then_reply(
                database,
                [=](Repositories& repositories) {
                    auto tag = repositories.id_tags().find(id_tag);
                    if (!tag) {
                        throw ApiError::not_found("id tag '" + id_tag + "'");
                    }
                    if (status) {
                        tag->status = *status;
                    }
                    if (change_expiry) {
                        tag->expiry_date = expiry;
                    }
                    if (change_parent) {
                        tag->parent_id_tag = parent;
                    }
                    tag->updated_at = ocpp::DateTime::now().instant();
                    repositories.id_tags().update(*tag);
                    return *tag;
                },
                [](const storage::IdTagRecord& tag) { return json_response(200, id_tag_json(tag)); }, reply);
        });

    router.add("DELETE", "/api/v1/id-tags/{idTag}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   write_then_reply(
                       database,
                       [id_tag = request.path_param(0)](Repositories& repositories) {
                           if (!repositories.id_tags().remove(id_tag)) {
                               throw ApiError::not_found("id tag '" + id_tag + "'");
                           }
                           return true;
                       },
                       [](bool) {
                           HttpResponse response;
                           response.status = 204;
                           response.content_type.clear();
                           return response;
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
