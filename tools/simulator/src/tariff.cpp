#include "tariff.hpp"

namespace parkgrid::simulator {

const TariffBand& tariff_band_at(scheduling::Seconds at) {
    constexpr scheduling::Seconds kDay = 24 * 3600;
    const auto minute = static_cast<int>(((at % kDay + kDay) % kDay) / 60);
    for (const auto& band : kTariff) {
        if (minute >= band.from_minute && minute < band.to_minute) {
            return band;
        }
    }
    return kTariff.back();  // unreachable: the bands cover the day
}

double price_at(scheduling::Seconds at) {
    return tariff_band_at(at).cny_per_kwh;
}

}  // namespace parkgrid::simulator
