#include "CommandLine.h"
#include "Commands.h"
#include "ModelContext.h"
#include "io/AtomicFileWriter.h"
#include "io/DatasetWriter.h"
#include "io/JsonWriter.h"
#include "maps/Pca.h"
#include "maps/Tsne.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace shelfscope::cli {

namespace {

/// The model's book rows that belong to a book (raw-id tables have empty rows).
Matrix bookRows(const Model& model, const std::vector<std::int32_t>& ids,
                std::vector<std::int32_t>& rowIds) {
    std::vector<Eigen::Index> rows;
    for (std::size_t r = 0; r < ids.size(); ++r)
        if (ids[r] != 0) {
            rows.push_back(static_cast<Eigen::Index>(r));
            rowIds.push_back(ids[r]);
        }
    Matrix books(static_cast<Eigen::Index>(rows.size()), model.bookEmbeddings().cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        books.row(static_cast<Eigen::Index>(i)) = model.bookEmbeddings().row(rows[i]);
    return books;
}

} // namespace

int runMap(const std::vector<std::string>& arguments) {
    const CommandLine options(arguments, {{"model", "data", "method", "perplexity", "iterations",
                                           "seed", "threads", "out", "init", "components"},
                                          {"normalize", "json"}});
    const std::string method = options.text("method", "pca");
    if (method != "pca" && method != "tsne")
        throw UsageError("--method is pca or tsne, got '" + method + "'");
    const std::string out = options.text("out");
    const int components = static_cast<int>(options.integer("components", 2, 2, 3));
    if (components == 3 && method != "pca")
        throw UsageError("--components 3 is for --method pca; t-SNE maps to two dimensions");
    TsneConfig tsne;
    tsne.perplexity = options.number("perplexity", tsne.perplexity, 2.0, 1000.0);
    tsne.iterations = static_cast<int>(options.integer("iterations", tsne.iterations, 1, 100000));
    tsne.seed = options.seed("seed", tsne.seed);
    const std::string init = options.text("init", "pca");
    if (init != "pca" && init != "random")
        throw UsageError("--init is pca or random, got '" + init + "'");
    tsne.pcaStart = init == "pca";
    tsne.threads = static_cast<int>(options.integer("threads", 2, 1, 256));
    tsne.normalizeRows = options.has("normalize");
    const ModelContext context = openModel(options);
    std::vector<std::int32_t> ids;
    const Matrix books = bookRows(*context.saved.model, context.saved.metadata.bookRawIds, ids);

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
    const Matrix& source = tsne.normalizeRows ? normalizedRows(books) : books;
    const double kept = neighborhoodPreservation(source, layout, 10, tsne.threads);
    json.field("knn10_kept", kept);

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
    else
        std::printf("10-NN kept on the map: %.3f\nWrote %zu books to %s\n", kept, ids.size(),
                    out.c_str());
    return ExitSuccess;
}

} // namespace shelfscope::cli
