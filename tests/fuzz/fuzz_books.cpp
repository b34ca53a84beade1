// libFuzzer target: loadBooks on books.csv (first byte: bit 0 gzip).
#include "FuzzInput.h"
#include "data/BooksLoader.h"
#include "io/DataError.h"

using namespace shelfscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::CsvInput input = fuzz::writeCsvInput(data, size, "books.csv");
    try {
        const BooksLoadResult result = loadBooks({input.path});
        for (const Book& book : result.catalog.books())
            if (result.catalog.find(book.id) != &book)
                fuzz::broken("a book of the catalog is not found by its id");
    } catch (const DataError& error) {
        if (error.location().file != input.path)
            fuzz::broken("the error does not name the file: " + std::string(error.what()));
    }
    return 0;
}
