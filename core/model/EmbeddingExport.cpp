#include "model/EmbeddingExport.h"

#include "io/AtomicFileWriter.h"
#include "io/DatasetWriter.h"
#include "maps/BookEmbeddings.h"

#include <charconv>
#include <filesystem>
#include <stdexcept>

namespace shelfscope {

namespace {

void appendFloat(std::string& out, float value) {
    char digits[32];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, end);
}

/// TSV has no quoting: tabs and line breaks inside a field become spaces.
std::string tsvField(const std::string& text) {
    std::string clean = text;
    for (char& c : clean)
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
    return clean;
}

std::string yearText(const Book* book) {
    return book != nullptr && book->year ? std::to_string(*book->year) : std::string{};
}

std::string averageText(const Book* book) {
    std::string text;
    if (book != nullptr && book->averageRating)
        appendFloat(text, *book->averageRating);
    return text;
}

void appendRow(std::string& out, const Matrix& table, std::size_t row, char separator) {
    for (Eigen::Index c = 0; c < table.cols(); ++c) {
        if (c > 0)
            out += separator;
        appendFloat(out, table(static_cast<Eigen::Index>(row), c));
    }
}

void createFolder(const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw std::runtime_error(folder + ": cannot create the folder: " + ec.message());
}

/// Writes both Projector files, each atomically, committing only when both are written.
void writeProjectorFiles(const std::string& folder, const std::string& vectors,
                         const std::string& metadata) {
    const std::filesystem::path base(folder);
    AtomicFileWriter vectorFile((base / "vectors.tsv").string());
    vectorFile.write(vectors);
    AtomicFileWriter metadataFile((base / "metadata.tsv").string());
    metadataFile.write(metadata);
    vectorFile.commit();
    metadataFile.commit();
}

} // namespace

void exportProjector(const Model& model, const std::vector<std::int32_t>& bookRawIds,
                     const BookCatalog& catalog, const std::string& folder) {
    if (!model.hasEmbeddings())
        throw std::invalid_argument(noEmbeddingsMessage(model));
    createFolder(folder);
    std::string vectors;
    std::string metadata = "title\tauthor\tyear\taverage_rating\tbook_id\n";
    const Matrix& books = model.bookEmbeddings();
    for (std::size_t row = 0; row < bookRawIds.size(); ++row) {
        const std::int32_t id = bookRawIds[row];
        if (id == 0)
            continue;
        appendRow(vectors, books, row, '\t');
        vectors += '\n';
        const Book* book = catalog.find(id);
        metadata += tsvField(catalog.displayTitle(id)) + '\t' +
                    tsvField(book ? book->authors : std::string{}) + '\t' + yearText(book) + '\t' +
                    averageText(book) + '\t' + std::to_string(id) + '\n';
    }
    writeProjectorFiles(folder, vectors, metadata);
}

void exportEmbeddingsCsv(const Model& model, const std::vector<std::int32_t>& bookRawIds,
                         const BookCatalog& catalog, const std::string& path) {
    if (!model.hasEmbeddings())
        throw std::invalid_argument(noEmbeddingsMessage(model));
    const Matrix& books = model.bookEmbeddings();
    std::string out = "book_id,title,authors,year,average_rating";
    for (Eigen::Index c = 0; c < books.cols(); ++c)
        out += ",e" + std::to_string(c);
    out += '\n';
    for (std::size_t row = 0; row < bookRawIds.size(); ++row) {
        const std::int32_t id = bookRawIds[row];
        if (id == 0)
            continue;
        const Book* book = catalog.find(id);
        out += std::to_string(id) + ',' + csvField(catalog.displayTitle(id)) + ',' +
               csvField(book ? book->authors : std::string{}) + ',' + yearText(book) + ',' +
               averageText(book);
        out += ',';
        appendRow(out, books, row, ',');
        out += '\n';
    }
    AtomicFileWriter file(path);
    file.write(out);
    file.commit();
}

void exportUserProjector(const Model& model, const std::vector<std::int32_t>& userRawIds,
                         const std::string& folder) {
    if (!model.hasEmbeddings())
        throw std::invalid_argument(noEmbeddingsMessage(model));
    createFolder(folder);
    std::string vectors;
    std::string metadata;
    for (std::size_t row = 0; row < userRawIds.size(); ++row) {
        if (userRawIds[row] == 0)
            continue;
        appendRow(vectors, model.userEmbeddings(), row, '\t');
        vectors += '\n';
        metadata += std::to_string(userRawIds[row]) + '\n';
    }
    writeProjectorFiles(folder, vectors, metadata);
}

void exportUserEmbeddingsCsv(const Model& model, const std::vector<std::int32_t>& userRawIds,
                             const std::string& path) {
    if (!model.hasEmbeddings())
        throw std::invalid_argument(noEmbeddingsMessage(model));
    std::string out = "user_id";
    for (Eigen::Index c = 0; c < model.userEmbeddings().cols(); ++c)
        out += ",e" + std::to_string(c);
    out += '\n';
    for (std::size_t row = 0; row < userRawIds.size(); ++row) {
        if (userRawIds[row] == 0)
            continue;
        out += std::to_string(userRawIds[row]) + ',';
        appendRow(out, model.userEmbeddings(), row, ',');
        out += '\n';
    }
    AtomicFileWriter file(path);
    file.write(out);
    file.commit();
}

} // namespace shelfscope
