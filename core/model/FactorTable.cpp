#include "model/FactorTable.h"

#include "io/CsvHeader.h"
#include "io/CsvReader.h"
#include "io/FactorJsonLine.h"
#include "io/FieldParsing.h"
#include "io/LineReader.h"
#include "io/RecordFields.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

namespace shelfscope {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kCancelCheckRows = 1024;

/// Collects rows and checks what every format shares: one feature count, no repeated id.
class TableBuilder {
public:
    TableBuilder(FactorTable& table, const std::atomic<bool>& cancel)
        : table_(table), cancel_(cancel) {}

    std::uint32_t addFile(const std::string& path) {
        table_.files.push_back(path);
        return static_cast<std::uint32_t>(table_.files.size() - 1);
    }

    /// `idAt` is where the id was read; `featuresAt` where the features were (TSV keeps them
    /// in another file).
    void add(std::int32_t id, const std::vector<float>& features, const DataLocation& idAt,
             const DataLocation& featuresAt, std::uint32_t idFile) {
        if ((table_.size() + 1) % kCancelCheckRows == 0 && cancel_.load())
            throw OperationCancelled();
        if (table_.size() == 0) {
            table_.dim = static_cast<int>(features.size());
            firstFeatures_ = featuresAt;
        } else if (features.size() != static_cast<std::size_t>(table_.dim)) {
            throw DataError(featuresAt, "has " + std::to_string(features.size()) +
                                            " features where " + firstFeatures_.file + ":" +
                                            std::to_string(firstFeatures_.line) + " has " +
                                            std::to_string(table_.dim));
        }
        const auto [seen, inserted] = rowOfId_.emplace(id, table_.size());
        if (!inserted) {
            const DataLocation first = table_.where(seen->second);
            throw DataError(idAt, "id " + std::to_string(id) + " appears twice (first at " +
                                      first.file + ":" + std::to_string(first.line) + ")");
        }
        table_.ids.push_back(id);
        table_.values.insert(table_.values.end(), features.begin(), features.end());
        table_.fileOfRow.push_back(idFile);
        table_.lineOfRow.push_back(idAt.line);
    }

private:
    FactorTable& table_;
    const std::atomic<bool>& cancel_;
    DataLocation firstFeatures_{""};
    std::unordered_map<std::int32_t, std::size_t> rowOfId_;
};

bool isBlank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string lowerName(const fs::path& path) {
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (endsWith(name, ".gz"))
        name.resize(name.size() - 3);
    return name;
}

/// The part files of a folder Spark wrote, in name order.
std::vector<std::string> sparkPartFiles(const std::string& folder) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name[0] == '.' || name[0] == '_' || !entry.is_regular_file(ec))
            continue;
        files.push_back(entry.path().string());
    }
    if (ec)
        throw DataError({folder}, "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw DataError({folder}, "the folder holds no part files (Spark writes part-*.json)");
    return files;
}

void readSparkJson(const std::string& source, TableBuilder& builder) {
    const std::vector<std::string> files =
        fs::is_directory(source) ? sparkPartFiles(source) : std::vector<std::string>{source};
    for (const std::string& file : files) {
        const std::uint32_t index = builder.addFile(file);
        LineReader reader(file);
        while (reader.next()) {
            if (isBlank(reader.line()))
                continue;
            const DataLocation where(file, reader.lineNumber());
            const FactorJsonRow row = parseFactorJsonLine(reader.line(), where);
            builder.add(row.id, row.features, where, where, index);
        }
    }
}

std::string idColumnName(FactorSide side) {
    return side == FactorSide::Users ? "user_id" : "book_id";
}

std::vector<std::string_view> splitTabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos)
            return fields;
        start = tab + 1;
    }
}

std::int32_t idFrom(std::string_view text, const DataLocation& where) {
    std::int32_t id = 0;
    const IdParse parsed = parsePositiveId(text, id);
    if (parsed != IdParse::Ok)
        throw DataError(where, describeIdProblem(parsed), quoteForMessage(text));
    return id;
}

