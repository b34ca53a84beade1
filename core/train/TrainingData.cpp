#include "train/TrainingData.h"

#include "util/Random.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace shelfscope {

namespace {

std::int32_t modelRow(const IdIndex& index, std::int32_t denseIndex, RowIndexing indexing) {
    return indexing == RowIndexing::Dense ? denseIndex : index.rawId(denseIndex);
}

void appendRow(RatingRows& out, const RatingTable& table, std::int32_t row, RowIndexing indexing) {
    const auto r = static_cast<std::size_t>(row);
    out.users.push_back(modelRow(table.users, table.userIndex[r], indexing));
    out.books.push_back(modelRow(table.books, table.bookIndex[r], indexing));
    out.ratings.push_back(table.rating[r]);
}

void reserveRows(RatingRows& rows, std::size_t count) {
    rows.users.reserve(count);
    rows.books.reserve(count);
    rows.ratings.reserve(count);
}

/// Keeps, for each (user, book) pair, only its last row (highest row number); the kept rows in
/// ascending order. Groups the rows by user (a counting sort) and sorts each user's few rows by
/// book: a set of the pairs would take about 40 bytes a row in small blocks the allocator keeps
/// after they are freed (800 MB at 25M ratings).
std::vector<std::int32_t> lastOccurrences(const RatingTable& table,
                                          const std::vector<std::int32_t>& rows,
                                          std::int64_t& dropped) {
    const auto users = static_cast<std::size_t>(table.userCount());
    std::vector<std::int32_t> start(users + 1, 0);
    for (const std::int32_t r : rows)
        ++start[static_cast<std::size_t>(table.userIndex[static_cast<std::size_t>(r)]) + 1];
    for (std::size_t u = 0; u < users; ++u)
        start[u + 1] += start[u];
    std::vector<std::int32_t> grouped(rows.size());
    {
        std::vector<std::int32_t> next(start.begin(), start.end() - 1);
        for (const std::int32_t r : rows)
            grouped[static_cast<std::size_t>(
                next[static_cast<std::size_t>(table.userIndex[static_cast<std::size_t>(r)])]++)] =
                r;
    }
    std::vector<std::uint8_t> keep(table.size(), 0);
    const auto byBookThenRow = [&table](std::int32_t a, std::int32_t b) {
        const std::int32_t bookA = table.bookIndex[static_cast<std::size_t>(a)];
        const std::int32_t bookB = table.bookIndex[static_cast<std::size_t>(b)];
        return bookA != bookB ? bookA < bookB : a < b;
    };
    for (std::size_t u = 0; u < users; ++u) {
        const auto first = grouped.begin() + start[u];
        const auto last = grouped.begin() + start[u + 1];
        std::sort(first, last, byBookThenRow);
        for (auto it = first; it != last; ++it)
            if (it + 1 == last || table.bookIndex[static_cast<std::size_t>(*(it + 1))] !=
                                      table.bookIndex[static_cast<std::size_t>(*it)])
                keep[static_cast<std::size_t>(*it)] = 1;
    }
    std::vector<std::int32_t> kept;
    kept.reserve(static_cast<std::size_t>(std::count(keep.begin(), keep.end(), 1)));
    for (std::size_t r = 0; r < keep.size(); ++r)
        if (keep[r] != 0)
            kept.push_back(static_cast<std::int32_t>(r));
    dropped = static_cast<std::int64_t>(rows.size() - kept.size());
    return kept;
}

/// Rows of a table: one per id known, or the largest id + 1 under RawIds (64-bit: the largest
/// accepted id is 2^31 - 1, one less than the rows its table would need).
std::int64_t tableRows(const IdIndex& index, RowIndexing indexing) {
    return indexing == RowIndexing::Dense ? index.size() : std::int64_t{index.maxRawId()} + 1;
}

void checkRawIdTable(const IdIndex& index, const char* idName, const char* things) {
    const std::int64_t rows = tableRows(index, RowIndexing::RawIds);
    if (rows <= kMaxRawIdRows)
        return;
    throw std::invalid_argument(
        std::string("embedding rows by raw id (the notebook presets) need a table row for every ") +
        idName + " up to the largest, " + std::to_string(index.maxRawId()) + ": " +
        std::to_string(rows) + " rows for " + std::to_string(index.size()) + " " + things +
        ", over the limit of " + std::to_string(kMaxRawIdRows) +
        "; use one row per rated reader and book (the tuned and ranking presets)");
}

} // namespace

