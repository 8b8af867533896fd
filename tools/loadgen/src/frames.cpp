#include "frames.hpp"

#include <charconv>
#include <cstdio>

namespace parkgrid::loadgen {
namespace {

void append_int(std::string& out, std::int64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void append_fixed(std::string& out, double value, int precision) {
    char digits[48];
    const auto result =
        std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, precision);
    out.append(digits, result.ptr);
}

void append_two_digits(char*& out, unsigned value) {
    *out++ = static_cast<char>('0' + value / 10);
    *out++ = static_cast<char>('0' + value % 10);
}

// A forward-only reader over one JSON text, just enough for OCPP-J frames.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    std::size_t position() const { return pos_; }

    void skip_whitespace() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
            ++pos_;
        }
    }

    bool at_end() {
        skip_whitespace();
        return pos_ == text_.size();
    }

    bool peek(char c) {
        skip_whitespace();
        return pos_ < text_.size() && text_[pos_] == c;
    }

    bool consume(char c) {
        if (!peek(c)) {
            return false;
        }
        ++pos_;
        return true;
    }

    // A string literal; `decoded` (if given) receives its value, `raw` the text between the quotes.
    bool read_string(std::string* decoded, std::string_view* raw = nullptr) {
        if (!consume('"')) {
            return false;
        }
        const std::size_t start = pos_;
        if (decoded != nullptr) {
            decoded->clear();
        }
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '"') {
                if (raw != nullptr) {
                    *raw = text_.substr(start, pos_ - start);
                }
                ++pos_;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return false;
            }
            if (c != '\\') {
                if (decoded != nullptr) {
                    decoded->push_back(c);
                }
                ++pos_;
                continue;
            }
            if (!read_escape(decoded)) {
                return false;
            }
        }
        return false;
    }

    bool read_integer(std::int64_t& value) {
        skip_whitespace();
        const std::size_t start = pos_;
        while (pos_ < text_.size() &&
               (text_[pos_] == '-' || text_[pos_] == '+' || text_[pos_] == '.' || text_[pos_] == 'e' ||
                text_[pos_] == 'E' || (text_[pos_] >= '0' && text_[pos_] <= '9'))) {
            ++pos_;
        }
        const char* first = text_.data() + start;
        const char* last = text_.data() + pos_;
        if (first == last) {
            return false;
        }
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (ec == std::errc{} && ptr == last) {
            return true;
        }
        double real = 0;  // 300.0 or 3e2: still a whole number of seconds
        const auto [real_end, real_ec] = std::from_chars(first, last, real);
        if (real_ec != std::errc{} || real_end != last) {
            return false;
        }
        value = static_cast<std::int64_t>(real);
        return true;
    }

    bool skip_value(int depth = 0) {
        if (depth > 64) {
            return false;
        }
        skip_whitespace();
        if (pos_ >= text_.size()) {
            return false;
        }
        switch (text_[pos_]) {
            case '"': return read_string(nullptr);
            case '{': return skip_members('}', depth, true);
            case '[': return skip_members(']', depth, false);
            default: break;
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
               text_[pos_] != ' ' && text_[pos_] != '\t' && text_[pos_] != '\n' && text_[pos_] != '\r') {
            ++pos_;
        }
        return pos_ > start;
    }

