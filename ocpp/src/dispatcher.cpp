#include "parkgrid/ocpp/dispatcher.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "parkgrid/ocpp/messages/all.hpp"

namespace parkgrid::ocpp {
namespace {

using DispatchFunction = void (*)(const Call&, ChargePointRequestHandler&, const ReplySink&);
using ValidateFunction = void (*)(const nlohmann::json&);

struct ActionEntry {
    std::string_view action;
    Initiator initiator;
    DispatchFunction dispatch;           // null unless a charge point may send the action
    ValidateFunction validate_request;   // the payload, before the central system sends it
    ValidateFunction validate_response;  // the charge point's answer, for actions the central system sends
};

template <Request T>
void dispatch_request(const Call& call, ChargePointRequestHandler& handler, const ReplySink& sink) {
    T request;
    try {
        request = decode_json<T>(call.payload);
    } catch (const ValidationError& error) {
        sink(serialize(CallError{call.unique_id, error.code(), error.what(), {}}));
        return;
    }
    handler.handle(std::move(request), Responder<typename T::Response>(call.unique_id, sink));
}

template <Request T>
void validate_request_of(const nlohmann::json& payload) {
    decode<T>(payload);
}

template <Request T>
void validate_response_of(const nlohmann::json& payload) {
    decode<typename T::Response>(payload);
}

template <Request T>
constexpr ActionEntry entry_for() {
    DispatchFunction dispatch = nullptr;
    if constexpr (T::initiator != Initiator::CentralSystem) {
        dispatch = &dispatch_request<T>;
    }
    return ActionEntry{T::action, T::initiator, dispatch, &validate_request_of<T>, &validate_response_of<T>};
}

template <typename... Requests>
constexpr auto make_table(boost::mp11::mp_list<Requests...>) {
    auto table = std::array<ActionEntry, sizeof...(Requests)>{entry_for<Requests>()...};
    std::sort(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.action < b.action; });
    return table;
}

constexpr auto kActions = make_table(AllRequests{});

const ActionEntry* find(std::string_view action) {
    const auto it =
        std::lower_bound(kActions.begin(), kActions.end(), action,
                         [](const ActionEntry& entry, std::string_view name) { return entry.action < name; });
    return it != kActions.end() && it->action == action ? &*it : nullptr;
}

}  // namespace

ActionKind classify_action(std::string_view action) {
    const auto* entry = find(action);
    if (entry == nullptr) {
        return ActionKind::Unknown;
    }
    return entry->dispatch ? ActionKind::ChargePointInitiated : ActionKind::CentralSystemInitiated;
}

void dispatch(const Call& call, ChargePointRequestHandler& handler, const ReplySink& sink) {
    const auto* entry = find(call.action);
    if (entry == nullptr) {
        sink(serialize(CallError{call.unique_id,
                                 CallErrorCode::NotImplemented,
                                 "'" + call.action + "' is not an OCPP 1.6 action",
                                 {}}));
    } else if (entry->dispatch == nullptr) {
        sink(serialize(CallError{call.unique_id,
                                 CallErrorCode::NotSupported,
                                 "'" + call.action + "' is sent by the central system, not by a charge point",
                                 {}}));
    } else {
        entry->dispatch(call, handler, sink);
    }
}

void validate_request(std::string_view action, const nlohmann::json& payload) {
    const auto* entry = find(action);
    if (entry == nullptr) {
        throw std::invalid_argument("unknown OCPP action '" + std::string(action) + "'");
    }
    entry->validate_request(payload);
}

void validate_response(std::string_view action, const nlohmann::json& payload) {
    const auto* entry = find(action);
    if (entry == nullptr) {
        throw std::invalid_argument("unknown OCPP action '" + std::string(action) + "'");
    }
    entry->validate_response(payload);
}

}  // namespace parkgrid::ocpp
