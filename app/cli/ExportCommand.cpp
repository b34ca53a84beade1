#include "CommandLine.h"
#include "Commands.h"
#include "ModelContext.h"
#include "maps/BookEmbeddings.h"
#include "model/EmbeddingExport.h"

#include <iostream>

namespace shelfscope::cli {

int runExport(const CommandLine& options) {
    // --format and --table were checked against their choices when they were read.
    const std::string format = options.text("format", "projector");
    const std::string table = options.text("table", "books");
    const std::string out = options.text("out");
    const ModelContext context = openModel(options);
    const Model& model = *context.saved.model;
    if (!model.hasEmbeddings())
        throw UsageError(noEmbeddingsMessage(model));
    const auto& ids = context.saved.metadata.bookRawIds;
    if (table == "users") {
        if (format == "projector")
            exportUserProjector(model, context.saved.metadata.userRawIds, out);
        else
            exportUserEmbeddingsCsv(model, context.saved.metadata.userRawIds, out);
        std::cout << "Wrote the user embeddings to " << out << '\n';
    } else if (format == "projector") {
        exportProjector(model, ids, context.data.dataset.books, out);
        std::cout << "Wrote " << out << "/vectors.tsv and " << out
                  << "/metadata.tsv: load both at projector.tensorflow.org\n";
    } else {
        exportEmbeddingsCsv(model, ids, context.data.dataset.books, out);
        std::cout << "Wrote " << out << '\n';
    }
    return ExitSuccess;
}

} // namespace shelfscope::cli
