#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace shelfscope::fuzz {

/// What the first byte of a CSV fuzz input asks for: bit 0 gzip-compresses the rest before the
/// loader reads it (so mutations of the text reach the inflating path too), the other bits are
/// the target's own options. The rest of the input is the file's content.
struct CsvInput {
    std::uint8_t flags = 0;
    std::string path; ///< the file the loader is given, named like the real one
};

/// Writes the input to a file in this process's scratch folder (on tmpfs where there is one):
/// the loaders take paths and read them through ByteSource, so this is their real entry point.
/// `fileName` is the plain name ("ratings.csv"); ".gz" is appended when bit 0 is set.
CsvInput writeCsvInput(const std::uint8_t* data, std::size_t size, std::string_view fileName);

/// Writes bytes as they are to the scratch folder under `fileName`; returns the path.
std::string writeFile(std::string_view fileName, const void* data, std::size_t size);

/// gzip-compresses bytes (one gzip member, as gzip(1) writes).
std::string gzip(const std::uint8_t* data, std::size_t size);

/// Stops the run with a report when a promise of the loaders is broken (a DataError that does
/// not name the file, an inconsistent result): libFuzzer counts the abort as a finding.
[[noreturn]] void broken(const std::string& what);

} // namespace shelfscope::fuzz
