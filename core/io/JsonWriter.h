#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// Builds compact JSON text, handling commas and escaping; for the CLI's --json output.
class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::int32_t number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();
    /// key(name) followed by value(v).
    template <typename T> JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    const std::string& text() const { return out_; }

private:
    void beforeValue();

    std::string out_;
    std::vector<bool> hasItems_;
    bool afterKey_ = false;
};

/// The text as a JSON string literal, quotes included.
std::string jsonQuote(std::string_view text);

} // namespace shelfscope
