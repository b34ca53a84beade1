#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "ModelContext.h"
#include "io/DataError.h"
#include "io/JsonWriter.h"
#include "recommend/Recommender.h"
#include "recommend/TitleSearch.h"

#include <cstdio>
#include <iostream>

namespace shelfscope::cli {

int runSimilar(const CommandLine& options) {
    if (options.has("book") == options.has("title"))
        throw UsageError("give either --book ID or --title TEXT");
    const int top = static_cast<int>(options.integer("top"));
    const ModelContext context = openModel(options);
    const Dataset& dataset = context.data.dataset;
    std::int32_t book = 0;
    if (options.has("book")) {
        book = static_cast<std::int32_t>(options.integer("book", 0));
    } else {
        const std::string title = options.text("title");
        const std::vector<std::int32_t> found = TitleSearch(dataset.books).find(title, 1);
        if (found.empty())
            throw DataError({"--title"}, "no book title contains '" + title + "'");
        book = found.front();
    }
    const Recommender recommender(*context.saved.model, context.saved.metadata, dataset);
    std::vector<SimilarBook> similar;
    try {
        similar = recommender.similarBooks(book, top);
    } catch (const std::invalid_argument& error) {
        throw DataError({options.text("model")}, error.what());
    }
    const BookInfo source = recommender.describe(book);
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject().field("book_id", source.id).field("title", source.title);
        json.key("similar").beginArray();
        for (const SimilarBook& s : similar)
            json.beginObject()
                .field("book_id", s.book.id)
                .field("title", s.book.title)
                .field("authors", s.book.authors)
                .field("similarity", static_cast<double>(s.similarity))
                .endObject();
        json.endArray().endObject();
        std::cout << json.text() << std::endl;
    } else {
        std::printf("Books closest to %s, book %d:\n",
                    bookHeading(source.title, source.authors).c_str(), source.id);
        int rank = 0;
        for (const SimilarBook& s : similar)
            std::printf("%3d. %.3f  %s  book %d\n", ++rank, s.similarity,
                        bookHeading(s.book.title, s.book.authors).c_str(), s.book.id);
    }
    return ExitSuccess;
}

} // namespace shelfscope::cli