private:
    bool skip_members(char close, int depth, bool keyed) {
        ++pos_;
        if (consume(close)) {
            return true;
        }
        do {
            if (keyed && !(read_string(nullptr) && consume(':'))) {
                return false;
            }
            if (!skip_value(depth + 1)) {
                return false;
            }
        } while (consume(','));
        return consume(close);
    }

    bool read_hex4(unsigned& code) {
        if (pos_ + 4 > text_.size()) {
            return false;
        }
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_++];
            code <<= 4;
            if (c >= '0' && c <= '9') {
                code |= static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                code |= static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                code |= static_cast<unsigned>(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return true;
    }

    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    // At a backslash inside a string.
    bool read_escape(std::string* decoded) {
        ++pos_;
        if (pos_ >= text_.size()) {
            return false;
        }
        const char c = text_[pos_++];
        char plain = 0;
        switch (c) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
                unsigned code = 0;
                if (!read_hex4(code)) {
                    return false;
                }
                if (code >= 0xD800 && code < 0xDC00 && pos_ + 6 <= text_.size() && text_[pos_] == '\\' &&
                    text_[pos_ + 1] == 'u') {
                    pos_ += 2;
                    unsigned low = 0;
                    if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) {
                        return false;
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                if (decoded != nullptr) {
                    append_utf8(*decoded, code);
                }
                return true;
            }
            default: return false;
        }
        if (decoded != nullptr) {
            decoded->push_back(plain);
        }
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string_view action_name(Action action) {
    switch (action) {
        case Action::BootNotification: return "BootNotification";
        case Action::StatusNotification: return "StatusNotification";
        case Action::Heartbeat: return "Heartbeat";
        case Action::StartTransaction: return "StartTransaction";
        case Action::MeterValues: return "MeterValues";
        case Action::StopTransaction: return "StopTransaction";
    }
    return "?";
}

Timestamp format_timestamp(SystemMillis time) {
    using namespace std::chrono;
    const auto day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    Timestamp text{};
    char* out = text.data();
    const int year = static_cast<int>(date.year());
    append_two_digits(out, static_cast<unsigned>(year / 100));
    append_two_digits(out, static_cast<unsigned>(year % 100));
    *out++ = '-';
    append_two_digits(out, static_cast<unsigned>(date.month()));
    *out++ = '-';
    append_two_digits(out, static_cast<unsigned>(date.day()));
    *out++ = 'T';
    append_two_digits(out, static_cast<unsigned>(clock.hours().count()));
    *out++ = ':';
    append_two_digits(out, static_cast<unsigned>(clock.minutes().count()));
    *out++ = ':';
    append_two_digits(out, static_cast<unsigned>(clock.seconds().count()));
    *out++ = '.';
    const auto millis = static_cast<unsigned>(clock.subseconds().count());
    *out++ = static_cast<char>('0' + millis / 100);
    append_two_digits(out, millis % 100);
    *out++ = 'Z';
    return text;
}

SystemMillis IncreasingClock::next(SystemMillis now) {
    last_ = now > last_ ? now : last_ + std::chrono::milliseconds(1);
    return last_;
}

MeterValuesTemplate::MeterValuesTemplate(int phases) {
    struct Row {
        Slot slot;
        const char* measurand;
        const char* phase;  // nullptr: none
        const char* location;
        const char* unit;
    };
    std::vector<Row> rows;
    rows.push_back({Slot::Energy, "Energy.Active.Import.Register", nullptr, "Outlet", "Wh"});
    rows.push_back({Slot::Power, "Power.Active.Import", nullptr, "Outlet", "W"});
    if (phases == 3) {
        rows.push_back({Slot::CurrentL1, "Current.Import", "L1", "Outlet", "A"});
        rows.push_back({Slot::CurrentL2, "Current.Import", "L2", "Outlet", "A"});
        rows.push_back({Slot::CurrentL3, "Current.Import", "L3", "Outlet", "A"});
        rows.push_back({Slot::VoltageL1, "Voltage", "L1-N", "Outlet", "V"});
        rows.push_back({Slot::VoltageL2, "Voltage", "L2-N", "Outlet", "V"});
        rows.push_back({Slot::VoltageL3, "Voltage", "L3-N", "Outlet", "V"});
        rows.push_back({Slot::CurrentOffered, "Current.Offered", nullptr, "Outlet", "A"});
        rows.push_back({Slot::PowerOffered, "Power.Offered", nullptr, "Outlet", "W"});
    } else {
        rows.push_back({Slot::CurrentL1, "Current.Import", "L1", "Outlet", "A"});
        rows.push_back({Slot::VoltageL1, "Voltage", "L1-N", "Outlet", "V"});
    }
    rows.push_back({Slot::Soc, "SoC", nullptr, "EV", "Percent"});
    rows.push_back({Slot::Temperature, "Temperature", nullptr, "Body", "Celsius"});

    std::string piece = R"({"connectorId":1,"transactionId":)";
    const auto close_piece = [&](Slot slot) {
        pieces_.push_back(std::move(piece));
        slots_.push_back(slot);
        piece.clear();
    };
    close_piece(Slot::TransactionId);
    piece = R"(,"meterValue":[{"timestamp":")";
    close_piece(Slot::Time);
    piece = R"(","sampledValue":[)";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        piece += i == 0 ? R"({"value":")" : R"(,{"value":")";
        close_piece(rows[i].slot);
        piece = R"(","context":"Sample.Periodic","format":"Raw","measurand":")";
        piece += rows[i].measurand;
        piece += '"';
        if (rows[i].phase != nullptr) {
            piece += R"(,"phase":")";
            piece += rows[i].phase;
            piece += '"';
        }
        piece += R"(,"location":")";
        piece += rows[i].location;
        piece += R"(","unit":")";
        piece += rows[i].unit;
        piece += R"("})";
    }
    piece += "]}]}";
    pieces_.push_back(std::move(piece));
}

