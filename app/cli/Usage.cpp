#include "Usage.h"

#include "config/Version.h"
#include "train/Presets.h"

#include <sstream>

namespace shelfscope::cli {

namespace {

constexpr std::size_t kWidth = 100;
constexpr std::size_t kHelpColumn = 30;

std::string joinChoices(const std::vector<std::string>& choices, const char* separator) {
    std::string text;
    for (const std::string& choice : choices) {
        if (!text.empty())
            text += separator;
        text += choice;
    }
    return text;
}

/// "--dim N", "--model dot|neural", "--json".
std::string optionSynopsis(const OptionDef& o) {
    std::string text = "--" + o.name;
    if (o.type == OptionType::Choice)
        text += ' ' + joinChoices(o.choices, "|");
    else if (o.type != OptionType::Flag)
        text += ' ' + o.valueName;
    return text;
}

/// The help sentence with its range and default: what --help and the man page print.
std::string optionDescription(const OptionDef& o) {
    std::string text = o.help;
    if (o.ranged())
        text += " From " + numberText(o.min) + " to " + numberText(o.max) + ".";
    else if (o.type == OptionType::List)
        text += " Each from " + numberText(o.min) + " to " + numberText(o.max) + ".";
    if (o.required)
        text += " Required.";
    if (o.repeatable)
        text += " May be repeated.";
    if (!o.defaultText.empty())
        text += " Default: " + o.defaultText + ".";
    return text;
}

/// Words of `text` in lines of at most kWidth, every line after the first indented by
/// `indent` (a long word gets a line of its own).
std::string wrap(const std::string& text, std::size_t firstColumn, std::size_t indent) {
    std::istringstream words(text);
    std::string word;
    std::string out;
    std::size_t column = firstColumn;
    bool lineEmpty = true;
    while (words >> word) {
        if (!lineEmpty && column + 1 + word.size() > kWidth) {
            out += '\n' + std::string(indent, ' ');
            column = indent;
            lineEmpty = true;
        }
        if (!lineEmpty) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        lineEmpty = false;
    }
    return out;
}

/// Whether a command starts from a preset (its options then change the preset's settings).
bool takesPreset(const CommandDef& command) {
    for (const OptionDef* o : optionsOf(command.command))
        if (o->name == "preset")
            return true;
    return false;
}

std::string synopsis(const CommandDef& command) {
    std::string text = "shelfscope-cli " + command.name;
    for (const OptionDef* o : optionsOf(command.command))
        if (o->required)
            text += ' ' + optionSynopsis(*o);
    return text + " [OPTIONS]";
}

/// roff needs backslashes doubled, and a line must not start with a control character.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    if (!out.empty() && (out.front() == '.' || out.front() == '\''))
        out.insert(0, "\\&");
    return out;
}

} // namespace

std::string programUsage() {
    std::string text = "usage: shelfscope-cli COMMAND [OPTIONS]\n"
                       "       shelfscope-cli COMMAND --help    the options of COMMAND\n"
                       "       shelfscope-cli --version\n\nCommands:\n";
    for (const CommandDef& command : commandTable()) {
        const std::string name = "  " + command.name;
        text += name + std::string(13 - name.size(), ' ') + wrap(command.summary, 13, 13) + '\n';
    }
    text += "\nExit codes: 0 success, 1 failure (a diverged run, say), 2 usage error, 3 data error "
            "(the message names file and line), 130 stopped by Ctrl-C.\nThe manual: man "
            "shelfscope-cli.\n";
    return text;
}

std::string commandUsage(const CommandDef& command) {
    return "usage: " + synopsis(command) + "\nRun 'shelfscope-cli " + command.name +
           " --help' for its options.\n";
}

