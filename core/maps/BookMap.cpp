#include "maps/BookMap.h"

#include "io/DataError.h"
#include "maps/Pca.h"
#include "util/FloatEnvironment.h"

#include <chrono>

namespace shelfscope {

const char* mapMethodName(MapMethod method) {
    switch (method) {
    case MapMethod::Pca:
        return "pca";
    case MapMethod::Tsne:
        return "tsne";
    case MapMethod::Umap:
        return "umap";
    }
    return "";
}

std::vector<std::int32_t> genreLabels(const BookCatalog& catalogue,
                                      const std::vector<std::int32_t>& bookIds) {
    std::vector<std::string> names(bookIds.size());
    for (std::size_t i = 0; i < bookIds.size(); ++i)
        if (const Book* book = catalogue.find(bookIds[i]))
            names[i] = book->genre;
    return labelsFromNames(names);
}

namespace {

std::vector<float> flatten(const Matrix& layout) {
    std::vector<float> xy(static_cast<std::size_t>(layout.rows()) * 2);
    for (Eigen::Index i = 0; i < layout.rows(); ++i) {
        xy[2 * static_cast<std::size_t>(i)] = layout(i, 0);
        xy[2 * static_cast<std::size_t>(i) + 1] = layout(i, 1);
    }
    return xy;
}

} // namespace

BookMapResult computeBookMap(const BookEmbeddings& books, const BookCatalog& catalogue,
                             const BookMapConfig& config, const BookMapProgress& progress,
                             const std::atomic<bool>& cancel) {
    const FlushDenormalsScope flushDenormals; // see util/FloatEnvironment.h
    const auto start = std::chrono::steady_clock::now();
    const Matrix source = config.normalizeRows ? normalizedRows(books.rows) : books.rows;
    BookMapResult result;
    result.method = config.method;
    Matrix layout;
    switch (config.method) {
    case MapMethod::Pca: {
        const PcaResult pca = principalComponents(source, {2, false});
        layout = pca.coordinates;
        result.explained = pca.explainedVarianceRatio;
        break;
    }
    case MapMethod::Tsne: {
        TsneConfig tsne = config.tsne;
        tsne.normalizeRows = false; // done above, once for the map and its quality
        tsne.initialLayout = config.initialLayout;
        const TsneResult done = runTsne(
            source, tsne,
            [&progress](const TsneSnapshot& s) {
                if (progress)
                    progress({s.iteration, s.iterations, s.kl, s.xy});
            },
            cancel);
        layout = done.layout;
        result.kl = done.kl;
        break;
    }
    case MapMethod::Umap: {
        UmapConfig umap = config.umap;
        umap.normalizeRows = false;
        umap.initialLayout = config.initialLayout;
        const UmapResult done = runUmap(
            source, umap,
            [&progress](const UmapSnapshot& s) {
                if (progress)
                    progress({s.epoch, s.epochs, -1.0, s.xy});
            },
            cancel);
        layout = done.layout;
        break;
    }
    }
    if (cancel.load())
        throw OperationCancelled();
    const int k =
        qualityNeighbourCount(static_cast<std::size_t>(layout.rows()), config.qualityNeighbours);
    result.neighbours = k;
    if (k >= 1) {
        result.kept = neighborhoodPreservation(source, layout, k, 2);
        const std::vector<std::int32_t> labels = genreLabels(catalogue, books.bookIds);
        if (std::any_of(labels.begin(), labels.end(), [](std::int32_t l) { return l >= 0; }))
            result.genres = genreAgreement(layout, labels, k, 2);
    }
    result.xy = flatten(layout);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace shelfscope