void MeterValuesTemplate::append_payload(std::string& out, std::int64_t transaction_id,
                                         std::string_view timestamp, const MeterSample& sample) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        out += pieces_[i];
        switch (slots_[i]) {
            case Slot::TransactionId: append_int(out, transaction_id); break;
            case Slot::Time: out += timestamp; break;
            case Slot::Energy: append_int(out, sample.energy_wh); break;
            case Slot::Power: append_fixed(out, sample.power_w, 1); break;
            case Slot::CurrentL1: append_fixed(out, sample.current_a[0], 2); break;
            case Slot::CurrentL2: append_fixed(out, sample.current_a[1], 2); break;
            case Slot::CurrentL3: append_fixed(out, sample.current_a[2], 2); break;
            case Slot::VoltageL1: append_fixed(out, sample.voltage_v[0], 1); break;
            case Slot::VoltageL2: append_fixed(out, sample.voltage_v[1], 1); break;
            case Slot::VoltageL3: append_fixed(out, sample.voltage_v[2], 1); break;
            case Slot::CurrentOffered: append_fixed(out, sample.current_offered_a, 1); break;
            case Slot::PowerOffered: append_fixed(out, sample.power_offered_w, 1); break;
            case Slot::Soc: append_int(out, sample.soc_percent); break;
            case Slot::Temperature: append_fixed(out, sample.temperature_c, 1); break;
        }
    }
    out += pieces_.back();
}

void append_call(std::string& out, std::uint64_t message_id, Action action, std::string_view payload) {
    out += "[2,\"";
    append_int(out, static_cast<std::int64_t>(message_id));
    out += "\",\"";
    out += action_name(action);
    out += "\",";
    out += payload;
    out += ']';
}

void append_call_result(std::string& out, std::string_view raw_id, std::string_view payload) {
    out += "[3,\"";
    out += raw_id;
    out += "\",";
    out += payload;
    out += ']';
}

void append_call_error(std::string& out, std::string_view raw_id, std::string_view code,
                       std::string_view description) {
    out += "[4,\"";
    out += raw_id;
    out += "\",";
    out += json_string(code);
    out += ',';
    out += json_string(description);
    out += ",{}]";
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

std::string boot_notification_payload(std::string_view charger_id) {
    // chargePointSerialNumber is a CiString25: long ids are cut rather than rejected by the server.
    return R"({"chargePointVendor":"ParkGrid","chargePointModel":"LoadGen","chargePointSerialNumber":)" +
           json_string(charger_id.substr(0, 25)) + R"(,"firmwareVersion":"loadgen-1"})";
}

std::string status_notification_payload(int connector_id, std::string_view status,
                                        std::string_view timestamp) {
    std::string out = R"({"connectorId":)";
    append_int(out, connector_id);
    out += R"(,"errorCode":"NoError","status":)";
    out += json_string(status);
    out += R"(,"timestamp":")";
    out += timestamp;
    out += "\"}";
    return out;
}

std::string start_transaction_payload(std::string_view id_tag, std::int64_t meter_start,
                                      std::string_view timestamp) {
    std::string out = R"({"connectorId":1,"idTag":)";
    out += json_string(id_tag);
    out += R"(,"meterStart":)";
    append_int(out, meter_start);
    out += R"(,"timestamp":")";
    out += timestamp;
    out += "\"}";
    return out;
}

std::string stop_transaction_payload(std::int64_t transaction_id, std::string_view id_tag,
                                     std::int64_t meter_stop, std::string_view timestamp) {
    std::string out = R"({"transactionId":)";
    append_int(out, transaction_id);
    out += R"(,"idTag":)";
    out += json_string(id_tag);
    out += R"(,"meterStop":)";
    append_int(out, meter_stop);
    out += R"(,"timestamp":")";
    out += timestamp;
    out += R"(","reason":"Local"})";
    return out;
}

