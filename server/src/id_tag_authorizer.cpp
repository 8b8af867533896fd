#include "id_tag_authorizer.hpp"

#include <algorithm>

namespace parkgrid::server {
namespace {

// The tag's own status, with expiry applied.
ocpp::AuthorizationStatus effective_status(const storage::IdTagRecord& tag, storage::Timestamp now) {
    if (tag.expiry_date && *tag.expiry_date <= now) {
        return ocpp::AuthorizationStatus::Expired;
    }
    return ocpp::enum_from_string<ocpp::AuthorizationStatus>(tag.status)
        .value_or(ocpp::AuthorizationStatus::Invalid);
}

bool is_here(const storage::TransactionRecord& transaction, const AuthorizationPlace& place) {
    return transaction.start.charger_id == place.charger_id &&
           (!place.connector_id || transaction.start.connector_id == *place.connector_id);
}

}  // namespace

ocpp::IdTagInfo authorize_id_tag(storage::Repositories& repositories, std::string_view id_tag,
                                 const AuthorizationPlace& place, storage::Timestamp now) {
    ocpp::IdTagInfo info;
    const auto tag = repositories.id_tags().find(id_tag);
    if (!tag) {
        info.status = ocpp::AuthorizationStatus::Invalid;
        return info;
    }
    if (tag->expiry_date) {
        info.expiry_date = ocpp::DateTime(*tag->expiry_date);
    }
    if (tag->parent_id_tag) {
        info.parent_id_tag = ocpp::IdToken(*tag->parent_id_tag);
    }
    info.status = effective_status(*tag, now);
    if (info.status == ocpp::AuthorizationStatus::Accepted && tag->parent_id_tag) {
        if (const auto parent = repositories.id_tags().find(*tag->parent_id_tag)) {
            const auto parent_status = effective_status(*parent, now);
            if (parent_status == ocpp::AuthorizationStatus::Blocked ||
                parent_status == ocpp::AuthorizationStatus::Expired) {
                info.status = parent_status;
            }
        }
    }
    if (info.status == ocpp::AuthorizationStatus::Accepted) {
        const auto open = repositories.transactions().open_for_id_tag(id_tag);
        if (std::any_of(open.begin(), open.end(), [&](const auto& t) { return !is_here(t, place); })) {
            info.status = ocpp::AuthorizationStatus::ConcurrentTx;
        }
    }
    return info;
}

}  // namespace parkgrid::server
