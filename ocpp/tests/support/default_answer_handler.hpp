#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "parkgrid/ocpp/charge_point_request_handler.hpp"

namespace parkgrid::ocpp::testing {

// Answers every request with a default-constructed response, which is valid for every action a charge point
// sends (none of their responses has a required array), so that encoding runs too. Remembers the last
// request, encoded again, for checks that whatever the decoder accepted can be written back.
class DefaultAnswerHandler final : public ChargePointRequestHandler {
public:
    void handle(AuthorizeRequest r, Responder<AuthorizeResponse> a) override { answer(r, a); }
    void handle(BootNotificationRequest r, Responder<BootNotificationResponse> a) override { answer(r, a); }
    void handle(DataTransferRequest r, Responder<DataTransferResponse> a) override { answer(r, a); }
    void handle(HeartbeatRequest r, Responder<HeartbeatResponse> a) override { answer(r, a); }
    void handle(MeterValuesRequest r, Responder<MeterValuesResponse> a) override { answer(r, a); }
    void handle(StartTransactionRequest r, Responder<StartTransactionResponse> a) override { answer(r, a); }
    void handle(StatusNotificationRequest r, Responder<StatusNotificationResponse> a) override {
        answer(r, a);
    }
    void handle(StopTransactionRequest r, Responder<StopTransactionResponse> a) override { answer(r, a); }
    void handle(DiagnosticsStatusNotificationRequest r,
                Responder<DiagnosticsStatusNotificationResponse> a) override {
        answer(r, a);
    }
    void handle(FirmwareStatusNotificationRequest r,
                Responder<FirmwareStatusNotificationResponse> a) override {
        answer(r, a);
    }
    void handle(LogStatusNotificationRequest r, Responder<LogStatusNotificationResponse> a) override {
        answer(r, a);
    }
    void handle(SecurityEventNotificationRequest r, Responder<SecurityEventNotificationResponse> a) override {
        answer(r, a);
    }
    void handle(SignCertificateRequest r, Responder<SignCertificateResponse> a) override { answer(r, a); }
    void handle(SignedFirmwareStatusNotificationRequest r,
                Responder<SignedFirmwareStatusNotificationResponse> a) override {
        answer(r, a);
    }

    std::size_t requests = 0;
    std::string last_action;
    nlohmann::json last_request;  // the decoded request, encoded again

private:
    template <typename T>
    void answer(const T& request, const Responder<typename T::Response>& responder) {
        ++requests;
        last_action = std::string(T::action);
        last_request = encode(request);
        responder.respond(typename T::Response{});
    }
};

}  // namespace parkgrid::ocpp::testing
