#include "auth_views.hpp"

#include "json_views.hpp"

namespace parkgrid::server::api {

nlohmann::json user_json(const storage::UserRecord& user) {
    return {{"id", user.id},
            {"username", user.username},
            {"displayName", user.display_name},
            {"role", user.role},
            {"institutionIds", user.institution_ids},
            {"disabled", user.disabled},
            {"createdAt", to_json_time(user.created_at)},
            {"updatedAt", to_json_time(user.updated_at)},
            {"lastLoginAt", to_json_time(user.last_login_at)}};
}

nlohmann::json api_token_json(const storage::ApiTokenRecord& token) {
    return {{"id", token.id},
            {"name", token.name},
            {"role", token.role},
            {"institutionIds", token.institution_ids},
            {"createdBy", or_null(token.created_by)},
            {"createdAt", to_json_time(token.created_at)},
            {"expiresAt", to_json_time(token.expires_at)},
            {"lastUsedAt", to_json_time(token.last_used_at)},
            {"revokedAt", to_json_time(token.revoked_at)}};
}

nlohmann::json audit_json(const storage::AuditRecord& record) {
    nlohmann::json detail = nullptr;
    if (record.detail) {
        detail = nlohmann::json::parse(*record.detail, nullptr, false);
        if (detail.is_discarded()) {
            detail = *record.detail;  // written by hand or by an older version: shown as text
        }
    }
    return {{"id", record.id},
            {"at", to_json_time(record.at)},
            {"subject", record.subject},
            {"role", or_null(record.role)},
            {"remoteAddress", record.remote_address},
            {"method", record.method},
            {"path", record.path},
            {"status", record.status},
            {"detail", detail}};
}

}  // namespace parkgrid::server::api
