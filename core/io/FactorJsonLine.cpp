#include "io/FactorJsonLine.h"

#include "io/FieldParsing.h"

#include <cmath>
#include <optional>
#include <string>

namespace shelfscope {

namespace {

/// A cursor over one line that throws DataError with the line's location.
class JsonCursor {
public:
    JsonCursor(std::string_view text, const DataLocation& where) : text_(text), where_(where) {}

    void skipSpace() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                       text_[pos_] == '\r' || text_[pos_] == '\n'))
            ++pos_;
    }
    bool atEnd() {
        skipSpace();
        return pos_ == text_.size();
    }
    char peek() {
        skipSpace();
        return pos_ < text_.size() ? text_[pos_] : '\0';
    }
    void expect(char c, const char* what) {
        if (peek() != c)
            fail(std::string("bad JSON: expected ") + what + " at character " +
                 std::to_string(pos_ + 1));
        ++pos_;
    }
    /// A string without escapes (Spark's keys have none); escapes are refused, not decoded.
    std::string_view string() {
        expect('"', "'\"'");
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            if (text_[pos_] == '\\')
                fail("bad JSON: an escaped character in a string where Spark writes none");
            ++pos_;
        }
        if (pos_ == text_.size())
            fail("bad JSON: a string is not closed");
        return text_.substr(start, pos_++ - start);
    }
    /// The raw text of a scalar value (number, literal or string), for the caller to judge.
    std::string_view scalar() {
        if (peek() == '"') {
            const std::size_t start = pos_;
            string();
            return text_.substr(start, pos_ - start);
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ']' &&
               text_[pos_] != '}' && text_[pos_] != ' ' && text_[pos_] != '\t' &&
               text_[pos_] != '[' && text_[pos_] != '{')
            ++pos_;
        if (pos_ == start)
            fail("bad JSON: expected a value at character " + std::to_string(pos_ + 1));
        return text_.substr(start, pos_ - start);
    }
    [[noreturn]] void fail(const std::string& problem, std::string_view text = {}) const {
        throw DataError(where_, problem, text.empty() ? std::string{} : quoteForMessage(text));
    }

private:
    std::string_view text_;
    const DataLocation& where_;
    std::size_t pos_ = 0;
};

std::int32_t readId(JsonCursor& cursor) {
    const std::string_view text = cursor.scalar();
    std::int32_t id = 0;
    const IdParse parsed = parsePositiveId(text, id);
    if (parsed != IdParse::Ok)
        cursor.fail(describeIdProblem(parsed), text);
    return id;
}

std::vector<float> readFeatures(JsonCursor& cursor) {
    std::vector<float> features;
    cursor.expect('[', "'[' opening the features");
    if (cursor.peek() == ']') {
        cursor.expect(']', "']'");
        return features;
    }
    for (;;) {
        const std::string_view text = cursor.scalar();
        const std::optional<double> value = parseFiniteNumber(text);
        const std::string which = "feature " + std::to_string(features.size() + 1);
        if (!value)
            cursor.fail(which + " is not a finite number", text);
        const auto single = static_cast<float>(*value);
        if (!std::isfinite(single))
            cursor.fail(which + " is beyond the range of a float", text);
        features.push_back(single);
        if (cursor.peek() == ']') {
            cursor.expect(']', "']'");
            return features;
        }
        cursor.expect(',', "',' or ']' in the features");
    }
}

} // namespace

FactorJsonRow parseFactorJsonLine(std::string_view line, const DataLocation& where) {
    JsonCursor cursor(line, where);
    FactorJsonRow row;
    bool haveId = false;
    bool haveFeatures = false;
    cursor.expect('{', "'{' (each line is one JSON object)");
    if (cursor.peek() != '}') {
        for (;;) {
            const std::string key(cursor.string());
            cursor.expect(':', "':' after a key");
            if (key == "id") {
                if (haveId)
                    cursor.fail("the key \"id\" appears twice");
                row.id = readId(cursor);
                haveId = true;
            } else if (key == "features") {
                if (haveFeatures)
                    cursor.fail("the key \"features\" appears twice");
                row.features = readFeatures(cursor);
                haveFeatures = true;
            } else {
                cursor.fail("unexpected key \"" + key +
                            "\" (Spark's factors have only \"id\" and \"features\")");
            }
            if (cursor.peek() == '}')
                break;
            cursor.expect(',', "',' or '}' after a value");
        }
    }
    cursor.expect('}', "'}'");
    if (!cursor.atEnd())
        cursor.fail("bad JSON: more text after the object (one object per line)");
    if (!haveId)
        cursor.fail("the object has no \"id\"");
    if (!haveFeatures)
        cursor.fail("the object has no \"features\"");
    if (row.features.empty())
        cursor.fail("the features are empty");
    return row;
}

} // namespace shelfscope
