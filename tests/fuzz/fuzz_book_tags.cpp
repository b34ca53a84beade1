// libFuzzer target: loadBookTags on book_tags.csv (first byte: bit 0 gzip), joined with the
// tags and books of the tests/data/good/shelves fixture, which are loaded once.
#include "FuzzInput.h"
#include "data/BookTagsLoader.h"
#include "data/BooksLoader.h"
#include "data/TagsLoader.h"
#include "io/DataError.h"

using namespace shelfscope;

namespace {

const std::string kFixture = SHELFSCOPE_TEST_DATA_DIR "/good/shelves/";

const TagTable& fixtureTags() {
    static const TagTable tags = loadTags({kFixture + "tags.csv"});
    return tags;
}

const BookCatalog& fixtureBooks() {
    static const BookCatalog books = loadBooks({kFixture + "books.csv"}).catalog;
    return books;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::CsvInput input = fuzz::writeCsvInput(data, size, "book_tags.csv");
    BookCatalog books = fixtureBooks(); // loadBookTags fills in the books' shelves
    try {
        const BookTagsReport report = loadBookTags({input.path}, fixtureTags(), books);
        if (report.booksWithShelves > static_cast<std::int64_t>(books.size()))
            fuzz::broken("the report counts more books with shelves than there are");
        if (report.rowsRead < report.unknownCountRows + report.unmatchedRows)
            fuzz::broken("the report counts more ignored rows than rows read");
        describeBookTagsQuirks(report, "book_tags.csv");
    } catch (const DataError& error) {
        if (error.location().file != input.path)
            fuzz::broken("the error does not name the file: " + std::string(error.what()));
    }
    return 0;
}
