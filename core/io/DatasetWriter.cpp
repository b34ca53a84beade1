#include "io/DatasetWriter.h"

#include "io/AtomicFileWriter.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <stdexcept>
#include <unordered_map>

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

/// A book's shelves as written: its top shelves, and the shelf that decided its genre when that
/// is not among them, so loading the rows back picks the same genre and top shelves.
std::vector<const Shelf*> shelvesToWrite(const Book& book) {
    std::vector<const Shelf*> shelves;
    for (const Shelf& shelf : book.topShelves)
        shelves.push_back(&shelf);
    const bool listed = std::any_of(book.topShelves.begin(), book.topShelves.end(),
                                    [&](const Shelf& s) { return s.name == book.genreShelf.name; });
    if (!book.genreShelf.name.empty() && !listed)
        shelves.push_back(&book.genreShelf);
    return shelves;
}

bool hasShelves(const BookCatalog& books) {
    return std::any_of(books.books().begin(), books.books().end(), [](const Book& book) {
        return book.goodreadsId > 0 && !shelvesToWrite(book).empty();
    });
}

/// tags.csv numbers the shelf names in byte order from 0, as goodbooks-10k's does; book_tags.csv
/// lists each book's shelves under its Goodreads id (books without one cannot be joined).
void writeShelves(const BookCatalog& books, const std::string& tagsPath,
                  const std::string& bookTagsPath) {
    std::vector<std::string> names;
    for (const Book& book : books.books())
        if (book.goodreadsId > 0)
            for (const Shelf* shelf : shelvesToWrite(book))
                names.push_back(shelf->name);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::unordered_map<std::string, std::int32_t> idOf;
    AtomicFileWriter tagsFile(tagsPath);
    std::string out = "tag_id,tag_name\n";
    for (std::size_t i = 0; i < names.size(); ++i) {
        idOf.emplace(names[i], static_cast<std::int32_t>(i));
        appendNumber(out, i);
        out += ',' + csvField(names[i]) + '\n';
    }
    tagsFile.write(out);

    AtomicFileWriter bookTagsFile(bookTagsPath);
    out = "goodreads_book_id,tag_id,count\n";
    for (const Book& book : books.books()) {
        if (book.goodreadsId <= 0)
            continue;
        for (const Shelf* shelf : shelvesToWrite(book)) {
            appendNumber(out, book.goodreadsId);
            out += ',';
            appendNumber(out, idOf.at(shelf->name));
            out += ',';
            appendNumber(out, shelf->count);
            out += '\n';
        }
    }
    bookTagsFile.write(out);
    tagsFile.commit();
    bookTagsFile.commit();
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
    if (hasShelves(dataset.books)) {
        writeShelves(dataset.books, (base / "tags.csv").string(),
                     (base / "book_tags.csv").string());
        return;
    }
    // Shelves written there before would be read back as this data set's.
    for (const char* name : {"tags.csv", "book_tags.csv"}) {
        fs::remove(base / name, ec);
        if (ec)
            throw std::runtime_error((base / name).string() + ": cannot remove: " + ec.message());
    }
}

} // namespace shelfscope
