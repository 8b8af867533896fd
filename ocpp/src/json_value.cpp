#include "parkgrid/ocpp/json_value.hpp"

#include <simdjson.h>

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace parkgrid::ocpp {
namespace {

namespace dom = simdjson::dom;

// simdjson's elements and iterators are a document pointer and a tape index: copied in and out of a
// TapePosition byte for byte.
template <typename T>
detail::TapePosition store(const T& value) {
    static_assert(sizeof(T) == sizeof(detail::TapePosition::bytes) && std::is_trivially_copyable_v<T> &&
                  alignof(T) <= alignof(detail::TapePosition));
    detail::TapePosition position;
    std::memcpy(position.bytes.data(), &value, sizeof(T));
    return position;
}

template <typename T>
T load(const detail::TapePosition& position) {
    T value;
    std::memcpy(&value, position.bytes.data(), sizeof(T));
    return value;
}

dom::element element_of(const detail::TapePosition& position) {
    return load<dom::element>(position);
}

// Only reached through a Kind check of the caller, so an error here is a programming error.
template <typename T>
T value_or_throw(simdjson::simdjson_result<T> result) {
    if (result.error() != simdjson::SUCCESS) {
        throw std::logic_error(std::string("JsonValue accessed as the wrong kind: ") +
                               simdjson::error_message(result.error()));
    }
    return result.value_unsafe();
}

}  // namespace

JsonValue::Kind JsonValue::kind() const {
    switch (element_of(position_).type()) {
        case dom::element_type::NULL_VALUE: return Kind::Null;
        case dom::element_type::BOOL: return Kind::Boolean;
        case dom::element_type::INT64: return Kind::Integer;
        case dom::element_type::UINT64: return Kind::Unsigned;
        case dom::element_type::DOUBLE: return Kind::Float;
        case dom::element_type::STRING: return Kind::String;
        case dom::element_type::ARRAY: return Kind::Array;
        case dom::element_type::OBJECT: return Kind::Object;
    }
    throw std::logic_error("unknown simdjson element type");
}

bool JsonValue::as_bool() const {
    return value_or_throw(element_of(position_).get_bool());
}
std::int64_t JsonValue::as_int64() const {
    return value_or_throw(element_of(position_).get_int64());
}
std::uint64_t JsonValue::as_uint64() const {
    return value_or_throw(element_of(position_).get_uint64());
}
double JsonValue::as_double() const {
    return value_or_throw(element_of(position_).get_double());
}
std::string_view JsonValue::as_string() const {
    return value_or_throw(element_of(position_).get_string());
}

std::string JsonValue::to_json_text() const {
    return simdjson::minify(element_of(position_));
}

std::size_t JsonValue::size() const {
    return value_or_throw(element_of(position_).get_array()).size();
}

JsonValue::ElementIterator JsonValue::begin() const {
    return ElementIterator(store(value_or_throw(element_of(position_).get_array()).begin()));
}

JsonValue::ElementIterator JsonValue::end() const {
    return ElementIterator(store(value_or_throw(element_of(position_).get_array()).end()));
}

JsonValue JsonValue::ElementIterator::operator*() const {
    return JsonValue(store(*load<dom::array::iterator>(position_)));
}

JsonValue::ElementIterator& JsonValue::ElementIterator::operator++() {
    auto iterator = load<dom::array::iterator>(position_);
    position_ = store(++iterator);
    return *this;
}

bool JsonValue::ElementIterator::operator==(const ElementIterator& other) const {
    return load<dom::array::iterator>(position_) == load<dom::array::iterator>(other.position_);
}

JsonValue::MemberIterator JsonValue::Members::begin() const {
    return MemberIterator(store(value_or_throw(element_of(object).get_object()).begin()));
}

JsonValue::MemberIterator JsonValue::Members::end() const {
    return MemberIterator(store(value_or_throw(element_of(object).get_object()).end()));
}

std::pair<std::string_view, JsonValue> JsonValue::MemberIterator::operator*() const {
    const auto iterator = load<dom::object::iterator>(position_);
    return {iterator.key(), JsonValue(store(iterator.value()))};
}

JsonValue::MemberIterator& JsonValue::MemberIterator::operator++() {
    auto iterator = load<dom::object::iterator>(position_);
    position_ = store(++iterator);
    return *this;
}

bool JsonValue::MemberIterator::operator==(const MemberIterator& other) const {
    return load<dom::object::iterator>(position_) == load<dom::object::iterator>(other.position_);
}

struct JsonReader::Parser {
    static_assert(kMaxDepth == simdjson::DEFAULT_MAX_DEPTH);
    dom::parser parser;
};

JsonReader::JsonReader() : parser_(std::make_unique<Parser>()) {}
JsonReader::~JsonReader() = default;

std::optional<JsonValue> JsonReader::read(std::string_view text) {
    // realloc_if_needed: simdjson reads up to SIMDJSON_PADDING bytes past the end, so it copies the text into
    // its own padded buffer (reused) rather than reading past the caller's.
    auto root = parser_->parser.parse(text.data(), text.size(), /*realloc_if_needed=*/true);
    switch (root.error()) {
        case simdjson::SUCCESS: error_ = Error::None; return JsonValue(store(root.value_unsafe()));
        case simdjson::DEPTH_ERROR: error_ = Error::TooDeep; break;
        case simdjson::NUMBER_ERROR:
        case simdjson::NUMBER_OUT_OF_RANGE: error_ = Error::Number; break;
        default: error_ = Error::NotJson;
    }
    return std::nullopt;
}

JsonReader& JsonReader::for_this_thread() {
    thread_local JsonReader reader;
    return reader;
}

}  // namespace parkgrid::ocpp
