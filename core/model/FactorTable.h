#pragma once

#include "io/DataError.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shelfscope {

/// The files factors come in: Spark's JSON lines (a file or the folder of part files Spark
/// writes), the Embedding Projector's vectors.tsv + metadata.tsv, or CSV with an id column.
enum class FactorFormat { Detect, SparkJson, ProjectorTsv, Csv };

/// Whose factors a table holds: it decides the id column's name (user_id or book_id; id always).
enum class FactorSide { Users, Books };

/// Factors read from files: one row per id, in the order read.
struct FactorTable {
    FactorFormat format = FactorFormat::Detect;
    std::vector<std::string> files; ///< every file read, in order
    std::vector<std::int32_t> ids;
    std::vector<float> values; ///< ids.size() x dim, row-major
    int dim = 0;
    std::vector<std::uint32_t> fileOfRow; ///< index into files, per row
    std::vector<std::size_t> lineOfRow;   ///< where the row's id was read, per row

    std::size_t size() const { return ids.size(); }
    DataLocation where(std::size_t row) const { return {files[fileOfRow[row]], lineOfRow[row]}; }
};

/// "spark-json", "tsv", "csv" (and "detect").
const char* factorFormatName(FactorFormat format);
/// The format a name on the command line means; nullopt for an unknown name.
std::optional<FactorFormat> factorFormatFromName(std::string_view name);

/// The format of a source, from what it is: a folder holding vectors.tsv is Projector TSV, any
/// other folder Spark's part files; a file by its extension (.json/.jsonl, .tsv, .csv, each
/// optionally .gz), else by its first line ('{' JSON, a tab TSV, else CSV). Throws DataError
/// when the source does not exist.
FactorFormat detectFactorFormat(const std::string& source);

/// Reads every row of factors from a source, strictly: bad JSON, a wrong feature count, a
/// repeated id, a number that is not a finite float, an id out of 1..2147483647 or a source
/// with no rows is a DataError naming the file, the line and the problem. A Spark folder's files
/// are read in name order, leaving out names starting with '.' or '_' (_SUCCESS, .crc files).
/// Throws OperationCancelled when `cancel` is set.
FactorTable readFactorTable(const std::string& source, FactorFormat format, FactorSide side,
                            const std::atomic<bool>& cancel);

} // namespace shelfscope