float featureFrom(std::string_view text, std::size_t number, const DataLocation& where) {
    const std::string which = "feature " + std::to_string(number);
    const std::optional<double> value = parseFiniteNumber(text);
    if (!value)
        throw DataError(where, which + " is not a finite number", quoteForMessage(text));
    const auto single = static_cast<float>(*value);
    if (!std::isfinite(single))
        throw DataError(where, which + " is beyond the range of a float", quoteForMessage(text));
    return single;
}

struct IdLine {
    std::int32_t id;
    std::size_t line;
};

/// The ids of metadata.tsv: its id column (book_id, user_id or id) when it has a header (the
/// Projector's rule: a header exactly when there is more than one column), else every line.
std::vector<IdLine> readProjectorIds(const std::string& path, FactorSide side) {
    LineReader reader(path);
    std::vector<IdLine> ids;
    std::optional<std::size_t> column;
    std::size_t columns = 1;
    while (reader.next()) {
        if (isBlank(reader.line()))
            continue;
        const std::vector<std::string_view> fields = splitTabs(reader.line());
        const DataLocation where(path, reader.lineNumber());
        if (ids.empty() && !column && fields.size() > 1) {
            for (std::size_t c = 0; c < fields.size(); ++c)
                if (fields[c] == idColumnName(side) || fields[c] == "id")
                    column = c;
            if (!column)
                throw DataError(where, "the header has no " + idColumnName(side) +
                                           " or id column to say whose each vector is");
            columns = fields.size();
            continue;
        }
        if (ids.empty() && !column && (fields[0] == idColumnName(side) || fields[0] == "id")) {
            column = 0; // a one-column file with a header, which the Projector does not write
            continue;
        }
        if (fields.size() != columns)
            throw DataError(where, "has " + std::to_string(fields.size()) + " columns where " +
                                       std::to_string(columns) + " belong");
        ids.push_back({idFrom(fields[column.value_or(0)], where), reader.lineNumber()});
    }
    return ids;
}

void readProjectorTsv(const std::string& source, FactorSide side, TableBuilder& builder) {
    const fs::path base =
        fs::is_directory(source) ? fs::path(source) : fs::path(source).parent_path();
    const std::string vectorsPath = fs::is_directory(source) || lowerName(source) == "metadata.tsv"
                                        ? (base / "vectors.tsv").string()
                                        : source;
    const std::string metadataPath = (base / "metadata.tsv").string();
    if (!fs::exists(metadataPath))
        throw DataError({metadataPath}, "the Projector's metadata.tsv is missing: without it "
                                        "the vectors have no ids");
    const std::vector<IdLine> ids = readProjectorIds(metadataPath, side);
    const std::uint32_t idFile = builder.addFile(metadataPath);
    builder.addFile(vectorsPath);
    LineReader reader(vectorsPath);
    std::size_t row = 0;
    std::vector<float> features;
    while (reader.next()) {
        if (isBlank(reader.line()))
            continue;
        const DataLocation where(vectorsPath, reader.lineNumber());
        if (row == ids.size())
            throw DataError(where, "more vectors than metadata.tsv has ids (" +
                                       std::to_string(ids.size()) + ")");
        features.clear();
        for (std::string_view field : splitTabs(reader.line()))
            features.push_back(featureFrom(field, features.size() + 1, where));
        builder.add(ids[row].id, features, DataLocation(metadataPath, ids[row].line), where,
                    idFile);
        ++row;
    }
    if (row < ids.size())
        throw DataError({vectorsPath}, "has fewer vectors (" + std::to_string(row) + ") than " +
                                           metadataPath + " has ids (" +
                                           std::to_string(ids.size()) + ")");
}

/// "e7": the name `export --format csv` gives feature 7. Built without operator+ on a literal,
/// which GCC 12 misreads as an overlapping copy (-Wrestrict).
std::string exportColumnName(std::size_t feature) {
    std::string name = std::to_string(feature);
    name.insert(name.begin(), 'e');
    return name;
}