void append_ack_line(std::string& out, std::string_view charger_json, Action action,
                     std::int64_t transaction_id, std::string_view timestamp, std::int64_t meter_wh) {
    out += R"({"charger":)";
    out += charger_json;
    out += R"(,"action":")";
    out += action_name(action);
    out += R"(","transactionId":)";
    append_int(out, transaction_id);
    out += R"(,"timestamp":")";
    out += timestamp;
    switch (action) {
        case Action::StartTransaction: out += R"(","meterStart":)"; break;
        case Action::StopTransaction: out += R"(","meterStop":)"; break;
        default: out += R"(","energyWh":)"; break;
    }
    append_int(out, meter_wh);
    out += "}\n";
}

std::string basic_authorization(std::string_view user, std::string_view password) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string plain(user);
    plain += ':';
    plain += password;
    std::string out = "Basic ";
    std::size_t i = 0;
    for (; i + 3 <= plain.size(); i += 3) {
        const unsigned n = static_cast<unsigned char>(plain[i]) << 16 |
                           static_cast<unsigned char>(plain[i + 1]) << 8 |
                           static_cast<unsigned char>(plain[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += kAlphabet[(n >> 6) & 63];
        out += kAlphabet[n & 63];
    }
    if (const std::size_t rest = plain.size() - i; rest > 0) {
        unsigned n = static_cast<unsigned char>(plain[i]) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned char>(plain[i + 1]) << 8;
        }
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool scan_frame(std::string_view text, InboundFrame& frame) {
    Cursor cursor(text);
    std::int64_t type = 0;
    if (!cursor.consume('[') || !cursor.read_integer(type) || !cursor.consume(',') ||
        !cursor.read_string(&frame.id, &frame.raw_id)) {
        return false;
    }
    frame.type = static_cast<int>(type);
    frame.payload = {};
    const auto read_payload = [&] {
        if (!cursor.consume(',')) {
            return false;
        }
        cursor.skip_whitespace();
        const std::size_t start = cursor.position();
        if (!cursor.skip_value()) {
            return false;
        }
        frame.payload = text.substr(start, cursor.position() - start);
        return true;
    };
    switch (type) {
        case 2:
            if (!cursor.consume(',') || !cursor.read_string(&frame.action) || !read_payload()) {
                return false;
            }
            break;
        case 3:
            if (!read_payload()) {
                return false;
            }
            break;
        case 4:
            if (!cursor.consume(',') || !cursor.read_string(&frame.error_code) || !cursor.consume(',') ||
                !cursor.read_string(&frame.error_description)) {
                return false;
            }
            if (cursor.consume(',') && !cursor.skip_value()) {  // errorDetails
                return false;
            }
            break;
        default: return false;
    }
    return cursor.consume(']') && cursor.at_end();
}

bool scan_result_fields(std::string_view payload, ResultFields& fields) {
    fields = {};
    Cursor cursor(payload);
    if (!cursor.consume('{')) {
        return false;
    }
    if (cursor.consume('}')) {
        return cursor.at_end();
    }
    std::string key;  // the keys read here fit in the short-string buffer: no allocation
    std::string status;
    std::optional<std::string> tag_status;
    do {
        if (!cursor.read_string(&key) || !cursor.consume(':')) {
            return false;
        }
        if (key == "status" && cursor.peek('"')) {
            if (!cursor.read_string(&status)) {
                return false;
            }
            fields.status = status;
        } else if ((key == "interval" || key == "transactionId") && !cursor.peek('"') && !cursor.peek('{') &&
                   !cursor.peek('[')) {
            std::int64_t value = 0;
            if (!cursor.read_integer(value)) {
                return false;
            }
            (key == "interval" ? fields.interval : fields.transaction_id) = value;
        } else if (key == "idTagInfo" && cursor.peek('{')) {
            cursor.consume('{');
            if (!cursor.consume('}')) {
                do {
                    if (!cursor.read_string(&key) || !cursor.consume(':')) {
                        return false;
                    }
                    if (key == "status" && cursor.peek('"')) {
                        if (!cursor.read_string(&status)) {
                            return false;
                        }
                        tag_status = status;
                    } else if (!cursor.skip_value()) {
                        return false;
                    }
                } while (cursor.consume(','));
                if (!cursor.consume('}')) {
                    return false;
                }
            }
        } else if (!cursor.skip_value()) {
            return false;
        }
    } while (cursor.consume(','));
    if (!fields.status) {
        fields.status = std::move(tag_status);
    }
    return cursor.consume('}') && cursor.at_end();
}

std::optional<std::uint64_t> parse_message_id(std::string_view id) {
    std::uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc{} || ptr != id.data() + id.size() || id.empty()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace parkgrid::loadgen
