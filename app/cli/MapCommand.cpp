#include "CommandLine.h"
#include "Commands.h"
#include "ModelContext.h"
#include "io/AtomicFileWriter.h"
#include "io/DatasetWriter.h"
#include "io/JsonWriter.h"
#include "maps/BookEmbeddings.h"
#include "maps/BookMap.h"
#include "maps/MapQuality.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"
#include "maps/Umap.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace shelfscope::cli {

int runMap(const CommandLine& options) {
    // Every default is the option table's, as `map --help` prints it.
    const std::string method =
        options.text("method", option(CliCommand::Map, "method").defaultText);
    const std::string out = options.text("out");
    const int components = static_cast<int>(options.integer("components"));
    if (components == 3 && method != "pca")
        throw UsageError("--components 3 is for --method pca; " + method +
                         " maps to two dimensions");
    TsneConfig tsne;
    tsne.perplexity = options.number("perplexity");
    tsne.iterations = static_cast<int>(options.integer("iterations"));
    tsne.seed = options.seed("seed");
    tsne.threads = static_cast<int>(options.integer("threads"));
    tsne.normalizeRows = options.has("normalize");
    UmapConfig umap;
    umap.neighbors = static_cast<int>(options.integer("neighbors"));
    umap.minDist = options.number("min-dist");
    umap.epochs = static_cast<int>(options.integer("epochs"));
    umap.seed = tsne.seed;
    umap.threads = tsne.threads;
    umap.normalizeRows = tsne.normalizeRows;
    const std::string init = options.text("init", method == "umap" ? "spectral" : "pca");
    if (method == "umap" && init != "spectral" && init != "pca")
        throw UsageError("--init is spectral or pca for UMAP, got '" + init + "'");
    if (method != "umap" && init != "pca" && init != "random")
        throw UsageError("--init is pca or random, got '" + init + "'");
    tsne.pcaStart = init == "pca";
    umap.init = init == "pca" ? UmapInit::Pca : UmapInit::Spectral;
    const ModelContext context = openModel(options);
    if (!context.saved.model->hasEmbeddings()) // EASE, item-kNN: docs/MAPS.md
        throw UsageError(noEmbeddingsMessage(*context.saved.model));
    const BookEmbeddings embeddings =
        bookEmbeddingsOf(*context.saved.model, context.saved.metadata.bookRawIds);
    const std::vector<std::int32_t>& ids = embeddings.bookIds;
    const Matrix& books = embeddings.rows;

    Matrix layout;
    JsonWriter json;
    json.beginObject()
        .field("method", method)
        .field("books", static_cast<std::int64_t>(ids.size()));
    if (method == "pca") {
        const PcaResult pca = principalComponents(books, {components, tsne.normalizeRows});
        layout = pca.coordinates;
        json.key("explained_variance_ratio").beginArray();
        for (double ratio : pca.explainedVarianceRatio)
            json.value(ratio);
        json.endArray();
        if (!options.has("json")) {
            std::printf("PCA: the components explain");
            for (double ratio : pca.explainedVarianceRatio)
                std::printf(" %.1f%%", 100 * ratio);
            std::printf(" of the variance\n");
        }
    } else if (method == "umap") {
        const bool terminal = !options.has("json") && isatty(STDERR_FILENO);
        UmapResult result;
        try {
            result = runUmap(books, umap, [&](const UmapSnapshot& s) {
                if (terminal && s.epoch % 50 == 0)
                    std::fprintf(stderr, "\rUMAP epoch %d of %d ", s.epoch, s.epochs);
            });
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what()); // settings that cannot work with this many books
        }
        if (terminal)
            std::fprintf(stderr, "\n");
        layout = result.layout;
        json.field("epochs", result.epochs)
            .field("neighbors", umap.neighbors)
            .field("min_dist", umap.minDist)
            .field("start", result.start)
            .field("seconds", result.seconds);
        if (!options.has("json"))
            std::printf("UMAP: %d epochs in %.2f s (neighbour graph %.2f s), %s start\n",
                        result.epochs, result.seconds, result.graphSeconds, result.start.c_str());
    } else {
        const bool terminal = !options.has("json") && isatty(STDERR_FILENO);
        TsneResult result;
        try {
            result = runTsne(books, tsne, [&](const TsneSnapshot& s) {
                if (terminal && s.iteration % 50 == 0)
                    std::fprintf(stderr, "\rt-SNE iteration %d of %d, KL %.4f ", s.iteration,
                                 s.iterations, s.kl);
            });
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what()); // settings that cannot work with this many books
        }
        if (terminal)
            std::fprintf(stderr, "\n");
        layout = result.layout;
        json.field("kl_divergence", result.kl)
            .field("iterations", result.iterations)
            .field("perplexity", tsne.perplexity)
            .field("seconds", result.seconds);
        if (!options.has("json"))
            std::printf("t-SNE: %d iterations in %.2f s, KL divergence %.4f\n", result.iterations,
                        result.seconds, result.kl);
    }
    // The measures compare each book's 10 nearest neighbours, or half the others in a model of
    // 10 books or fewer (a model trained on a small library still gets its map).
    const int wanted = BookMapConfig{}.qualityNeighbours;
    const int k = qualityNeighbourCount(ids.size(), wanted);
    const Matrix& source = tsne.normalizeRows ? normalizedRows(books) : books;
    const double kept = k >= 1 ? neighborhoodPreservation(source, layout, k, tsne.threads) : 0.0;
    json.field("quality_neighbors", k).key("knn10_kept");
    k >= 1 ? json.value(kept) : json.null();
    std::vector<std::int32_t> genres = genreLabels(context.data.dataset.books, ids);
    if (k < 1 || std::none_of(genres.begin(), genres.end(), [](std::int32_t g) { return g >= 0; }))
        genres.clear(); // no book has a genre
    std::optional<GenreAgreement> agreement;
    if (!genres.empty()) {
        agreement = genreAgreement(layout, genres, k, tsne.threads);
        json.field("genre_agreement", agreement->agreement)
            .field("genre_agreement_chance", agreement->chance)
            .field("books_with_genre", static_cast<std::int64_t>(agreement->labelled));
    }

    AtomicFileWriter file(out);
    file.write(components == 3 ? "book_id,title,x,y,z\n" : "book_id,title,x,y\n");
    char number[64];
    for (std::size_t i = 0; i < ids.size(); ++i) {
        std::string line = std::to_string(ids[i]);
        line += ',';
        line += csvField(context.data.dataset.books.displayTitle(ids[i]));
        for (Eigen::Index c = 0; c < layout.cols(); ++c) {
            std::snprintf(number, sizeof number, ",%.6g",
                          static_cast<double>(layout(static_cast<Eigen::Index>(i), c)));
            line += number;
        }
        line += '\n';
        file.write(line);
    }
    file.commit();
    json.field("out", out).endObject();
    if (options.has("json"))
        std::cout << json.text() << std::endl;
    else {
        if (k == 0)
            std::printf("The model has %zu books, too few to measure what the map keeps\n",
                        ids.size());
        else if (k < wanted) // a map that ignored the embeddings keeps k of the N - 1 others
            std::printf("The model has %zu books, too few for %d neighbours each: the measures "
                        "compare each book's %d nearest, half the others (a map that ignored "
                        "the embeddings would keep %.3f of them)\n",
                        ids.size(), wanted, k,
                        static_cast<double>(k) / static_cast<double>(ids.size() - 1));
        if (k >= 1)
            std::printf("%d-NN kept on the map: %.3f\n", k, kept);
        if (agreement)
            std::printf("Genre agreement (share of %d map neighbours of the same genre): %.3f, "
                        "chance %.3f (%zu books with a genre)\n",
                        k, agreement->agreement, agreement->chance, agreement->labelled);
        std::printf("Wrote %zu books to %s\n", ids.size(), out.c_str());
    }
    return ExitSuccess;
}

} // namespace shelfscope::cli