/// CSV with an id column (user_id, book_id or id) and features in e0, e1, ... (as `export
/// --format csv` writes, other columns ignored) or, without an e0 column, in every other column.
void readCsv(const std::string& source, FactorSide side, TableBuilder& builder) {
    const std::uint32_t file = builder.addFile(source);
    CsvReader reader(source);
    const CsvHeader header = CsvHeader::read(reader, idColumnName(side) + ",e0,e1,...");
    const std::size_t idColumn = header.find(idColumnName(side)).has_value()
                                     ? *header.find(idColumnName(side))
                                     : header.require("id");
    std::vector<std::size_t> featureColumns;
    if (header.find("e0")) {
        while (const auto column = header.find(exportColumnName(featureColumns.size())))
            featureColumns.push_back(*column);
    } else {
        for (std::size_t c = 0; c < header.size(); ++c)
            if (c != idColumn)
                featureColumns.push_back(c);
    }
    std::vector<float> features;
    forEachRecord(reader, [&] {
        header.checkFieldCount(reader);
        const DataLocation where(source, reader.line());
        const std::int32_t id = readPositiveId(reader, idColumn, header.name(idColumn));
        features.clear();
        for (std::size_t column : featureColumns)
            features.push_back(
                featureFrom(reader.field(column), features.size() + 1,
                            DataLocation(source, reader.line(), column + 1, header.name(column))));
        builder.add(id, features, where, where, file);
    });
}

} // namespace

const char* factorFormatName(FactorFormat format) {
    switch (format) {
    case FactorFormat::Detect:
        return "detect";
    case FactorFormat::SparkJson:
        return "spark-json";
    case FactorFormat::ProjectorTsv:
        return "tsv";
    case FactorFormat::Csv:
        return "csv";
    }
    return "detect";
}

std::optional<FactorFormat> factorFormatFromName(std::string_view name) {
    for (FactorFormat format : {FactorFormat::Detect, FactorFormat::SparkJson,
                                FactorFormat::ProjectorTsv, FactorFormat::Csv})
        if (name == factorFormatName(format))
            return format;
    return std::nullopt;
}

FactorFormat detectFactorFormat(const std::string& source) {
    std::error_code ec;
    const fs::file_status status = fs::status(source, ec);
    if (!fs::exists(status))
        throw DataError({source}, "no such file or folder");
    if (fs::is_directory(status))
        return fs::exists(fs::path(source) / "vectors.tsv") ? FactorFormat::ProjectorTsv
                                                            : FactorFormat::SparkJson;
    const std::string name = lowerName(source);
    if (endsWith(name, ".json") || endsWith(name, ".jsonl"))
        return FactorFormat::SparkJson;
    if (endsWith(name, ".tsv"))
        return FactorFormat::ProjectorTsv;
    if (endsWith(name, ".csv"))
        return FactorFormat::Csv;
    LineReader reader(source);
    while (reader.next()) {
        const std::string_view line = reader.line();
        const std::size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string_view::npos)
            continue;
        if (line[start] == '{')
            return FactorFormat::SparkJson;
        return line.find('\t') != std::string_view::npos ? FactorFormat::ProjectorTsv
                                                         : FactorFormat::Csv;
    }
    throw DataError({source}, "the file is empty: it holds no factors");
}

FactorTable readFactorTable(const std::string& source, FactorFormat format, FactorSide side,
                            const std::atomic<bool>& cancel) {
    FactorTable table;
    table.format = format == FactorFormat::Detect ? detectFactorFormat(source) : format;
    if (!fs::exists(source))
        throw DataError({source}, "no such file or folder");
    TableBuilder builder(table, cancel);
    switch (table.format) {
    case FactorFormat::SparkJson:
        readSparkJson(source, builder);
        break;
    case FactorFormat::ProjectorTsv:
        readProjectorTsv(source, side, builder);
        break;
    case FactorFormat::Csv:
    case FactorFormat::Detect:
        readCsv(source, side, builder);
        break;
    }
    if (table.size() == 0)
        throw DataError({source}, "holds no factors");
    return table;
}

} // namespace shelfscope
