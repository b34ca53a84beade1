#include "data/Fingerprint.h"

#include <cstdio>

namespace shelfscope {

namespace {

class Fnv1a {
public:
    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            hash_ ^= bytes[i];
            hash_ *= 0x100000001b3ULL;
        }
    }
    void add(std::int32_t value) { add(&value, sizeof value); }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

} // namespace

std::uint64_t datasetFingerprint(const Dataset& dataset) {
    Fnv1a hash;
    hash.add(dataset.ratings.userCount());
    for (std::int32_t id : dataset.ratings.users.rawIds())
        hash.add(id);
    hash.add(dataset.ratings.bookCount());
    for (std::int32_t id : dataset.ratings.books.rawIds())
        hash.add(id);
    for (const Book& book : dataset.books.books()) {
        hash.add(book.id);
        hash.add(book.title.data(), book.title.size());
    }
    return hash.value();
}

std::string fingerprintText(std::uint64_t fingerprint) {
    char text[20];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(fingerprint));
    return text;
}

} // namespace shelfscope
