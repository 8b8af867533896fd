#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class ReadingContext {
    InterruptionBegin,
    InterruptionEnd,
    SampleClock,
    SamplePeriodic,
    TransactionBegin,
    TransactionEnd,
    Trigger,
    Other,
};
PARKGRID_OCPP_ENUM(ReadingContext, {InterruptionBegin, "Interruption.Begin"},
                   {InterruptionEnd, "Interruption.End"}, {SampleClock, "Sample.Clock"},
                   {SamplePeriodic, "Sample.Periodic"}, {TransactionBegin, "Transaction.Begin"},
                   {TransactionEnd, "Transaction.End"}, {Trigger, "Trigger"}, {Other, "Other"});

enum class ValueFormat { Raw, SignedData };
PARKGRID_OCPP_ENUM(ValueFormat, {Raw, "Raw"}, {SignedData, "SignedData"});

enum class Measurand {
    EnergyActiveExportRegister,
    EnergyActiveImportRegister,
    EnergyReactiveExportRegister,
    EnergyReactiveImportRegister,
    EnergyActiveExportInterval,
    EnergyActiveImportInterval,
    EnergyReactiveExportInterval,
    EnergyReactiveImportInterval,
    PowerActiveExport,
    PowerActiveImport,
    PowerOffered,
    PowerReactiveExport,
    PowerReactiveImport,
    PowerFactor,
    CurrentImport,
    CurrentExport,
    CurrentOffered,
    Voltage,
    Frequency,
    Temperature,
    SoC,
    RPM,
};
PARKGRID_OCPP_ENUM(Measurand, {EnergyActiveExportRegister, "Energy.Active.Export.Register"},
                   {EnergyActiveImportRegister, "Energy.Active.Import.Register"},
                   {EnergyReactiveExportRegister, "Energy.Reactive.Export.Register"},
                   {EnergyReactiveImportRegister, "Energy.Reactive.Import.Register"},
                   {EnergyActiveExportInterval, "Energy.Active.Export.Interval"},
                   {EnergyActiveImportInterval, "Energy.Active.Import.Interval"},
                   {EnergyReactiveExportInterval, "Energy.Reactive.Export.Interval"},
                   {EnergyReactiveImportInterval, "Energy.Reactive.Import.Interval"},
                   {PowerActiveExport, "Power.Active.Export"}, {PowerActiveImport, "Power.Active.Import"},
                   {PowerOffered, "Power.Offered"}, {PowerReactiveExport, "Power.Reactive.Export"},
                   {PowerReactiveImport, "Power.Reactive.Import"}, {PowerFactor, "Power.Factor"},
                   {CurrentImport, "Current.Import"}, {CurrentExport, "Current.Export"},
                   {CurrentOffered, "Current.Offered"}, {Voltage, "Voltage"}, {Frequency, "Frequency"},
                   {Temperature, "Temperature"}, {SoC, "SoC"}, {RPM, "RPM"});

enum class Phase { L1, L2, L3, N, L1N, L2N, L3N, L1L2, L2L3, L3L1 };
PARKGRID_OCPP_ENUM(Phase, {L1, "L1"}, {L2, "L2"}, {L3, "L3"}, {N, "N"}, {L1N, "L1-N"}, {L2N, "L2-N"},
                   {L3N, "L3-N"}, {L1L2, "L1-L2"}, {L2L3, "L2-L3"}, {L3L1, "L3-L1"});

enum class Location { Cable, EV, Inlet, Outlet, Body };
PARKGRID_OCPP_ENUM(Location, {Cable, "Cable"}, {EV, "EV"}, {Inlet, "Inlet"}, {Outlet, "Outlet"},
                   {Body, "Body"});

// "Celcius" is the specification's misspelling; the schema accepts it as well as "Celsius".
enum class UnitOfMeasure {
    Wh,
    KWh,
    Varh,
    Kvarh,
    W,
    KW,
    VA,
    KVA,
    Var,
    Kvar,
    A,
    V,
    K,
    Celcius,
    Celsius,
    Fahrenheit,
    Percent,
};
PARKGRID_OCPP_ENUM(UnitOfMeasure, {Wh, "Wh"}, {KWh, "kWh"}, {Varh, "varh"}, {Kvarh, "kvarh"}, {W, "W"},
                   {KW, "kW"}, {VA, "VA"}, {KVA, "kVA"}, {Var, "var"}, {Kvar, "kvar"}, {A, "A"}, {V, "V"},
                   {K, "K"}, {Celcius, "Celcius"}, {Celsius, "Celsius"}, {Fahrenheit, "Fahrenheit"},
                   {Percent, "Percent"});

struct SampledValue {
    std::string value;
    std::optional<ReadingContext> context;
    std::optional<ValueFormat> format;
    std::optional<Measurand> measurand;
    std::optional<Phase> phase;
    std::optional<Location> location;
    std::optional<UnitOfMeasure> unit;
};
BOOST_DESCRIBE_STRUCT(SampledValue, (), (value, context, format, measurand, phase, location, unit))

// The specification requires at least one sampled value, but the official schema has no minItems.
struct MeterValue {
    DateTime timestamp;
    std::vector<SampledValue> sampled_value;
};
BOOST_DESCRIBE_STRUCT(MeterValue, (), (timestamp, sampled_value))

}  // namespace parkgrid::ocpp
