#include "config/OptionTable.h"

#include "config/OptionBuilders.h"
#include "config/OptionValue.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace shelfscope {

const std::vector<CommandDef>& commandTable() {
    static const std::vector<CommandDef> list = {
        {CliCommand::Info, "info",
         "Load a data set folder and report counts, duplicates, histograms, genres, load time."},
        {CliCommand::Generate, "generate",
         "Write a synthetic library with planted genre structure."},
        {CliCommand::Train, "train",
         "Train a model; prints each epoch's losses and the baselines."},
        {CliCommand::Export, "export",
         "Write the book (or user) embeddings for the Embedding Projector, or as CSV."},
        {CliCommand::Import, "import",
         "Make a model file of factors trained elsewhere (Spark ALS's JSON output, Projector "
         "TSV, CSV): see docs/SPARK.md."},
        {CliCommand::Evaluate, "evaluate",
         "Ranking quality on the model's own split against popularity and random."},
        {CliCommand::Compare, "compare",
         "Evaluate several model files with one protocol (the same readers, seed and k) and "
         "print one table, every figure but coverage with a bootstrap 95% interval, each run's "
         "NDCG against its split's best, and the default recommender: the best on validation "
         "within one split."},
        {CliCommand::Map, "map",
         "Map the book embeddings to 2-D (book id, title, x, y) with the 10-NN kept and, where "
         "books have genres, the genre agreement of the map."},
        {CliCommand::Recommend, "recommend",
         "Top books for a reader, or for a new reader from a few ratings (fold-in)."},
        {CliCommand::Similar, "similar",
         "The books nearest to a book in embedding space (cosine)."},
    };
    return list;
}

const CommandDef* findCommand(std::string_view name) {
    for (const CommandDef& command : commandTable())
        if (command.name == name)
            return &command;
    return nullptr;
}

const std::vector<OptionDef>& optionTable() {
    static const std::vector<OptionDef> list = [] {
        std::vector<OptionDef> all = options::trainOptions();
        for (OptionDef& o : options::otherOptions())
            all.push_back(std::move(o));
        // The default as a number wherever the help prints one, so the GUI and the commands
        // start from the very value the help names.
        for (OptionDef& o : all)
            if (o.ranged() && !o.defaultValue)
                o.defaultValue = parseNumberText(o.defaultText);
        return all;
    }();
    return list;
}

std::vector<const OptionDef*> optionsOf(CliCommand command) {
    std::vector<const OptionDef*> list;
    for (const OptionDef& o : optionTable())
        if (o.accepts(command))
            list.push_back(&o);
    return list;
}

const OptionDef* findOption(CliCommand command, std::string_view name) {
    for (const OptionDef& o : optionTable())
        if (o.name == name && o.accepts(command))
            return &o;
    return nullptr;
}

const OptionDef& option(CliCommand command, std::string_view name) {
    const OptionDef* found = findOption(command, name);
    if (found == nullptr)
        throw std::logic_error("the option table has no --" + std::string(name) +
                               " for this command");
    return *found;
}

std::string numberText(double value) {
    char digits[64];
    std::to_chars_result written{};
    if (std::nearbyint(value) == value && std::fabs(value) < 1e15) // "1000000", not "1e+06"
        written = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(value));
    else if (static_cast<double>(static_cast<float>(value)) == value) // a float setting: "0.1"
        written = std::to_chars(digits, digits + sizeof digits, static_cast<float>(value),
                                std::chars_format::general);
    else
        written = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::general);
    return written.ec == std::errc{} ? std::string(digits, written.ptr) : std::string("?");
}

std::string rangeText(const OptionDef& option) {
    return std::string(option.type == OptionType::Number ? "a number " : "") + "between " +
           numberText(option.min) + " and " + numberText(option.max);
}

bool inRange(const OptionDef& option, double value) {
    if (option.type != OptionType::Number) // whole numbers: exact (2^31 - 1 is no float)
        return value >= option.min && value <= option.max;
    const double low = std::min(option.min, static_cast<double>(static_cast<float>(option.min)));
    const double high = std::max(option.max, static_cast<double>(static_cast<float>(option.max)));
    return value >= low && value <= high; // false for NaN
}

void requireInRange(const OptionDef& option, double value, std::string_view what) {
    if (!inRange(option, value))
        throw std::invalid_argument((what.empty() ? std::string() : std::string(what) + ": ") +
                                    option.name + " must be " + rangeText(option) + ", got " +
                                    numberText(value));
}

void validateOptionValue(CliCommand command, std::string_view name, double value) {
    requireInRange(option(command, name), value);
}

} // namespace shelfscope