void checkRowIndexing(const RatingTable& table, RowIndexing indexing) {
    if (indexing != RowIndexing::RawIds)
        return;
    checkRawIdTable(table.users, "user_id", "readers");
    checkRawIdTable(table.books, "book_id", "books");
}

std::vector<std::int32_t> rowRawIds(const IdIndex& index, RowIndexing indexing) {
    if (indexing == RowIndexing::Dense)
        return index.rawIds();
    checkRawIdTable(index, "id", "ids"); // the caller may not have called checkRowIndexing
    std::vector<std::int32_t> ids(static_cast<std::size_t>(tableRows(index, indexing)), 0);
    for (std::int32_t id : index.rawIds())
        ids[static_cast<std::size_t>(id)] = id;
    return ids;
}

TrainingData prepareTrainingData(const RatingTable& table, const RowSplit& split,
                                 const TrainingDataConfig& config) {
    checkRowIndexing(table, config.indexing);
    TrainingData data;
    data.indexing = config.indexing;
    data.userRows = static_cast<std::int32_t>(tableRows(table.users, config.indexing));
    data.bookRows = static_cast<std::int32_t>(tableRows(table.books, config.indexing));

    // The split's rows are read in place unless duplicates go (a copy is 80 MB at 25M ratings).
    std::vector<std::int32_t> keptRows;
    if (config.dropDuplicateTrainPairs)
        keptRows = lastOccurrences(table, split.trainRows, data.duplicateTrainRowsDropped);
    const std::vector<std::int32_t>& trainRows =
        config.dropDuplicateTrainPairs ? keptRows : split.trainRows;
    std::vector<std::uint8_t> isValidation(trainRows.size(), 0);
    std::size_t validationRows = 0;
    if (config.validationFraction > 0.0) {
        checkTestFraction(config.validationFraction);
        const RowSplit holdout =
            randomHoldout(trainRows.size(), {config.validationFraction, config.validationSeed});
        for (std::int32_t position : holdout.testRows)
            isValidation[static_cast<std::size_t>(position)] = 1;
        validationRows = holdout.testRows.size();
    }
    // Sized exactly: grown by doubling, the columns would hold up to twice the rows they keep.
    reserveRows(data.train, trainRows.size() - validationRows);
    reserveRows(data.validation, validationRows);
    for (std::size_t i = 0; i < trainRows.size(); ++i)
        appendRow(isValidation[i] != 0 ? data.validation : data.train, table, trainRows[i],
                  config.indexing);
    data.test = prepareTestRows(table, split.testRows, config.indexing);
    return data;
}

RatingRows prepareTestRows(const RatingTable& table, const std::vector<std::int32_t>& testRows,
                           RowIndexing indexing) {
    checkRowIndexing(table, indexing);
    RatingRows test;
    reserveRows(test, testRows.size());
    for (std::int32_t row : testRows)
        appendRow(test, table, row, indexing);
    return test;
}

std::unordered_map<std::int32_t, std::int32_t> rowsByRawId(const std::vector<std::int32_t>& ids) {
    std::unordered_map<std::int32_t, std::int32_t> rows;
    for (std::size_t row = 0; row < ids.size(); ++row)
        if (ids[row] != 0)
            rows.emplace(ids[row], static_cast<std::int32_t>(row));
    return rows;
}

} // namespace shelfscope
