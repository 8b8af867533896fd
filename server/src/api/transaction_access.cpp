#include "transaction_access.hpp"

#include <charconv>

#include "access.hpp"

namespace parkgrid::server::api {

std::int32_t transaction_id_param(const ApiRequest& request, std::size_t index) {
    std::int32_t id = 0;
    const auto& text = request.path_param(index);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw ApiError::not_found("transaction '" + text + "'");
    }
    return id;
}

storage::TransactionRecord require_visible_transaction(storage::Repositories& repositories,
                                                       const Principal& principal, std::int32_t id) {
    auto transaction = repositories.transactions().find(id);
    const auto what = "transaction " + std::to_string(id);
    if (!transaction) {
        throw ApiError::not_found(what);
    }
    const auto charger = repositories.chargers().find(transaction->start.charger_id);
    require_visible(principal, charger ? charger->institution_id : std::nullopt, what);
    return std::move(*transaction);
}

}  // namespace parkgrid::server::api
