#pragma once

// Users and their login sessions (see user_records.hpp). Reached through Repositories::users() and
// Repositories::sessions(), inside a unit of work like every repository.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parkgrid/storage/user_records.hpp"

namespace parkgrid::storage {

class UserRepository {
public:
    virtual ~UserRepository() = default;

    virtual std::optional<UserRecord> find(std::int64_t id) = 0;
    // Usernames are case-insensitive.
    virtual std::optional<UserRecord> find_by_username(std::string_view username) = 0;
    // In username order.
    virtual std::vector<UserRecord> list(const UserFilter& filter) = 0;
    // Users matching the filter, ignoring its limit and offset.
    virtual std::size_t count(const UserFilter& filter) = 0;
    // Stores the user with its institutions and returns its id, or nullopt when the username is taken.
    // The record's id is ignored. Every institution must exist (see unknown_institutions).
    virtual std::optional<std::int64_t> insert(const UserRecord& user) = 0;
    // Replaces display name, role, password hash, disabled flag, institutions and updated_at; the username,
    // created_at and last_login_at stay. Returns false when there is no such user.
    virtual bool update(const UserRecord& user) = 0;
    // Removes the user with its sessions. Returns false when there is no such user.
    virtual bool remove(std::int64_t id) = 0;
    virtual void record_login(std::int64_t id, Timestamp at) = 0;

    // The ids among `institution_ids` that name no institution, ascending; for validating the scope of a
    // user or an API token before storing it.
    virtual std::vector<std::int64_t> unknown_institutions(
        const std::vector<std::int64_t>& institution_ids) = 0;
};

class SessionRepository {
public:
    virtual ~SessionRepository() = default;

    // Returns the new session's id. The record's id is ignored.
    virtual std::int64_t insert(const SessionRecord& session) = 0;
    // Revoked and expired sessions too, until they are purged; the caller decides whether it is live.
    virtual std::optional<SessionRecord> find_by_hash(std::string_view token_hash) = 0;
    // Moves last_seen_at forward (never back).
    virtual void touch(std::int64_t id, Timestamp seen_at) = 0;
    // Returns false when there is no such session or it was revoked already.
    virtual bool revoke(std::int64_t id, Timestamp at) = 0;
    // Revokes every live session of the user; returns how many.
    virtual std::size_t revoke_all_of_user(std::int64_t user_id, Timestamp at) = 0;
    // Deletes sessions that can no longer be used: revoked, past expires_at, or unused since idle_cutoff.
    // Returns how many.
    virtual std::size_t purge_ended(Timestamp now, Timestamp idle_cutoff) = 0;
};

}  // namespace parkgrid::storage