std::string commandHelp(const CommandDef& command) {
    std::string text =
        "usage: " + synopsis(command) + "\n\n" + wrap(command.summary, 0, 0) + "\n\nOptions:\n";
    for (const OptionDef* o : optionsOf(command.command)) {
        std::string line = "  " + optionSynopsis(*o);
        if (line.size() + 2 > kHelpColumn)
            line += '\n' + std::string(kHelpColumn, ' ');
        else
            line += std::string(kHelpColumn - line.size(), ' ');
        text += line + wrap(optionDescription(*o), kHelpColumn, kHelpColumn) + '\n';
    }
    if (takesPreset(command)) {
        text += "\nPresets:\n";
        for (const Preset& preset : presets()) {
            std::string line = "  " + preset.name;
            line += std::string(kHelpColumn - line.size(), ' ');
            text += line + wrap(preset.description, kHelpColumn, kHelpColumn) + '\n';
        }
    }
    return text;
}

std::string manPage() {
    std::string page;
    page += ".TH SHELFSCOPE\\-CLI 1 \"\" \"Shelfscope " + std::string(kVersion) +
            "\" \"User Commands\"\n";
    page += ".SH NAME\nshelfscope\\-cli \\- train, evaluate, map and recommend with book "
            "recommendation models, without a display\n";
    page += ".SH SYNOPSIS\n";
    for (const CommandDef& command : commandTable()) {
        page += roff(synopsis(command));
        page += "\n.br\n";
    }
    page += "shelfscope\\-cli \\-\\-help | \\-\\-version\n";
    page += ".SH DESCRIPTION\n"
            "The command-line side of Shelfscope: it loads goodbooks-10k style data sets "
            "(ratings.csv, books.csv, to_read.csv, tags.csv, book_tags.csv, plain or gzipped), "
            "trains the recommendation models the desktop app trains, saves them as .ssm files, "
            "and evaluates, maps and recommends with them.\n"
            "Options take their value as \\fB\\-\\-name value\\fR or \\fB\\-\\-name=value\\fR; "
            "every value is checked against its range before the command starts.\n";
    page += ".SH COMMANDS\n";
    for (const CommandDef& command : commandTable()) {
        // Appended piece by piece: GCC 12 sees a false overlap in "literal" + temporary.
        page += ".SS ";
        page += command.name;
        page += '\n';
        page += roff(command.summary);
        page += '\n';
        for (const OptionDef* o : optionsOf(command.command)) {
            // The tag: the option in bold, its value in italics (a choice's words in bold).
            page += ".TP\n";
            if (o->type == OptionType::Flag) {
                page += ".B ";
                page += roff("--" + o->name);
            } else if (o->type == OptionType::Choice) {
                page += ".B \"";
                page += roff("--" + o->name + ' ' + joinChoices(o->choices, "|"));
                page += '"';
            } else {
                page += ".BI \"";
                page += roff("--" + o->name);
                page += " \" \"";
                page += roff(o->valueName);
                page += '"';
            }
            page += '\n';
            page += roff(optionDescription(*o));
            page += '\n';
        }
    }
    page += ".SH PRESETS\nThe settings \\fB\\-\\-preset\\fR starts from (the other options "
            "change them):\n";
    for (const Preset& preset : presets()) {
        page += ".TP\n.B ";
        page += roff(preset.name);
        page += '\n';
        page += roff(preset.description);
        page += '\n';
    }
    page += ".SH EXIT STATUS\n0 success, 1 failure (for instance a diverged run), 2 usage error, "
            "3 data error: the message names the file, the line, the column and the offending "
            "text; 130 stopped by Ctrl-C. A first Ctrl-C stops train at its next look (within "
            "about 100 ms; EASE's LAPACK stages finish first): a model trained in epochs prints "
            "its summary and saves (--save) the weights reached, an item-item fit (ease, "
            "item-knn) has no partial model and saves nothing. A second Ctrl-C ends the "
            "program at once.\n";
    page += ".SH SEE ALSO\n.BR shelfscope (1)\n";
    return page;
}

} // namespace shelfscope::cli
