#include "CommandLine.h"
#include "Commands.h"
#include "io/DataError.h"
#include "util/FloatEnvironment.h"

#include <iostream>
#include <map>

namespace {

using Command = int (*)(const std::vector<std::string>&);

const char* kUsage =
    "usage: shelfscope-cli COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  info      --data DIR [--json] [--keep-duplicates] [--scale-min X --scale-max Y]\n"
    "            Load a data set folder and report counts, duplicates, histograms, load time.\n"
    "  generate  --out DIR [--users N --books N --ratings N --genres N --seed N]\n"
    "            [--to-read-per-user X] [--noise X] [--json]\n"
    "            Write a synthetic library with planted genre structure.\n"
    "  train     --data DIR --preset notebook-dot|notebook-nn|tuned-dot|tuned-nn\n"
    "            [--model dot|neural --dim N --epochs N --batch N --lr X --l2 X --biases\n"
    "             --no-biases --hidden 128,32 --product-features --dot-term --optimizer adam|sgd\n"
    "             --kernel-l2 X --beta1 X --beta2 X --epsilon X --init-scale X\n"
    "             --seed N --threads N\n"
    "             --test-fraction X --split notebook|random|per-user --split-seed N\n"
    "             --holdout-per-user N\n"
    "             --validation-fraction X --early-stop N --clip] [--save FILE] [--json]\n"
    "            Train a model; prints each epoch's losses and the baselines.\n"
    "  export    --model FILE [--data DIR] [--format projector|csv] [--table books|users]\n"
    "            --out PATH\n"
    "            Write the book (or user) embeddings for the Embedding Projector, or as CSV.\n"
    "  import    --users PATH --books PATH [--format spark-json|tsv|csv] [--data DIR]\n"
    "            [--drop-unknown] [--ranking] [--json] --out FILE.ssm\n"
    "            Make a model file of factors trained elsewhere (Spark ALS's JSON output,\n"
    "            Projector TSV, CSV): see docs/SPARK.md.\n"
    "  evaluate  --model FILE [--data DIR] [--k N] [--relevant-rating X] [--max-readers N]\n"
    "            [--json]\n"
    "            Ranking quality on the model's own split against popularity and random.\n"
    "  map       --model FILE [--data DIR] --method pca|tsne|umap [--normalize]\n"
    "            [--perplexity X] [--iterations N] [--init pca|random] (tsne)\n"
    "            [--neighbors N] [--min-dist X] [--epochs N] [--init spectral|pca] (umap)\n"
    "            [--seed N] [--threads N] [--components 2|3 (pca)] --out map.csv [--json]\n"
    "            Map the book embeddings to 2-D (book id, title, x, y) with the 10-NN kept\n"
    "            and, where books have genres, the genre agreement of the map.\n"
    "  recommend --model FILE [--data DIR] (--user ID | --ratings BOOK_ID:RATING,...)\n"
    "            [--top N] [--include-rated] [--exclude-to-read] [--popularity-blend W]\n"
    "            [--json]\n"
    "            Top books for a reader, or for a new reader from a few ratings (fold-in).\n"
    "  similar   --model FILE [--data DIR] (--book ID | --title TEXT) [--top N] [--json]\n"
    "            The books nearest to a book in embedding space (cosine).\n"
    "\n"
    "Exit codes: 0 success, 2 usage error, 3 data error (the message names file and line).\n";

} // namespace

int main(int argc, char** argv) {
    using namespace shelfscope;
    flushDenormalsInThisThread(); // every command computes on this thread: see the header
    const std::map<std::string, Command> commands = {
        {"info", cli::runInfo},       {"generate", cli::runGenerate},
        {"train", cli::runTrain},     {"export", cli::runExport},
        {"import", cli::runImport},   {"evaluate", cli::runEvaluate},
        {"map", cli::runMap},         {"recommend", cli::runRecommend},
        {"similar", cli::runSimilar},
    };
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h" ||
        arguments[0] == "help") {
        std::cout << kUsage;
        return arguments.empty() ? cli::ExitUsage : cli::ExitSuccess;
    }
    if (arguments[0] == "--version") {
        std::cout << "shelfscope-cli " << SHELFSCOPE_VERSION << '\n';
        return cli::ExitSuccess;
    }
    const auto command = commands.find(arguments[0]);
    if (command == commands.end()) {
        std::cerr << "shelfscope-cli: unknown command '" << arguments[0] << "'\n\n" << kUsage;
        return cli::ExitUsage;
    }
    arguments.erase(arguments.begin());
    try {
        return command->second(arguments);
    } catch (const cli::UsageError& error) {
        std::cerr << "shelfscope-cli " << command->first << ": " << error.what() << "\n\n"
                  << kUsage;
        return cli::ExitUsage;
    } catch (const DataError& error) {
        std::cerr << "shelfscope-cli: error: " << error.what() << '\n';
        return cli::ExitDataError;
    } catch (const std::exception& error) {
        std::cerr << "shelfscope-cli: error: " << error.what() << '\n';
        return cli::ExitFailure;
    }
}
