#pragma once

// Reading JSON text without building a tree of nodes: JsonReader validates the text and indexes it in one
// pass (simdjson's DOM "tape", buffers reused from frame to frame), JsonValue is a view of one value of it.
// Inbound frames are read this way because building nlohmann::json's tree of std::map nodes, one allocation
// per value, was about a fifth of the server's time per MeterValues. simdjson stays behind this header so
// that its large header is compiled once, not in every file that sees a message type.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace parkgrid::ocpp {

namespace detail {
// Room for one of simdjson's tape references (a document pointer and an index), copied by value.
struct alignas(8) TapePosition {
    std::array<std::byte, 16> bytes{};
};
}  // namespace detail

// A value inside a document read by JsonReader; valid until that reader reads again or is destroyed.
class JsonValue {
public:
    // Integers that fit std::int64_t are Integer; larger non-negative ones are Unsigned; numbers with a
    // fraction or an exponent are Float.
    enum class Kind { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

    Kind kind() const;
    bool is_number() const {
        const Kind k = kind();
        return k == Kind::Integer || k == Kind::Unsigned || k == Kind::Float;
    }

    // Each requires the matching kind (as_double: any number).
    bool as_bool() const;
    std::int64_t as_int64() const;
    std::uint64_t as_uint64() const;
    double as_double() const;
    std::string_view as_string() const;  // unescaped, valid UTF-8

    // The value written as compact JSON, for error messages.
    std::string to_json_text() const;

    // Arrays: the number of elements and the elements in order.
    std::size_t size() const;
    class ElementIterator;
    ElementIterator begin() const;
    ElementIterator end() const;

    // Objects: the members in document order (a repeated key appears as often as it was written).
    class MemberIterator;
    struct Members {
        detail::TapePosition object;  // a copy, not a reference: members() of a temporary must not dangle
        MemberIterator begin() const;
        MemberIterator end() const;
    };
    Members members() const { return Members{position_}; }

    explicit JsonValue(detail::TapePosition position) : position_(position) {}

private:
    detail::TapePosition position_;
};

class JsonValue::ElementIterator {
public:
    explicit ElementIterator(detail::TapePosition position) : position_(position) {}
    JsonValue operator*() const;
    ElementIterator& operator++();
    bool operator==(const ElementIterator& other) const;

private:
    detail::TapePosition position_;
};

class JsonValue::MemberIterator {
public:
    explicit MemberIterator(detail::TapePosition position) : position_(position) {}
    std::pair<std::string_view, JsonValue> operator*() const;
    MemberIterator& operator++();
    bool operator==(const MemberIterator& other) const;

private:
    detail::TapePosition position_;
};

// Owns the parser's buffers; keep one per thread and reuse it, since reading then allocates nothing once the
// buffers have grown to the largest text seen.
class JsonReader {
public:
    JsonReader();
    ~JsonReader();
    JsonReader(const JsonReader&) = delete;
    JsonReader& operator=(const JsonReader&) = delete;

    // The root value, or nothing when the text is not one valid JSON value (syntax, UTF-8, a control
    // character in a string), nests deeper than kMaxDepth, or holds a number beyond what a double or a
    // 64-bit integer holds; error() then says which. Values of an earlier read become invalid.
    std::optional<JsonValue> read(std::string_view text);

    // Deeper nesting is refused (Error::TooDeep); no OCPP message nests more than a handful of levels.
    static constexpr std::size_t kMaxDepth = 1024;

    enum class Error {
        None,
        NotJson,
        TooDeep,
        Number  // a number that is malformed, or valid JSON beyond what the reader holds
    };
    Error error() const { return error_; }

    // This thread's reader, for reads whose values are not kept past the next read on the same thread.
    static JsonReader& for_this_thread();

private:
    struct Parser;
    std::unique_ptr<Parser> parser_;
    Error error_ = Error::None;
};

}  // namespace parkgrid::ocpp
