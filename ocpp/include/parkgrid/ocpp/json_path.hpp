#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parkgrid::ocpp {

// Location inside a payload, kept as a chain of stack frames so that decoding costs no allocation;
// it is only rendered into text when validation fails.
class JsonPath {
public:
    JsonPath() = default;
    JsonPath(const JsonPath& parent, std::string_view key) : parent_(&parent), key_(key) {}
    JsonPath(const JsonPath& parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}

    std::string str() const {
        std::string out = parent_ ? parent_->str() : std::string();
        if (is_index_) {
            out += '[' + std::to_string(index_) + ']';
        } else if (!key_.empty()) {
            if (!out.empty()) {
                out += '.';
            }
            out += key_;
        }
        return out;
    }

private:
    const JsonPath* parent_ = nullptr;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

}  // namespace parkgrid::ocpp
