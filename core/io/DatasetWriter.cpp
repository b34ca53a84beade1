#include "io/DatasetWriter.h"

#include "io/AtomicFileWriter.h"

#include <charconv>
#include <filesystem>
#include <stdexcept>

namespace shelfscope {

namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

void appendNumber(std::string& out, auto value) {
    char digits[32];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, end);
}

void writeRatings(const RatingTable& table, const std::string& path) {
    AtomicFileWriter file(path);
    std::string buffer = "user_id,book_id,rating\n";
    for (std::size_t r = 0; r < table.size(); ++r) {
        appendNumber(buffer, table.users.rawId(table.userIndex[r]));
        buffer += ',';
        appendNumber(buffer, table.books.rawId(table.bookIndex[r]));
        buffer += ',';
        appendNumber(buffer, table.rating[r]);
        buffer += '\n';
        if (buffer.size() >= kFlushBytes) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    file.commit();
}

void writeBooks(const BookCatalog& books, const std::string& path) {
    AtomicFileWriter file(path);
    std::string out = "book_id,goodreads_book_id,work_id,authors,original_publication_year,"
                      "original_title,title,language_code,average_rating,ratings_count,"
                      "image_url,genre\n";
    for (const Book& book : books.books()) {
        appendNumber(out, book.id);
        out += ',';
        if (book.goodreadsId > 0)
            appendNumber(out, book.goodreadsId);
        out += ',';
        if (book.workId > 0)
            appendNumber(out, book.workId);
        out += ',' + csvField(book.authors) + ',';
        if (book.year)
            appendNumber(out, *book.year);
        out += ',' + csvField(book.originalTitle) + ',' + csvField(book.title) + ',' +
               csvField(book.language) + ',';
        if (book.averageRating)
            appendNumber(out, *book.averageRating);
        out += ',';
        appendNumber(out, book.ratingsCount);
        out += ',' + csvField(book.imageUrl) + ',' + csvField(book.genre) + '\n';
    }
    file.write(out);
    file.commit();
}

void writeToRead(const Dataset& dataset, const std::string& path) {
    AtomicFileWriter file(path);
    std::string out = "user_id,book_id\n";
    const ToReadList& list = dataset.toRead;
    for (std::size_t i = 0; i < list.size(); ++i) {
        appendNumber(out, dataset.ratings.users.rawId(list.userIndex[i]));
        out += ',';
        appendNumber(out, dataset.ratings.books.rawId(list.bookIndex[i]));
        out += '\n';
    }
    file.write(out);
    file.commit();
}

} // namespace

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void writeDataset(const Dataset& dataset, const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw std::runtime_error(folder + ": cannot create the folder: " + ec.message());
    const fs::path base(folder);
    writeRatings(dataset.ratings, (base / "ratings.csv").string());
    writeBooks(dataset.books, (base / "books.csv").string());
    writeToRead(dataset, (base / "to_read.csv").string());
}

} // namespace shelfscope
