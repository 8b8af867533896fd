#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/ocpp/types/id_tag_info.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server {

// Where an id tag is presented; an open transaction elsewhere makes the answer ConcurrentTx.
struct AuthorizationPlace {
    std::string charger_id;
    std::optional<std::int32_t>
        connector_id;  // unknown for Authorize: any transaction on this charger is "here"
};

// The IdTagInfo the central system answers for `id_tag`: unknown tags are Invalid; a tag past its expiry
// date is Expired; a tag whose parent (group) tag is blocked or expired inherits that status; a tag already
// charging at another place is ConcurrentTx (one official card per vehicle, one vehicle in one place).
ocpp::IdTagInfo authorize_id_tag(storage::Repositories& repositories, std::string_view id_tag,
                                 const AuthorizationPlace& place, storage::Timestamp now);

}  // namespace parkgrid::server
