#include "CommandLine.h"
#include "Commands.h"
#include "Format.h"
#include "io/JsonWriter.h"
#include "model/FactorImport.h"

#include <iostream>

namespace shelfscope::cli {

namespace {

std::string sideText(const char* whose, const FactorSideSummary& side) {
    std::string text =
        groupDigits(side.read) + " " + whose + " from " + std::to_string(side.files.size()) +
        " file" + (side.files.size() == 1 ? "" : "s") + " (" + factorFormatName(side.format) + ")";
    if (side.dropped > 0)
        text += ", " + groupDigits(side.dropped) + " not in the data set dropped";
    if (side.missing > 0)
        text += ", " + groupDigits(side.missing) + " of the data set's without factors";
    return text;
}

void addSide(JsonWriter& json, const char* key, const FactorSideSummary& side) {
    json.key(key)
        .beginObject()
        .field("format", factorFormatName(side.format))
        .field("files", static_cast<std::int64_t>(side.files.size()))
        .field("read", side.read)
        .field("dropped", side.dropped)
        .field("missing", side.missing)
        .endObject();
}

} // namespace

int runImport(const CommandLine& options) {
    FactorImportConfig config;
    config.userFactors = options.text("users");
    config.bookFactors = options.text("books");
    // --format was checked against its choices when it was read; without it: detected.
    config.format = factorFormatFromName(options.text("format", "detect")).value();
    config.unknownIds =
        options.has("drop-unknown") ? UnknownFactorIds::Drop : UnknownFactorIds::Refuse;
    config.ranking = options.has("ranking");
    const std::string out = options.text("out");
    if (options.has("drop-unknown") && !options.has("data"))
        throw UsageError("--drop-unknown needs --data DIR: ids are unknown only to a data set");

    DatasetLoadResult data;
    if (options.has("data")) {
        DatasetLoadConfig load;
        load.folder = options.text("data");
        data = loadDataset(load);
        config.dataset = &data.dataset;
    }
    const FactorImportResult result = importFactors(config);
    saveModel(out, *result.saved.model, result.saved.metadata);

    const ModelMetadata& m = result.saved.metadata;
    if (options.has("json")) {
        JsonWriter json;
        json.beginObject().field("out", out).field("dim", m.config.dim);
        addSide(json, "users", result.users);
        addSide(json, "books", result.books);
        json.field("dataset", config.dataset ? m.datasetName : std::string{}).endObject();
        std::cout << json.text() << '\n';
        return ExitSuccess;
    }
    std::cout << "Read " << sideText("users", result.users) << "\n     "
              << sideText("books", result.books) << "\nWrote " << out << ": a dot model of "
              << m.config.dim << " factors without biases, ";
    if (config.dataset)
        std::cout << "bound to '" << m.datasetName << "' (rows for its "
                  << groupDigits(data.dataset.ratings.userCount()) << " readers and "
                  << groupDigits(data.dataset.ratings.bookCount()) << " books)\n";
    else
        std::cout << "bound to no data set: give --data DIR to use it in the app and the "
                     "other commands\n";
    return ExitSuccess;
}

} // namespace shelfscope::cli
