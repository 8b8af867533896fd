#pragma once

// Every OCPP 1.6J message: the 28 actions of the six feature profiles and the 11 of the security extension.
// Include this only where all of them are needed (dispatch tables, conformance tests); it is heavy.

#include <boost/mp11/list.hpp>

#include "parkgrid/ocpp/messages/authorize.hpp"
#include "parkgrid/ocpp/messages/boot_notification.hpp"
#include "parkgrid/ocpp/messages/cancel_reservation.hpp"
#include "parkgrid/ocpp/messages/certificate_signed.hpp"
#include "parkgrid/ocpp/messages/change_availability.hpp"
#include "parkgrid/ocpp/messages/change_configuration.hpp"
#include "parkgrid/ocpp/messages/clear_cache.hpp"
#include "parkgrid/ocpp/messages/clear_charging_profile.hpp"
#include "parkgrid/ocpp/messages/data_transfer.hpp"
#include "parkgrid/ocpp/messages/delete_certificate.hpp"
#include "parkgrid/ocpp/messages/diagnostics_status_notification.hpp"
#include "parkgrid/ocpp/messages/extended_trigger_message.hpp"
#include "parkgrid/ocpp/messages/firmware_status_notification.hpp"
#include "parkgrid/ocpp/messages/get_composite_schedule.hpp"
#include "parkgrid/ocpp/messages/get_configuration.hpp"
#include "parkgrid/ocpp/messages/get_diagnostics.hpp"
#include "parkgrid/ocpp/messages/get_installed_certificate_ids.hpp"
#include "parkgrid/ocpp/messages/get_local_list_version.hpp"
#include "parkgrid/ocpp/messages/get_log.hpp"
#include "parkgrid/ocpp/messages/heartbeat.hpp"
#include "parkgrid/ocpp/messages/install_certificate.hpp"
#include "parkgrid/ocpp/messages/log_status_notification.hpp"
#include "parkgrid/ocpp/messages/meter_values.hpp"
#include "parkgrid/ocpp/messages/remote_start_transaction.hpp"
#include "parkgrid/ocpp/messages/remote_stop_transaction.hpp"
#include "parkgrid/ocpp/messages/reserve_now.hpp"
#include "parkgrid/ocpp/messages/reset.hpp"
#include "parkgrid/ocpp/messages/security_event_notification.hpp"
#include "parkgrid/ocpp/messages/send_local_list.hpp"
#include "parkgrid/ocpp/messages/set_charging_profile.hpp"
#include "parkgrid/ocpp/messages/sign_certificate.hpp"
#include "parkgrid/ocpp/messages/signed_firmware_status_notification.hpp"
#include "parkgrid/ocpp/messages/signed_update_firmware.hpp"
#include "parkgrid/ocpp/messages/start_transaction.hpp"
#include "parkgrid/ocpp/messages/status_notification.hpp"
#include "parkgrid/ocpp/messages/stop_transaction.hpp"
#include "parkgrid/ocpp/messages/trigger_message.hpp"
#include "parkgrid/ocpp/messages/unlock_connector.hpp"
#include "parkgrid/ocpp/messages/update_firmware.hpp"

namespace parkgrid::ocpp {

// Alphabetical by action.
using AllRequests = boost::mp11::mp_list<
    AuthorizeRequest, BootNotificationRequest, CancelReservationRequest, CertificateSignedRequest,
    ChangeAvailabilityRequest, ChangeConfigurationRequest, ClearCacheRequest, ClearChargingProfileRequest,
    DataTransferRequest, DeleteCertificateRequest, DiagnosticsStatusNotificationRequest,
    ExtendedTriggerMessageRequest, FirmwareStatusNotificationRequest, GetCompositeScheduleRequest,
    GetConfigurationRequest, GetDiagnosticsRequest, GetInstalledCertificateIdsRequest,
    GetLocalListVersionRequest, GetLogRequest, HeartbeatRequest, InstallCertificateRequest,
    LogStatusNotificationRequest, MeterValuesRequest, RemoteStartTransactionRequest,
    RemoteStopTransactionRequest, ReserveNowRequest, ResetRequest, SecurityEventNotificationRequest,
    SendLocalListRequest, SetChargingProfileRequest, SignCertificateRequest,
    SignedFirmwareStatusNotificationRequest, SignedUpdateFirmwareRequest, StartTransactionRequest,
    StatusNotificationRequest, StopTransactionRequest, TriggerMessageRequest, UnlockConnectorRequest,
    UpdateFirmwareRequest>;

}  // namespace parkgrid::ocpp
