#include "model/FactorImport.h"

#include "data/Fingerprint.h"
#include "model/DotModel.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace shelfscope {

namespace {

std::string absolutePath(const std::string& path) {
    std::error_code ec;
    return std::filesystem::absolute(path, ec).lexically_normal().string();
}

/// The model row of each table row (-1: dropped) and the raw id of each model row.
struct RowLayout {
    std::vector<std::int32_t> rowOfEntry;
    std::vector<std::int32_t> rawIds;
};

/// Rows in the order read: a model bound to no data set.
RowLayout unboundLayout(const FactorTable& table) {
    RowLayout layout;
    layout.rawIds = table.ids;
    layout.rowOfEntry.resize(table.size());
    for (std::size_t i = 0; i < table.size(); ++i)
        layout.rowOfEntry[i] = static_cast<std::int32_t>(i);
    return layout;
}

/// Rows in the data set's order (its dense index), as a model trained on it has them.
RowLayout boundLayout(const FactorTable& table, const IdIndex& index, const char* whose,
                      const Dataset& dataset, UnknownFactorIds unknown, FactorSideSummary& side) {
    RowLayout layout;
    layout.rawIds.assign(static_cast<std::size_t>(index.size()), 0);
    layout.rowOfEntry.resize(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const std::optional<std::int32_t> row = index.indexOf(table.ids[i]);
        if (!row) {
            if (unknown == UnknownFactorIds::Refuse)
                throw DataError(table.where(i),
                                std::string(whose) + " id " + std::to_string(table.ids[i]) +
                                    " is not in the data set '" + dataset.name +
                                    "': the factors come from other ratings (importing can "
                                    "drop such ids instead, when they are a superset)");
            layout.rowOfEntry[i] = -1;
            ++side.dropped;
            continue;
        }
        layout.rowOfEntry[i] = *row;
        layout.rawIds[static_cast<std::size_t>(*row)] = table.ids[i];
    }
    side.missing = std::count(layout.rawIds.begin(), layout.rawIds.end(), 0);
    return layout;
}

void copyRows(const FactorTable& table, const RowLayout& layout, Matrix& target) {
    target.setZero();
    for (std::size_t i = 0; i < table.size(); ++i) {
        const std::int32_t row = layout.rowOfEntry[i];
        if (row >= 0)
            std::copy_n(table.values.data() + i * static_cast<std::size_t>(table.dim), table.dim,
                        target.row(row).data());
    }
}

FactorSideSummary summaryOf(const FactorTable& table) {
    FactorSideSummary side;
    side.format = table.format;
    side.files = table.files;
    side.read = static_cast<std::int64_t>(table.size());
    return side;
}

} // namespace

FactorImportResult importFactors(const FactorImportConfig& config, const ProgressCallback& progress,
                                 const std::atomic<bool>& cancel) {
    const auto report = [&](const char* stage, double fraction) {
        if (progress)
            progress({stage, fraction});
    };
    report("reading the user factors", 0.0);
    const FactorTable users =
        readFactorTable(config.userFactors, config.format, FactorSide::Users, cancel);
    report("reading the book factors", 0.45);
    const FactorTable books =
        readFactorTable(config.bookFactors, config.format, FactorSide::Books, cancel);
    if (books.dim != users.dim)
        throw DataError(books.where(0),
                        "has " + std::to_string(books.dim) + " features where the user factors (" +
                            users.files.front() + ") have " + std::to_string(users.dim));
    report("building the model", 0.9);

    FactorImportResult result;
    result.users = summaryOf(users);
    result.books = summaryOf(books);
    ModelMetadata& m = result.saved.metadata;
    m.config.kind = ModelKind::Dot;
    m.config.dim = users.dim;
    m.config.biases = false;
    try {
        validateModelConfig(m.config);
    } catch (const std::invalid_argument& error) {
        throw DataError({config.userFactors},
                        std::string("the factors cannot make a model: ") + error.what());
    }
    RowLayout userRows;
    RowLayout bookRows;
    if (config.dataset != nullptr) {
        const Dataset& dataset = *config.dataset;
        userRows = boundLayout(users, dataset.ratings.users, "user", dataset, config.unknownIds,
                               result.users);
        bookRows = boundLayout(books, dataset.ratings.books, "book", dataset, config.unknownIds,
                               result.books);
        m.datasetFingerprint = datasetFingerprint(dataset);
        m.datasetName = dataset.name;
        m.datasetFolder = dataset.folder.empty() ? std::string{} : absolutePath(dataset.folder);
    } else {
        userRows = unboundLayout(users);
        bookRows = unboundLayout(books);
        m.datasetName = "none (imported without a data set)";
    }
    if (cancel.load())
        throw OperationCancelled();
    m.indexing = RowIndexing::Dense;
    m.userRawIds = std::move(userRows.rawIds);
    m.bookRawIds = std::move(bookRows.rawIds);
    m.preset = "imported";
    m.notes["outcome"] = "imported";
    m.notes["objective"] = config.ranking ? "ranking" : "ratings";
    m.notes["import_format"] = factorFormatName(users.format);
    m.notes["user_factors"] = absolutePath(config.userFactors);
    m.notes["book_factors"] = absolutePath(config.bookFactors);

    auto model =
        std::make_unique<DotModel>(m.config, static_cast<std::int32_t>(m.userRawIds.size()),
                                   static_cast<std::int32_t>(m.bookRawIds.size()), 0);
    copyRows(users, userRows, model->parameters()[0].values);
    copyRows(books, bookRows, model->parameters()[1].values);
    result.saved.model = std::move(model);
    report("done", 1.0);
    return result;
}

} // namespace shelfscope
