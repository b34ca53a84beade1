#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "demo/DemoGenerator.h"
#include "io/DatasetWriter.h"
#include "io/JsonWriter.h"

#include <chrono>
#include <iostream>

namespace shelfscope::cli {

int runGenerate(const CommandLine& options) {
    const DemoConfig defaults;
    DemoConfig config;
    config.users = static_cast<std::int32_t>(options.integer("users", defaults.users));
    config.books = static_cast<std::int32_t>(options.integer("books", defaults.books));
    config.ratings = options.integer("ratings", defaults.ratings);
    config.genres = static_cast<std::int32_t>(options.integer("genres", defaults.genres));
    config.seed = options.seed("seed", defaults.seed);
    config.toReadPerUser = options.number("to-read-per-user", defaults.toReadPerUser);
    config.noise = options.number("noise", defaults.noise);
    const std::string folder = options.text("out");
    try {
        validateDemoConfig(config);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }

    const auto started = std::chrono::steady_clock::now();
    const DemoLibrary library = generateDemoLibrary(config);
    writeDataset(library.dataset, folder);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const Dataset& dataset = library.dataset;
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject()
            .field("out", folder)
            .field("ratings", static_cast<std::int64_t>(dataset.ratings.size()))
            .field("users", dataset.ratings.userCount())
            .field("books", static_cast<std::int64_t>(dataset.books.size()))
            .field("rated_books", dataset.ratings.bookCount())
            .field("to_read_entries", static_cast<std::int64_t>(dataset.toRead.size()))
            .field("genres", config.genres)
            .field("seed", static_cast<std::int64_t>(config.seed))
            .field("seconds", seconds)
            .endObject();
        std::cout << json.text() << '\n';
    } else {
        std::cout << "Wrote a synthetic library to " << folder << ": "
                  << groupDigits(static_cast<std::int64_t>(dataset.ratings.size()))
                  << " ratings by " << groupDigits(dataset.ratings.userCount()) << " readers of "
                  << groupDigits(static_cast<std::int64_t>(dataset.books.size())) << " books in "
                  << config.genres << " genres, "
                  << groupDigits(static_cast<std::int64_t>(dataset.toRead.size()))
                  << " to-read entries (seed " << config.seed << ", " << fixed(seconds, 2)
                  << " s)\n";
    }
    return ExitSuccess;
}

} // namespace shelfscope::cli
