#include "maps/BookAttributes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace shelfscope {

const char* bookAttributeName(BookAttribute attribute) {
    switch (attribute) {
    case BookAttribute::Genre:
        return "genre";
    case BookAttribute::Language:
        return "language";
    case BookAttribute::AverageRating:
        return "average rating";
    case BookAttribute::Popularity:
        return "popularity (log10 of ratings)";
    case BookAttribute::Year:
        return "publication year";
    }
    return "";
}

bool isCategorical(BookAttribute attribute) {
    return attribute == BookAttribute::Genre || attribute == BookAttribute::Language;
}

std::string languageName(std::string_view code) {
    static const std::map<std::string_view, const char*> names{
        {"eng", "English"},   {"en", "English"},     {"en-US", "English"},
        {"en-GB", "English"}, {"en-CA", "English"},  {"ara", "Arabic"},
        {"fre", "French"},    {"fra", "French"},     {"ind", "Indonesian"},
        {"spa", "Spanish"},   {"ger", "German"},     {"deu", "German"},
        {"jpn", "Japanese"},  {"per", "Persian"},    {"por", "Portuguese"},
        {"pol", "Polish"},    {"nor", "Norwegian"},  {"dan", "Danish"},
        {"fil", "Filipino"},  {"ita", "Italian"},    {"nl", "Dutch"},
        {"dut", "Dutch"},     {"vie", "Vietnamese"}, {"tur", "Turkish"},
        {"swe", "Swedish"},   {"rum", "Romanian"},   {"mul", "Several languages"},
        {"rus", "Russian"},   {"chi", "Chinese"},    {"zho", "Chinese"},
        {"gre", "Greek"},     {"heb", "Hebrew"},     {"kor", "Korean"},
        {"fin", "Finnish"},   {"cze", "Czech"},      {"hun", "Hungarian"}};
    const auto found = names.find(code);
    return found == names.end() ? std::string(code) : std::string(found->second);
}

namespace {

std::string categoryOf(const Book* book, BookAttribute attribute) {
    if (book == nullptr)
        return {};
    return attribute == BookAttribute::Genre ? book->genre : languageName(book->language);
}

float numberOf(const Book* book, BookAttribute attribute) {
    constexpr float unknown = std::numeric_limits<float>::quiet_NaN();
    if (book == nullptr)
        return unknown;
    switch (attribute) {
    case BookAttribute::AverageRating:
        return book->averageRating.value_or(unknown);
    case BookAttribute::Popularity:
        return book->ratingsCount > 0
                   ? static_cast<float>(std::log10(1.0 + static_cast<double>(book->ratingsCount)))
                   : unknown;
    case BookAttribute::Year:
        return book->year ? static_cast<float>(*book->year) : unknown;
    default:
        return unknown;
    }
}

/// The value at a share of the sorted values (nearest rank).
float quantile(const std::vector<float>& sorted, double share) {
    const auto last = static_cast<double>(sorted.size() - 1);
    return sorted[static_cast<std::size_t>(std::lround(share * last))];
}

} // namespace

CategoricalValues categoricalAttribute(const BookCatalog& books,
                                       const std::vector<std::int32_t>& bookIds,
                                       BookAttribute attribute, std::size_t maxCategories) {
    std::vector<std::string> names(bookIds.size());
    std::map<std::string, std::int32_t> counts;
    for (std::size_t i = 0; i < bookIds.size(); ++i) {
        names[i] = categoryOf(books.find(bookIds[i]), attribute);
        if (!names[i].empty())
            ++counts[names[i]];
    }
    std::vector<std::pair<std::string, std::int32_t>> ordered(counts.begin(), counts.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    CategoricalValues result;
    const std::size_t kept = ordered.size() > maxCategories && maxCategories > 0
                                 ? maxCategories - 1 // the last slot becomes "Other"
                                 : ordered.size();
    std::map<std::string, std::int32_t> code;
    for (std::size_t c = 0; c < ordered.size(); ++c) {
        if (c < kept) {
            code[ordered[c].first] = static_cast<std::int32_t>(c);
            result.labels.push_back(ordered[c].first);
            result.counts.push_back(ordered[c].second);
        } else {
            if (c == kept) {
                result.labels.push_back("Other");
                result.counts.push_back(0);
            }
            code[ordered[c].first] = static_cast<std::int32_t>(kept);
            result.counts.back() += ordered[c].second;
        }
    }
    result.codes.resize(bookIds.size(), -1);
    for (std::size_t i = 0; i < bookIds.size(); ++i) {
        if (names[i].empty())
            ++result.unknown;
        else
            result.codes[i] = code[names[i]];
    }
    return result;
}

NumericValues numericAttribute(const BookCatalog& books, const std::vector<std::int32_t>& bookIds,
                               BookAttribute attribute) {
    NumericValues result;
    result.values.resize(bookIds.size());
    std::vector<float> known;
    for (std::size_t i = 0; i < bookIds.size(); ++i) {
        result.values[i] = numberOf(books.find(bookIds[i]), attribute);
        if (std::isnan(result.values[i]))
            ++result.unknown;
        else
            known.push_back(result.values[i]);
    }
    if (known.empty())
        return result;
    std::sort(known.begin(), known.end());
    result.min = known.front();
    result.max = known.back();
    result.low = quantile(known, 0.02);
    result.high = quantile(known, 0.98);
    if (result.high <= result.low) { // (nearly) one value: span what there is
        result.low = result.min;
        result.high = result.max;
    }
    return result;
}

} // namespace shelfscope
