#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "ModelContext.h"
#include "io/DataError.h"
#include "io/JsonWriter.h"
#include "recommend/Recommender.h"
#include "train/Experiment.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace shelfscope::cli {

namespace {

/// "12:5,7:3.5" -> {(12, 5), (7, 3.5)}; an empty text gives an empty list.
std::vector<std::pair<std::int32_t, float>> parseRatings(const std::string& text) {
    std::vector<std::pair<std::int32_t, float>> ratings;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const auto colon = item.find(':');
        try {
            if (colon == std::string::npos)
                throw std::invalid_argument(item);
            std::size_t used = 0;
            const int book = std::stoi(item.substr(0, colon), &used);
            if (used != colon)
                throw std::invalid_argument(item);
            const std::string value = item.substr(colon + 1);
            const float rating = std::stof(value, &used);
            if (used != value.size())
                throw std::invalid_argument(item);
            ratings.emplace_back(book, rating);
        } catch (const std::exception&) {
            throw UsageError("--ratings takes BOOK_ID:RATING pairs separated by commas, such as "
                             "'2:5,25:4', got '" +
                             item + "'");
        }
    }
    return ratings;
}

void printTable(const RecommendResult& result, const std::string& who, bool ranking,
                bool itemItem) {
    std::printf("Top %zu for %s:\n", result.items.size(), who.c_str());
    int rank = 0;
    for (const Recommendation& r : result.items) {
        std::printf("%3d. %s  book %d\n", ++rank,
                    bookHeading(r.book.title, r.book.authors, r.book.year).c_str(), r.book.id);
        std::printf("     %s %.2f, average %s%s\n", ranking ? "ranking score" : "predicted",
                    r.predictedRating,
                    r.book.averageRating ? fixed(*r.book.averageRating, 2).c_str() : "?",
                    r.onToReadList ? ", already on the to-read list" : "");
        if (r.because && itemItem) // the read book adding most to the score, W[j, i]
            std::printf("     because you read %s (adds %.3f)\n", r.because->title.c_str(),
                        r.becauseSimilarity);
        else if (r.because)
            std::printf("     because you liked %s (similarity %.2f)\n", r.because->title.c_str(),
                        r.becauseSimilarity);
    }
    if (result.ratedExcluded > 0 || result.toReadExcluded > 0)
        std::printf("(%zu rated and %zu to-read books left out)\n", result.ratedExcluded,
                    result.toReadExcluded);
}

void printJson(const RecommendResult& result, JsonWriter& json, bool ranking) {
    json.key("items").beginArray();
    for (const Recommendation& r : result.items) {
        json.beginObject()
            .field("book_id", r.book.id)
            .field("title", r.book.title)
            .field("authors", r.book.authors);
        json.key("year");
        r.book.year ? json.value(static_cast<std::int64_t>(*r.book.year)) : json.null();
        // A ranking model's score orders books; it is no number of stars.
        json.key("predicted_rating");
        ranking ? json.null() : json.value(static_cast<double>(r.predictedRating));
        json.field("score", static_cast<double>(r.predictedRating));
        json.key("average_rating");
        r.book.averageRating ? json.value(static_cast<double>(*r.book.averageRating)) : json.null();
        json.field("on_to_read", r.onToReadList);
        json.key("because_book_id");
        r.because ? json.value(r.because->id) : json.null();
        json.key("because_title");
        r.because ? json.value(r.because->title) : json.null();
        json.key("because_similarity"); // null with the book: no reason, no measure
        r.because ? json.value(static_cast<double>(r.becauseSimilarity)) : json.null();
        json.endObject();
    }
    json.endArray()
        .field("rated_excluded", static_cast<std::int64_t>(result.ratedExcluded))
        .field("to_read_excluded", static_cast<std::int64_t>(result.toReadExcluded));
}

} // namespace

int runRecommend(const CommandLine& options) {
    if (options.has("user") == options.has("ratings"))
        throw UsageError("give either --user ID or --ratings BOOK_ID:RATING,...");
    RecommendConfig config;
    config.top = static_cast<int>(options.integer("top"));
    config.excludeRated = !options.has("include-rated");
    config.toRead = options.has("exclude-to-read") ? ToReadPolicy::Exclude : ToReadPolicy::Flag;
    if (options.has("popularity-blend"))
        config.popularityBlend = static_cast<float>(options.number("popularity-blend", 0.0));
    std::vector<std::pair<std::int32_t, float>> ratings;
    if (options.has("ratings")) {
        ratings = parseRatings(options.text("ratings", ""));
        if (ratings.empty())
            throw DataError({"--ratings"}, "the rating list is empty: give BOOK_ID:RATING pairs");
    }
    const std::int32_t user =
        options.has("user") ? static_cast<std::int32_t>(options.integer("user", 0)) : 0;
    const ModelContext context = openModel(options);
    const Recommender recommender(*context.saved.model, context.saved.metadata,
                                  context.data.dataset);
    const bool ranking = recommender.ranksBooks();
    const auto start = std::chrono::steady_clock::now();
    RecommendResult result;
    try {
        result = options.has("user") ? recommender.forReader(user, config)
                                     : recommender.forNewReader(ratings, config);
    } catch (const std::invalid_argument& error) {
        throw DataError({options.text("model")}, error.what());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject();
        if (options.has("user"))
            json.field("user", user);
        else
            json.field("new_reader_ratings", static_cast<std::int64_t>(ratings.size()));
        printJson(result, json, ranking);
        json.field("seconds", seconds).endObject();
        std::cout << json.text() << std::endl;
    } else {
        const std::string who =
            options.has("user")
                ? "reader " + std::to_string(user)
                : "a new reader with " + std::to_string(ratings.size()) + " rating(s)";
        printTable(result, who, ranking, !context.saved.model->hasEmbeddings());
    }
    return ExitSuccess;
}

} // namespace shelfscope::cli
