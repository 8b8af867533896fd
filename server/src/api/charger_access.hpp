#pragma once

#include <string>
#include <utility>

#include "access.hpp"
#include "parkgrid/storage/database.hpp"
#include "router.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {

// The institution a charger belongs to through its site; nullopt while it is assigned to none.
std::optional<std::int64_t> institution_of(const storage::ChargerRecord& charger);

// The charger `id` as `principal` may see it: 404 when it does not exist or lies outside the caller's
// institutions (a charger that belongs to no site is the admin's).
storage::ChargerRecord require_charger(storage::Repositories& repositories, const Principal& principal,
                                       const std::string& id);

// Runs `then(charger)` on a storage thread once the charger is known to exist and to be visible to
// `principal`; otherwise answers the request with the error.
template <typename Then>
void with_visible_charger(storage::Database& database, const Principal& principal, const std::string& id,
                          HttpReply reply, Then then) {
    storage::read(
        database,
        [principal, id](storage::Repositories& repositories) {
            return require_charger(repositories, principal, id);
        },
        [reply = std::move(reply),
         then = std::move(then)](storage::Outcome<storage::ChargerRecord> outcome) mutable {
            if (!outcome.ok()) {
                reply_storage_failure(reply, outcome.error());
                return;
            }
            then(outcome.value());
        });
}

}  // namespace parkgrid::server::api
