#include "config/OptionBuilders.h"
#include "demo/DemoGenerator.h"
#include "eval/Bootstrap.h"
#include "maps/Tsne.h"
#include "maps/Umap.h"
#include "recommend/Recommender.h"
#include "train/RankingEvaluation.h"

namespace shelfscope::options {

namespace {

std::string text(double value) {
    return numberText(value);
}

void addInfo(std::vector<OptionDef>& list) {
    const unsigned info = bits(CliCommand::Info);
    const RatingScale scale;
    list.push_back(flag("keep-duplicates", info,
                        "Keep repeated (reader, book) rows instead of keeping the last."));
    list.push_back(number("scale-min", info, "X", -1e6, 1e6, 2, text(scale.min),
                          "The lowest rating the files may hold."));
    list.push_back(number("scale-max", info, "X", -1e6, 1e6, 2, text(scale.max),
                          "The highest rating the files may hold."));
}

void addGenerate(std::vector<OptionDef>& list) {
    const unsigned generate = bits(CliCommand::Generate);
    const DemoConfig demo;
    list.push_back(valueOption("out", generate, OptionType::Path, "DIR", true,
                               "The folder to write the library to."));
    list.push_back(integer("users", generate, "N", 1, 50'000'000, text(demo.users),
                           "Readers in the library."));
    list.push_back(integer("books", generate, "N", 1, 10'000'000, text(demo.books),
                           "Books in the library (at least --genres)."));
    list.push_back(
        integer("ratings", generate, "N", 1, 1'000'000'000, text(static_cast<double>(demo.ratings)),
                "Ratings in all (at least --users, at most half the books per reader)."));
    list.push_back(integer("genres", generate, "N", 1, demoGenreCount(), text(demo.genres),
                           "Genres planted in the library (the list in docs/DATA.md)."));
    list.push_back(seed("seed", generate, text(static_cast<double>(demo.seed)),
                        "Seed of the library: the same seed gives the same files."));
    list.push_back(number("to-read-per-user", generate, "X", 0, 1000, 2, text(demo.toReadPerUser),
                          "Mean length of a reader's to-read list."));
    list.push_back(number("noise", generate, "X", 0, 10, 2, text(demo.noise),
                          "Standard deviation of the rating noise, in stars."));
}

void addModelCommands(std::vector<OptionDef>& list) {
    list.push_back(valueOption("model", kModelCommands, OptionType::Path, "FILE", true,
                               "The model file (.ssm) to use."));
    list.push_back(valueOption("data", kModelCommands, OptionType::Path, "DIR", false,
                               "The data set folder (default: the folder the model file names)."));
}

void addExport(std::vector<OptionDef>& list) {
    const unsigned exportCommand = bits(CliCommand::Export);
    list.push_back(choice("format", exportCommand, "FORMAT", {"projector", "csv"}, "projector",
                          "Embedding Projector files (vectors and metadata TSV) or one CSV."));
    list.push_back(choice("table", exportCommand, "TABLE", {"books", "users"}, "books",
                          "Whose embeddings: the books' or the users'."));
    list.push_back(valueOption("out", exportCommand, OptionType::Path, "PATH", true,
                               "Where to write: a folder (projector) or a file (csv)."));
}

void addImport(std::vector<OptionDef>& list) {
    const unsigned import = bits(CliCommand::Import);
    const char* source = "Spark's folder of part files, one JSON-lines file, a Projector folder "
                         "(vectors.tsv + metadata.tsv) or a CSV file.";
    list.push_back(valueOption("users", import, OptionType::Path, "PATH", true,
                               std::string("The user factors: ") + source));
    list.push_back(valueOption("books", import, OptionType::Path, "PATH", true,
                               std::string("The book factors: ") + source));
    list.push_back(choice("format", import, "FORMAT", {"spark-json", "tsv", "csv"},
                          "taken from what the paths are",
                          "The factors' format (docs/SPARK.md says how it is detected)."));
    list.push_back(valueOption("data", import, OptionType::Path, "DIR", false,
                               "The data set the factors belong to: the model is bound to it and "
                               "its rows laid out as the data set's (the app and the other "
                               "commands take only a model of the open data set)."));
    list.push_back(flag("drop-unknown", import,
                        "Leave out and count the ids the data set lacks (they are refused "
                        "without it); needs --data."));
    list.push_back(flag("ranking", import,
                        "The factors score preferences, not stars (ALS with implicitPrefs): "
                        "recommendations show scores."));
    list.push_back(valueOption("out", import, OptionType::Path, "FILE", true,
                               "The model file (.ssm) to write."));
}

void addEvaluate(std::vector<OptionDef>& list) {
    const unsigned evaluate = bits(CliCommand::Evaluate);
    const unsigned both = CliCommand::Evaluate | CliCommand::Compare;
    const RankingConfig ranking;
    const RankingDataConfig data;
    const BootstrapConfig bootstrap;
    list.push_back(integer("k", both, "N", 1, 1000, text(ranking.k),
                           "Length of each reader's list (P@k, R@k, NDCG@k, MAP@k)."));
    list.push_back(number("relevant-rating", both, "X", 0, 100, 2, text(data.relevantRating),
                          "Held-out ratings at or above X count as hits (0: all)."));
    list.push_back(integer("max-readers", evaluate, "N", 0, 100'000'000,
                           "0 (all); neural models 5000",
                           "Evaluate a seeded sample of N readers (0: all)."));
    list.push_back(integer("max-readers", bits(CliCommand::Compare), "N", 0, 100'000'000,
                           text(static_cast<double>(kCompareReaders)),
                           "Evaluate the same seeded sample of N readers for every model "
                           "(0: all)."));
    list.push_back(integer("reader-half", evaluate, "H", -1, 1, text(data.readerHalf),
                           "0 or 1: one of two seeded halves of the readers, so a setting can "
                           "be chosen on one and reported on the other (-1: every reader)."));
    list.push_back(
        integer("threads", both, "N", 1, 256, text(ranking.threads), "Threads scoring readers."));
    list.push_back(seed("seed", both, text(static_cast<double>(data.seed)),
                        "Seed of the reader sample, the halves and the bootstrap."));
    list.push_back(integer("bootstrap", both, "B", kMinBootstrapReplicates, 100'000,
                           text(bootstrap.replicates),
                           "Bootstrap replicates behind each 95% interval: B resamples of the "
                           "readers with replacement, the 2.5% and 97.5% percentiles; at least " +
                               text(kMinBootstrapReplicates) +
                               " (fewer leave an end to the one or two most extreme "
                               "replicates), 1000 or more for stable ends."));
    list.push_back(integer("popular-candidates", evaluate, "N", 0, 100'000'000, "0",
                           "List the N most popular books first, in the model's order (0: off)."));
    OptionDef models =
        valueOption("model", bits(CliCommand::Compare), OptionType::Path, "FILE", true,
                    "A model file (.ssm) to compare; give --model once per "
                    "model (at least one).");
    models.repeatable = true;
    list.push_back(std::move(models));
    list.push_back(valueOption("data", bits(CliCommand::Compare), OptionType::Path, "DIR", false,
                               "The data set folder (default: the folder each model file "
                               "names)."));
    list.push_back(valueOption("csv", bits(CliCommand::Compare), OptionType::Path, "FILE", false,
                               "Also write the table as CSV (one row per model and metric: "
                               "value, interval low and high, none for coverage; and each "
                               "run's NDCG@k minus its split's best, ndcg_vs_best)."));
}

void addMap(std::vector<OptionDef>& list) {
    const unsigned map = bits(CliCommand::Map);
    const TsneConfig tsne;
    const UmapConfig umap;
    list.push_back(
        choice("method", map, "METHOD", {"pca", "tsne", "umap"}, "pca", "PCA, t-SNE or UMAP."));
    list.push_back(valueOption("out", map, OptionType::Path, "FILE", true,
                               "The CSV to write (book id, title, x, y)."));
    list.push_back(flag("normalize", map, "Scale every book's embedding to unit length first."));
    list.push_back(integer("components", map, "N", 2, 3, "2", "PCA: 2 or 3 dimensions."));
    list.push_back(number("perplexity", map, "X", 2, 1000, 1, text(tsne.perplexity),
                          "t-SNE: the effective number of neighbours of each book."));
    list.push_back(
        stepping(integer("iterations", map, "N", 1, 100000, text(tsne.iterations),
                         "t-SNE: gradient steps (the first " + text(tsne.exaggerationIterations) +
                             " exaggerate clusters)."),
                 tsne.exaggerationIterations));
    list.push_back(choice("init", map, "START", {"pca", "random", "spectral"},
                          "pca (t-SNE), spectral (UMAP)",
                          "The start layout: pca or random for t-SNE, spectral or pca for UMAP."));
    list.push_back(integer("neighbors", map, "N", 2, 1000, text(umap.neighbors),
                           "UMAP: the size of each book's neighbourhood (n_neighbors)."));
    list.push_back(stepping(number("min-dist", map, "X", 0, umap.spread, 2, text(umap.minDist),
                                   "UMAP: how tightly the map may pack books (min_dist)."),
                            0.05));
    list.push_back(integer("epochs", map, "N", 0, 100000, text(umap.epochs),
                           "UMAP: optimisation epochs (0: 500 up to 10,000 books, else 200)."));
    list.push_back(seed("seed", map, text(static_cast<double>(tsne.seed)),
                        "Seed of the random start (t-SNE) or of UMAP's random choices."));
    list.push_back(
        integer("threads", map, "N", 1, 256, text(tsne.threads), "Threads computing the map."));
}

void addRecommend(std::vector<OptionDef>& list) {
    const unsigned recommend = bits(CliCommand::Recommend);
    const unsigned similar = bits(CliCommand::Similar);
    const RecommendConfig config;
    list.push_back(
        integer("user", recommend, "ID", 1, kIdMax, {}, "The reader (a user_id of the data set)."));
    list.push_back(
        valueOption("ratings", recommend, OptionType::Text, "BOOK_ID:RATING,...", false,
                    "A new reader's ratings, folded into the model without retraining."));
    list.push_back(integer("book", similar, "ID", 1, kIdMax, {}, "The book (a book_id)."));
    list.push_back(valueOption("title", similar, OptionType::Text, "TEXT", false,
                               "The first book whose title contains TEXT."));
    list.push_back(integer("top", recommend | CliCommand::Similar, "N", 1, 10000, text(config.top),
                           "How many books to list."));
    list.push_back(flag("include-rated", recommend, "List books the reader already rated too."));
    list.push_back(
        flag("exclude-to-read", recommend, "Leave out the books on the reader's to-read list."));
    list.push_back(number("popularity-blend",
                          recommend | CliCommand::Evaluate | CliCommand::Compare, "W", -3, 3, 2,
                          "the model's",
                          "Add W x ln(1 + ratings count) to every book's score: below 0 "
                          "discovers, above 0 favours the widely read."));
}

} // namespace

std::vector<OptionDef> otherOptions() {
    std::vector<OptionDef> list;
    addInfo(list);
    addGenerate(list);
    addModelCommands(list);
    addExport(list);
    addImport(list);
    addEvaluate(list);
    addMap(list);
    addRecommend(list);
    list.push_back(flag("json",
                        bits(CliCommand::Info) | CliCommand::Generate | CliCommand::Train |
                            CliCommand::Import | CliCommand::Compare |
                            (kModelCommands & ~bits(CliCommand::Export)),
                        "Print the results as JSON."));
    unsigned every = 0;
    for (const CommandDef& command : commandTable())
        every |= bits(command.command);
    list.push_back(flag("help", every,
                        "Show this help and exit (after checking the other "
                        "options given)."));
    return list;
}

} // namespace shelfscope::options
