#include "config/OptionBuilders.h"
#include "train/Presets.h"

namespace shelfscope::options {

namespace {

bool ranking(const ExperimentConfig& c) {
    return c.objective == TrainObjective::Ranking;
}

bool ials(const ExperimentConfig& c) {
    return c.objective == TrainObjective::ImplicitAls;
}

bool implicit(const ExperimentConfig& c) {
    return c.objective == TrainObjective::ImplicitRatings;
}

/// "notebook-dot 5, notebook-nn 5, tuned-dot 7, ..." or "32 in every preset": train's defaults
/// are the preset's, so the help says what each preset holds.
std::string presetValues(const OptionDef& o) {
    std::vector<std::pair<std::string, std::string>> values;
    for (const Preset& preset : presets()) {
        const double value = o.get(preset.config);
        std::string text;
        if (o.type == OptionType::Choice)
            text = o.choices.at(static_cast<std::size_t>(value));
        else if (o.type == OptionType::Flag)
            text = value != 0.0 ? "on" : "off";
        else
            text = numberText(value);
        values.emplace_back(preset.name, text);
    }
    bool same = true;
    for (const auto& [name, text] : values)
        same = same && text == values.front().second;
    if (same)
        return values.front().second + " in every preset";
    std::string joined;
    for (const auto& [name, text] : values) {
        if (!joined.empty())
            joined += ", ";
        joined += name + ' ' + text;
    }
    return joined;
}

template <typename Get, typename Set> OptionDef mapped(OptionDef o, Get get, Set set) {
    o.get = get;
    o.set = set;
    o.defaultText = presetValues(o);
    return o;
}

} // namespace

std::vector<OptionDef> trainOptions() {
    const unsigned train = bits(CliCommand::Train);
    std::vector<std::string> presetNames;
    for (const Preset& preset : presets())
        presetNames.push_back(preset.name);
    std::vector<OptionDef> list;
    list.push_back(valueOption("data", CliCommand::Info | CliCommand::Train, OptionType::Path,
                               "DIR", true,
                               "The data set folder (ratings.csv or ratings.csv.gz, optional "
                               "books.csv, to_read.csv, tags.csv, book_tags.csv)."));
    list.push_back(choice("preset", train, "NAME", presetNames, presetNames.front(),
                          "The settings to start from; the options below change them."));
    list.push_back(mapped(
        choice("model", train, "KIND", {"dot", "neural", "ease", "item-knn"}, {},
               "Dot product of the embeddings, a neural network on them, or an item-item model "
               "without embeddings: EASE (closed form) or item-kNN (cosine with shrinkage)."),
        // The choices are in ModelKind's order.
        [](const ExperimentConfig& c) { return static_cast<double>(c.model.kind); },
        [](ExperimentConfig& c, double v) {
            c.model.kind = static_cast<ModelKind>(static_cast<int>(v));
        }));
    list.push_back(mapped(
        integer("dim", train, "N", 1, 4096, {}, "Embedding size of readers and books."),
        [](const ExperimentConfig& c) { return c.model.dim; },
        [](ExperimentConfig& c, double v) { c.model.dim = static_cast<int>(v); }));
    list.push_back(mapped(
        flag("biases", train,
             "Add the global mean and a bias per reader and "
             "per book."),
        [](const ExperimentConfig& c) { return c.model.biases ? 1.0 : 0.0; },
        [](ExperimentConfig& c, double) { c.model.biases = true; }));
    OptionDef noBiases = mapped(
        flag("no-biases", train, "Leave the biases out (the presets' choice: see --biases)."),
        [](const ExperimentConfig& c) { return c.model.biases ? 0.0 : 1.0; },
        [](ExperimentConfig& c, double) { c.model.biases = false; });
    noBiases.defaultText.clear(); // --biases says it
    list.push_back(noBiases);
    OptionDef hidden = integer("hidden", train, "W,W,...", 1, 8192, {},
                               "Neural model: widths of the relu layers (at most 16 layers).");
    hidden.type = OptionType::List;
    {
        std::string widths;
        for (int width : presets().front().config.model.hidden) {
            if (!widths.empty())
                widths += ',';
            widths += std::to_string(width);
        }
        hidden.defaultText = widths + " unless the preset says otherwise";
    }
    list.push_back(hidden);
    list.push_back(mapped(
        flag("product-features", train,
             "Neural model: feed the elementwise product of the embeddings to the first layer."),
        [](const ExperimentConfig& c) { return c.model.productFeatures ? 1.0 : 0.0; },
        [](ExperimentConfig& c, double) { c.model.productFeatures = true; }));
    list.push_back(mapped(
        flag("dot-term", train,
             "Neural model: add the embeddings' dot product to the output (NeuMF's GMF branch)."),
        [](const ExperimentConfig& c) { return c.model.dotTerm ? 1.0 : 0.0; },
        [](ExperimentConfig& c, double) { c.model.dotTerm = true; }));
    list.push_back(mapped(
        number("kernel-l2", train, "X", 0, 100, 4, {},
               "Neural model: L2 penalty on the Dense kernels, once per batch."),
        [](const ExperimentConfig& c) { return c.model.kernelL2; },
        [](ExperimentConfig& c, double v) { c.model.kernelL2 = static_cast<float>(v); }));
    list.push_back(mapped(
        number("init-scale", train, "X", 0, 10, 4, {},
               "Embeddings start uniform in [-X, X] (Keras: 0.05)."),
        [](const ExperimentConfig& c) { return c.model.embeddingInitScale; },
        [](ExperimentConfig& c, double v) { c.model.embeddingInitScale = static_cast<float>(v); }));
    list.push_back(mapped(
        number("lambda", train, "X", 0.001, 1e7, 3, {},
               "EASE: the ridge penalty on the item-item weights (larger: closer to popularity)."),
        [](const ExperimentConfig& c) { return c.model.easeLambda; },
        [](ExperimentConfig& c, double v) { c.model.easeLambda = static_cast<float>(v); }));
    list.push_back(mapped(
        integer("neighbours", train, "N", 1, 100000, {},
                "Item-kNN: the most similar books kept for each book."),
        [](const ExperimentConfig& c) { return c.model.knnNeighbours; },
        [](ExperimentConfig& c, double v) { c.model.knnNeighbours = static_cast<int>(v); }));
    list.push_back(mapped(
        number("shrink", train, "X", 0, 1e6, 2, {},
               "Item-kNN: added to the cosine's denominator, so books read together by few "
               "readers count less."),
        [](const ExperimentConfig& c) { return c.model.knnShrink; },
        [](ExperimentConfig& c, double v) { c.model.knnShrink = static_cast<float>(v); }));
    list.push_back(mapped(
        integer("epochs", train, "N", 1, 10000, {},
                "Passes over the training ratings (ranking presets: BPR's epochs; ials: ALS "
                "iterations; tuned-implicit: the implicit epochs after the warm start)."),
        [](const ExperimentConfig& c) {
            return ials(c)       ? c.als.iterations
                   : ranking(c)  ? c.bpr.epochs
                   : implicit(c) ? c.implicit.epochs
                                 : c.train.epochs;
        },
        [](ExperimentConfig& c, double v) {
            (ials(c)       ? c.als.iterations
             : ranking(c)  ? c.bpr.epochs
             : implicit(c) ? c.implicit.epochs
                           : c.train.epochs) = static_cast<int>(v);
        }));
    list.push_back(mapped(
        integer("batch", train, "N", 1, 1'000'000, {}, "Ratings per gradient step."),
        [](const ExperimentConfig& c) { return c.train.batchSize; },
        [](ExperimentConfig& c, double v) { c.train.batchSize = static_cast<int>(v); }));
    list.push_back(mapped(
        choice("optimizer", train, "NAME", {"adam", "sgd"}, {}, "Adam or plain SGD."),
        [](const ExperimentConfig& c) {
            return c.train.optimizer == OptimizerKind::Adam ? 0.0 : 1.0;
        },
        [](ExperimentConfig& c, double v) {
            c.train.optimizer = v == 0.0 ? OptimizerKind::Adam : OptimizerKind::Sgd;
        }));
    list.push_back(mapped(
        number("lr", train, "X", 1e-6, 100, 6, {},
               "Learning rate of Adam or SGD (ranking presets: BPR's; tuned-implicit: its SGD's)."),
        [](const ExperimentConfig& c) -> double {
            if (ranking(c))
                return c.bpr.learningRate;
            if (implicit(c))
                return c.implicit.learningRate;
            return c.train.optimizer == OptimizerKind::Adam ? c.train.adam.learningRate
                                                            : c.train.sgdLearningRate;
        },
        [](ExperimentConfig& c, double v) {
            const auto rate = static_cast<float>(v);
            if (ranking(c)) {
                c.bpr.learningRate = rate;
                return;
            }
            if (implicit(c)) {
                c.implicit.learningRate = rate;
                return;
            }
            c.train.adam.learningRate = rate;
            c.train.sgdLearningRate = rate;
        }));
    list.push_back(mapped(
        number("beta1", train, "X", 0, 0.999999, 6, {},
               "Adam: decay of the gradient average; must stay below the square root of beta2."),
        [](const ExperimentConfig& c) { return c.train.adam.beta1; },
        [](ExperimentConfig& c, double v) { c.train.adam.beta1 = static_cast<float>(v); }));
    list.push_back(mapped(
        number("beta2", train, "X", 1e-6, 0.999999, 6, {},
               "Adam: decay of the squared-gradient average."),
        [](const ExperimentConfig& c) { return c.train.adam.beta2; },
        [](ExperimentConfig& c, double v) { c.train.adam.beta2 = static_cast<float>(v); }));
    list.push_back(mapped(
        number("epsilon", train, "X", 1e-10, 1, 10, {}, "Adam: added to the root."),
        [](const ExperimentConfig& c) { return c.train.adam.epsilon; },
        [](ExperimentConfig& c, double v) { c.train.adam.epsilon = static_cast<float>(v); }));
    list.push_back(mapped(
        number("l2", train, "X", 0, 100, 4, {},
               "L2 penalty on the embedding (and bias) rows of each rating (ranking: BPR's, per "
               "update; ials: lambda on every factor row; tuned-implicit: on p, q and y, per "
               "rating)."),
        [](const ExperimentConfig& c) -> double {
            return ials(c)       ? c.als.regularization
                   : ranking(c)  ? c.bpr.l2
                   : implicit(c) ? c.implicit.l2
                                 : c.train.l2;
        },
        [](ExperimentConfig& c, double v) {
            (ials(c)       ? c.als.regularization
             : ranking(c)  ? c.bpr.l2
             : implicit(c) ? c.implicit.l2
                           : c.train.l2) = static_cast<float>(v);
        }));
    list.push_back(mapped(
        integer("warm-start", train, "N", 0, 10000, {},
                "Implicit-feedback MF (tuned-implicit): epochs of plain biased MF under the "
                "preset's Adam settings (tuned-dot's: 5e-4, L2 0.08, --batch) before the "
                "implicit epochs (--epochs)."),
        [](const ExperimentConfig& c) { return c.implicit.warmStartEpochs; },
        [](ExperimentConfig& c, double v) { c.implicit.warmStartEpochs = static_cast<int>(v); }));
    list.push_back(mapped(
        number("bias-l2", train, "X", 0, 100, 4, {},
               "Implicit-feedback MF (tuned-implicit): L2 penalty on the biases, per rating."),
        [](const ExperimentConfig& c) { return c.implicit.biasL2; },
        [](ExperimentConfig& c, double v) { c.implicit.biasL2 = static_cast<float>(v); }));
    list.push_back(mapped(
        number("lr-decay", train, "X", 0.5, 1, 3, {},
               "Implicit-feedback MF (tuned-implicit): the learning rate is multiplied by X after "
               "every epoch."),
        [](const ExperimentConfig& c) { return c.implicit.learningRateDecay; },
        [](ExperimentConfig& c, double v) {
            c.implicit.learningRateDecay = static_cast<float>(v);
        }));
    list.push_back(mapped(
        choice("implicit-books", train, "SET", {"rated-and-to-read", "rated", "to-read", "none"},
               {},
               "Implicit-feedback MF (tuned-implicit): the books that stand for a reader beside "
               "their own vector: rated in the training rows, on the to-read list (never a book "
               "held out of the reader's ratings), both, or none (plain biased MF)."),
        [](const ExperimentConfig& c) {
            const ImplicitSetConfig& s = c.implicit.sets;
            return s.rated ? (s.toRead ? 0.0 : 1.0) : (s.toRead ? 2.0 : 3.0);
        },
        [](ExperimentConfig& c, double v) {
            const int index = static_cast<int>(v);
            c.implicit.sets.rated = index <= 1;
            c.implicit.sets.toRead = index == 0 || index == 2;
        }));
    list.push_back(mapped(
        seed("seed", train, {},
             "Seed of the weights and the shuffling: the same seed on one thread gives the same "
             "run."),
        [](const ExperimentConfig& c) { return static_cast<double>(c.train.shuffleSeed); },
        [](ExperimentConfig& c, double v) {
            c.train.shuffleSeed = static_cast<std::uint64_t>(v);
            c.initSeed = c.train.shuffleSeed;
            c.bpr.seed = c.train.shuffleSeed;
            c.implicit.seed = c.train.shuffleSeed;
        }));
    list.push_back(mapped(
        integer("threads", train, "N", 1, 256, {},
                "Threads for training steps and evaluation (one is bit-identical run to run; "
                "ials: the same result on any number; ease and item-knn ignore it and use up "
                "to two, as many as the machine has)."),
        [](const ExperimentConfig& c) { return ials(c) ? c.als.threads : c.train.threads; },
        [](ExperimentConfig& c, double v) {
            (ials(c) ? c.als.threads : c.train.threads) = static_cast<int>(v);
        }));
    list.push_back(mapped(
        number("alpha", train, "X", 0, 10000, 3, {},
               "ials: a rating counts with confidence 1 + X (unrated books: 1)."),
        [](const ExperimentConfig& c) { return c.als.confidence.alpha; },
        [](ExperimentConfig& c, double v) { c.als.confidence.alpha = static_cast<float>(v); }));
    list.push_back(mapped(
        number("min-rating", train, "X", 0, 100, 1, {},
               "ials: ratings below X are no signal (1: every rating counts)."),
        [](const ExperimentConfig& c) { return c.als.confidence.minRating; },
        [](ExperimentConfig& c, double v) { c.als.confidence.minRating = static_cast<float>(v); }));
    list.push_back(mapped(
        number("to-read-weight", train, "X", 0, 10000, 3, {},
               "ials: a book on the reader's to-read list counts with confidence 1 + X (0: the "
               "lists are not used)."),
        [](const ExperimentConfig& c) { return c.als.confidence.toReadWeight; },
        [](ExperimentConfig& c, double v) {
            c.als.confidence.toReadWeight = static_cast<float>(v);
        }));
    list.push_back(mapped(
        integer("cg-steps", train, "N", 1, 100, {},
                "ials: conjugate-gradient steps per row and iteration, from the last factors."),
        [](const ExperimentConfig& c) { return c.als.cgSteps; },
        [](ExperimentConfig& c, double v) { c.als.cgSteps = static_cast<int>(v); }));
    list.push_back(mapped(
        choice("split", train, "KIND", {"notebook", "random", "per-user"}, {},
               "The notebook's split (scikit-learn), a seeded random holdout, or a few ratings "
               "of every reader held out (for ranking)."),
        [](const ExperimentConfig& c) { return static_cast<double>(c.split); },
        [](ExperimentConfig& c, double v) {
            c.split = static_cast<SplitKind>(static_cast<int>(v));
        }));
    list.push_back(mapped(
        number("test-fraction", train, "X", 0.001, 0.999, 3, {},
               "Share of the ratings held out for testing (notebook and random splits)."),
        [](const ExperimentConfig& c) { return c.testFraction; },
        [](ExperimentConfig& c, double v) { c.testFraction = v; }));
    list.push_back(mapped(
        seed("split-seed", train, {}, "Seed of the test split (the notebook's: 42)."),
        [](const ExperimentConfig& c) { return static_cast<double>(c.splitSeed); },
        [](ExperimentConfig& c, double v) { c.splitSeed = static_cast<std::uint64_t>(v); }));
    list.push_back(mapped(
        integer("holdout-per-user", train, "N", 1, 1'000'000, {},
                "Per-user split: ratings held out of each reader with twice as many."),
        [](const ExperimentConfig& c) { return c.holdoutPerUser; },
        [](ExperimentConfig& c, double v) { c.holdoutPerUser = static_cast<std::int32_t>(v); }));
    list.push_back(mapped(
        number("validation-fraction", train, "X", 0, 0.5, 3, {},
               "Share of the training ratings held out for validation (early stopping)."),
        [](const ExperimentConfig& c) { return c.data.validationFraction; },
        [](ExperimentConfig& c, double v) { c.data.validationFraction = v; }));
    list.push_back(mapped(
        integer("early-stop", train, "N", 0, 10000, {},
                "Stop when validation RMSE has not improved for N epochs and keep the best "
                "(0: never; without --validation-fraction 0.05 is held out)."),
        [](const ExperimentConfig& c) { return c.train.earlyStopPatience; },
        [](ExperimentConfig& c, double v) { c.train.earlyStopPatience = static_cast<int>(v); }));
    list.push_back(mapped(
        flag("clip", train,
             "Clamp predictions to the rating scale when "
             "evaluating."),
        [](const ExperimentConfig& c) { return c.train.clipPredictions ? 1.0 : 0.0; },
        [](ExperimentConfig& c, double) { c.train.clipPredictions = true; }));
    list.push_back(valueOption("save", train, OptionType::Path, "FILE", false,
                               "Save the trained model (.ssm) to FILE."));
    return list;
}

} // namespace shelfscope::options
