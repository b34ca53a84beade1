// The option table against what reads it: shelfscope-cli's parser and help, core's
// validation, the version, the manual page and the GUI program's --help/--version.

#include "CliRunner.h"
#include "config/OptionTable.h"
#include "demo/DemoGenerator.h"
#include "maps/Tsne.h"
#include "maps/Umap.h"
#include "recommend/Recommender.h"
#include "train/Experiment.h"
#include "train/Presets.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <functional>
#include <stdexcept>

using namespace shelfscope;
using namespace cli_test;

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

/// The command line text of a value: whole numbers in full, others as the table prints them.
QString valueText(double value) {
    return q(numberText(value));
}

/// A value just outside a bound: one whole number for whole-number options; for decimal ones
/// one step of the option's precision, or a thousandth of the bound when that is larger (a
/// float setting cannot tell 100 from 100.000001).
double outside(const OptionDef& o, double bound, int direction) {
    if (o.type != OptionType::Number)
        return bound + direction;
    const double step = std::max(std::pow(10.0, -o.decimals), std::fabs(bound) * 1e-3);
    return bound + direction * step;
}

/// Arguments that make a command's parse complete (its required options), plus `extra`.
QStringList argumentsFor(const CommandDef& command, const QStringList& extra) {
    QStringList arguments{q(command.name)};
    arguments << extra;
    return arguments;
}

void addRangedRows(const std::function<void(const CommandDef&, const OptionDef&)>& add) {
    for (const CommandDef& command : commandTable())
        for (const OptionDef* o : optionsOf(command.command))
            if (o->ranged() || o->type == OptionType::List)
                add(command, *o);
}

/// Where each generate option lives in a DemoConfig (core validates it as validateDemoConfig).
void setDemo(DemoConfig& config, const std::string& name, double value) {
    if (name == "users")
        config.users = static_cast<std::int32_t>(value);
    else if (name == "books")
        config.books = static_cast<std::int32_t>(value);
    else if (name == "ratings")
        config.ratings = static_cast<std::int64_t>(value);
    else if (name == "genres")
        config.genres = static_cast<std::int32_t>(value);
    else if (name == "seed")
        config.seed = static_cast<std::uint64_t>(static_cast<std::int64_t>(value));
    else if (name == "to-read-per-user")
        config.toReadPerUser = value;
    else if (name == "noise")
        config.noise = value;
    else
        QFAIL(qPrintable(QStringLiteral("no DemoConfig field for --") + q(name)));
}

} // namespace

class TestOptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tableIsConsistent() {
        for (const CommandDef& command : commandTable()) {
            QSet<QString> names;
            for (const OptionDef* o : optionsOf(command.command)) {
                QVERIFY2(!names.contains(q(o->name)),
                         qPrintable(q(command.name + " --" + o->name)));
                names.insert(q(o->name));
                QVERIFY(!o->help.empty());
                if (o->ranged() || o->type == OptionType::List)
                    QVERIFY2(o->min <= o->max, qPrintable(q(o->name)));
                if (o->type == OptionType::Choice)
                    QVERIFY(o->choices.size() >= 2);
            }
            QVERIFY(names.contains(QStringLiteral("help")));
        }
        // Every preset is inside the ranges core checks.
        for (const Preset& preset : presets())
            validateExperimentConfig(preset.config);
    }

    // A default the help prints as a number is also the table's number (what the GUI's boxes
    // start from and the commands use), inside the option's range; map's are core's own.
    void defaultsAreNumbersInRange() {
        int numeric = 0;
        for (const OptionDef& o : optionTable()) {
            if (!o.defaultValue)
                continue;
            ++numeric;
            QVERIFY2(o.ranged(), o.name.c_str());
            QVERIFY2(inRange(o, *o.defaultValue), o.name.c_str());
            QCOMPARE(q(numberText(*o.defaultValue)), q(o.defaultText));
        }
        QVERIFY(numeric > 10);
        const TsneConfig tsne;
        const UmapConfig umap;
        QCOMPARE(*option(CliCommand::Map, "perplexity").defaultValue, tsne.perplexity);
        QCOMPARE(*option(CliCommand::Map, "iterations").defaultValue,
                 static_cast<double>(tsne.iterations));
        QCOMPARE(*option(CliCommand::Map, "neighbors").defaultValue,
                 static_cast<double>(umap.neighbors));
        QCOMPARE(*option(CliCommand::Map, "min-dist").defaultValue, umap.minDist);
        QCOMPARE(*option(CliCommand::Map, "seed").defaultValue, static_cast<double>(umap.seed));
        QCOMPARE(*option(CliCommand::Map, "components").defaultValue, 2.0);
        QCOMPARE(*option(CliCommand::Recommend, "top").defaultValue,
                 static_cast<double>(RecommendConfig{}.top));
        // Train's defaults are the preset's: none of them is one number.
        QVERIFY(!option(CliCommand::Train, "epochs").defaultValue);
    }

    void cliAcceptsTheBounds_data() {
        QTest::addColumn<QStringList>("arguments");
        addRangedRows([](const CommandDef& command, const OptionDef& o) {
            for (const double bound : {o.min, o.max}) {
                const QString option = QStringLiteral("--") + q(o.name);
                QTest::addRow("%s %s %s", command.name.c_str(), o.name.c_str(),
                              numberText(bound).c_str())
                    << argumentsFor(command, {option, valueText(bound), QStringLiteral("--help")});
            }
        });
    }

    // --help answers only once every other option has passed its check, so exit 0 says the
    // value was accepted by the very parser the command runs with.
    void cliAcceptsTheBounds() {
        QFETCH(QStringList, arguments);
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.startsWith(QStringLiteral("usage: shelfscope-cli ")));
    }

    void cliRejectsJustOutside_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        addRangedRows([](const CommandDef& command, const OptionDef& o) {
            const QString option = QStringLiteral("--") + q(o.name);
            for (const auto& [bound, direction] : {std::pair{o.min, -1}, std::pair{o.max, 1}}) {
                const double value = outside(o, bound, direction);
                QTest::addRow("%s %s %s", command.name.c_str(), o.name.c_str(),
                              numberText(value).c_str())
                    << argumentsFor(command, {option, valueText(value)}) << option;
            }
        });
    }

    void cliRejectsJustOutside() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        // "shelfscope-cli train: --epochs must be between 1 and 10000, got 0"
        QVERIFY2(run.err.contains(option + QStringLiteral(" must be ")) ||
                     run.err.contains(option + QStringLiteral(" takes ")),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("usage: shelfscope-cli ")));
    }

    void adamBetasItCannotTakeAreAUsageError() {
        // Each beta is in its range; together they break Adam (beta1 >= sqrt(beta2)): the CLI
        // refuses before it loads or trains anything.
        const Run run = runCli({QStringLiteral("train"), QStringLiteral("--data"),
                                QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny"),
                                QStringLiteral("--beta1"), QStringLiteral("0.99"),
                                QStringLiteral("--beta2"), QStringLiteral("0.98")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral(
                     "beta1 (0.99) must be below the square root of beta2 (0.9899495)")),
                 qPrintable(run.err));
    }

    void modelsAnObjectiveCannotTrainAreAUsageError_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString needsBiases =
            QStringLiteral("implicit-feedback training needs the dot model");
        QTest::newRow("tuned-implicit, ease")
            << QStringList{QStringLiteral("--preset"), QStringLiteral("tuned-implicit"),
                           QStringLiteral("--model"), QStringLiteral("ease")}
            << needsBiases;
        QTest::newRow("tuned-implicit, neural")
            << QStringList{QStringLiteral("--preset"), QStringLiteral("tuned-implicit"),
                           QStringLiteral("--model"), QStringLiteral("neural")}
            << needsBiases;
        QTest::newRow("tuned-implicit, no biases")
            << QStringList{QStringLiteral("--preset"), QStringLiteral("tuned-implicit"),
                           QStringLiteral("--no-biases")}
            << needsBiases;
        QTest::newRow("ranking-dot, neural")
            << QStringList{QStringLiteral("--preset"), QStringLiteral("ranking-dot"),
                           QStringLiteral("--model"), QStringLiteral("neural")}
            << QStringLiteral("BPR ranking trains the dot model with biases");
        QTest::newRow("ials, item-knn")
            << QStringList{QStringLiteral("--preset"), QStringLiteral("ials"),
                           QStringLiteral("--model"), QStringLiteral("item-knn")}
            << QStringLiteral("implicit ALS trains a dot model without biases");
    }

    // Refused before anything is loaded or trained: exit 2, nothing on standard output.
    void modelsAnObjectiveCannotTrainAreAUsageError() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = runCli(QStringList{QStringLiteral("train"), QStringLiteral("--data"),
                                           QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/good/tiny")} +
                               arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void coreRejectsWhatTheCliRejects_data() {
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("inside");
        addRangedRows([](const CommandDef& command, const OptionDef& o) {
            if (o.type == OptionType::List)
                return; // hidden: hiddenWidthsRefusedByCore
            for (const auto& [bound, direction] : {std::pair{o.min, -1}, std::pair{o.max, 1}}) {
                QTest::addRow("%s %s %s", command.name.c_str(), o.name.c_str(),
                              numberText(bound).c_str())
                    << static_cast<int>(command.command) << q(o.name) << bound << true;
                const double value = outside(o, bound, direction);
                QTest::addRow("%s %s %s", command.name.c_str(), o.name.c_str(),
                              numberText(value).c_str())
                    << static_cast<int>(command.command) << q(o.name) << value << false;
            }
        });
    }

    // Train's options go through an ExperimentConfig and validateExperimentConfig (what
    // runExperiment and the GUI's form call); generate's through validateDemoConfig; the rest
    // through validateOptionValue, the check the CLI's parser makes.
    void coreRejectsWhatTheCliRejects() {
        QFETCH(int, command);
        QFETCH(QString, name);
        QFETCH(double, value);
        QFETCH(bool, inside);
        const auto which = static_cast<CliCommand>(command);
        const OptionDef& o = option(which, name.toStdString());
        std::function<void()> validate;
        if (which == CliCommand::Train && o.set) {
            for (const Preset& preset : presets()) {
                ExperimentConfig config = preset.config;
                o.set(config, value);
                const AdamConfig& adam = config.train.adam;
                if (inside && config.train.optimizer == OptimizerKind::Adam &&
                    !(static_cast<double>(adam.beta1) <
                      std::sqrt(static_cast<double>(adam.beta2)))) {
                    // In range, yet Adam cannot take it with the preset's other beta.
                    try {
                        validateExperimentConfig(config);
                        QFAIL("beta1 >= sqrt(beta2) was accepted");
                    } catch (const std::invalid_argument& error) {
                        QVERIFY2(QString::fromUtf8(error.what())
                                     .contains(QStringLiteral("below the square root of beta2")),
                                 error.what());
                    }
                    continue;
                }
                if (inside)
                    validateExperimentConfig(config); // throws: the test fails
                else
                    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                             validateExperimentConfig(config));
                if (!inside) {
                    try {
                        validateExperimentConfig(config);
                    } catch (const std::invalid_argument& error) {
                        QVERIFY2(
                            QString::fromUtf8(error.what()).startsWith(name + QLatin1Char(' ')),
                            error.what());
                    }
                }
            }
            return;
        }
        if (which == CliCommand::Generate) {
            if (inside)
                return; // the bounds of one setting can break another's need (ratings >= users)
            DemoConfig config;
            setDemo(config, o.name, value);
            try {
                validateDemoConfig(config);
                QFAIL("validateDemoConfig accepted a value outside the option's range");
            } catch (const std::invalid_argument& error) {
                QVERIFY2(QString::fromUtf8(error.what()).startsWith(QStringLiteral("--") + name),
                         error.what());
            }
            return;
        }
        if (inside) {
            validateOptionValue(which, o.name, value);
            return;
        }
        try {
            validateOptionValue(which, o.name, value);
            QFAIL("validateOptionValue accepted a value outside the option's range");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString::fromUtf8(error.what()).startsWith(name + QLatin1Char(' ')),
                     error.what());
        }
    }

    void hiddenWidthsRefusedByCore() {
        const OptionDef& hidden = option(CliCommand::Train, "hidden");
        ExperimentConfig config = findPreset("notebook-nn")->config;
        config.model.hidden = {static_cast<int>(hidden.min), static_cast<int>(hidden.max)};
        validateExperimentConfig(config);
        config.model.hidden = {static_cast<int>(hidden.max) + 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateExperimentConfig(config));
        config.model.hidden = {static_cast<int>(hidden.min) - 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateExperimentConfig(config));
    }

    void commandHelpListsExactlyTheTable_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("command");
        for (const CommandDef& command : commandTable()) {
            QTest::addRow("%s --help", command.name.c_str())
                << QStringList{q(command.name), QStringLiteral("--help")}
                << static_cast<int>(command.command);
            QTest::addRow("%s -h", command.name.c_str())
                << QStringList{q(command.name), QStringLiteral("-h")}
                << static_cast<int>(command.command);
            QTest::addRow("help %s", command.name.c_str())
                << QStringList{QStringLiteral("help"), q(command.name)}
                << static_cast<int>(command.command);
        }
    }

    void commandHelpListsExactlyTheTable() {
        QFETCH(QStringList, arguments);
        QFETCH(int, command);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        QStringList listed;
        const QRegularExpression optionLine(QStringLiteral("^  --([a-z0-9-]+)"),
                                            QRegularExpression::MultilineOption);
        for (auto it = optionLine.globalMatch(run.out); it.hasNext();)
            listed << it.next().captured(1);
        QStringList expected;
        for (const OptionDef* o : optionsOf(static_cast<CliCommand>(command)))
            expected << q(o->name);
        QCOMPARE(listed, expected); // the same options, in the table's order, once each
    }

    void programHelpListsEveryCommand_data() {
        QTest::addColumn<QString>("argument");
        QTest::newRow("--help") << QStringLiteral("--help");
        QTest::newRow("-h") << QStringLiteral("-h");
        QTest::newRow("help") << QStringLiteral("help");
    }

    void programHelpListsEveryCommand() {
        QFETCH(QString, argument);
        const Run run = runCli({argument});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("usage: shelfscope-cli COMMAND")));
        for (const CommandDef& command : commandTable())
            QVERIFY2(run.out.contains(QStringLiteral("\n  ") + q(command.name) + QLatin1Char(' ')),
                     command.name.c_str());
    }

    void versionIsTheProjectVersion() {
        const Run run = runCli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3); // two lines, each ended
        QCOMPARE(lines[0], QStringLiteral("shelfscope-cli " SHELFSCOPE_PROJECT_VERSION));
        // The second names the kernels' path (util/CpuPath.h); a forced one is named as forced.
        QVERIFY2(lines[1].startsWith(QStringLiteral("kernels: ")), qPrintable(lines[1]));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SHELFSCOPE_CPU_PATH"), QStringLiteral("baseline"));
        const Run forced = runProgram(QStringLiteral(SHELFSCOPE_CLI_PATH),
                                      {QStringLiteral("--version")}, environment);
        QVERIFY2(forced.out.contains(QStringLiteral("\nkernels: baseline (")) &&
                     forced.out.contains(QStringLiteral("forced by SHELFSCOPE_CPU_PATH=baseline")),
                 qPrintable(forced.out));
    }

    void unknownOptionIsNamed() {
        const Run run =
            runCli({QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("x"),
                    QStringLiteral("--epoch"), QStringLiteral("3")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(
            run.err.startsWith(QStringLiteral("shelfscope-cli train: unknown option --epoch\n")),
            qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("shelfscope-cli train --help")));
    }

    void evaluateReadsBothReaderHalves() {
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("lib"));
        const QString model = dir.filePath(QStringLiteral("model.ssm"));
        const Run train = generateAndTrain(library, model, QStringLiteral("ranking-dot"), 2);
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        QMap<int, qint64> readers;
        for (int half : {-1, 0, 1}) {
            const Run run = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), model,
                                    QStringLiteral("--reader-half"), QString::number(half),
                                    QStringLiteral("--json")});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
            QCOMPARE(json.value(QStringLiteral("reader_half")).toInt(), half);
            readers[half] = json.value(QStringLiteral("model"))
                                .toObject()
                                .value(QStringLiteral("readers"))
                                .toInteger();
        }
        // The two halves split the readers between them.
        QVERIFY(readers[0] > 0 && readers[1] > 0);
        QCOMPARE(readers[0] + readers[1], readers[-1]);
    }

    // The presets are the starting points of train: its help and the manual list each one with
    // its description, in the order of the preset box.
    void helpAndManualListThePresets() {
        const Run help = runCli({QStringLiteral("train"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const qsizetype section = help.out.indexOf(QStringLiteral("\nPresets:\n"));
        QVERIFY(section > 0);
        QString unwrapped = help.out.mid(section);
        unwrapped.replace(QRegularExpression(QStringLiteral("\n {30}")), QStringLiteral(" "));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shelfscope-cli.1"));
        QCOMPARE(runCli({QStringLiteral("--man"), path}).exitCode, 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        qsizetype last = 0;
        for (const Preset& preset : presets()) {
            const QString line = QStringLiteral("\n  %1").arg(q(preset.name));
            const qsizetype at = unwrapped.indexOf(line + QLatin1Char(' '));
            QVERIFY2(at > last, preset.name.c_str());
            last = at;
            const qsizetype end = unwrapped.indexOf(QLatin1Char('\n'), at + 1);
            QCOMPARE(unwrapped.mid(at + line.size(), end - at - line.size()).trimmed(),
                     q(preset.description));
            QString name = q(preset.name);
            name.replace(QLatin1Char('-'), QStringLiteral("\\-"));
            QVERIFY2(page.contains(QStringLiteral(".SH PRESETS")) &&
                         page.indexOf(QStringLiteral(".B ") + name + QLatin1Char('\n')) >
                             page.indexOf(QStringLiteral(".SH PRESETS")),
                     preset.name.c_str());
        }
        // Commands without presets say nothing of them.
        const Run info = runCli({QStringLiteral("info"), QStringLiteral("--help")});
        QVERIFY(!info.out.contains(QStringLiteral("Presets:")));
    }

    void manPageHasEveryOption() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shelfscope-cli.1"));
        const Run run = runCli({QStringLiteral("--man"), path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        QVERIFY(page.startsWith(QStringLiteral(
            ".TH SHELFSCOPE\\-CLI 1 \"\" \"Shelfscope " SHELFSCOPE_PROJECT_VERSION "\"")));
        for (const CommandDef& command : commandTable()) {
            const qsizetype section =
                page.indexOf(QStringLiteral(".SS ") + q(command.name) + QLatin1Char('\n'));
            QVERIFY2(section >= 0, command.name.c_str());
            const qsizetype next = page.indexOf(QStringLiteral("\n.S"), section + 1);
            const QString text = page.mid(section, next - section);
            for (const OptionDef* o : optionsOf(command.command)) {
                QString name = QStringLiteral("--") + q(o->name);
                name.replace(QLatin1Char('-'), QStringLiteral("\\-"));
                QVERIFY2(text.contains(QStringLiteral(".B ") + name) ||
                             text.contains(QStringLiteral(".B \"") + name) ||
                             text.contains(QStringLiteral(".BI \"") + name),
                         qPrintable(q(command.name) + QLatin1Char(' ') + name));
            }
        }
    }

    void guiProgramRefusesBadOptions_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown tab") << QStringList{QStringLiteral("--tab"), QStringLiteral("x")}
                                     << QStringLiteral("shelfscope: --tab is data, train");
        // The options that stand for shelfscope-cli's read the same table entries, and are
        // refused in the CLI's words (20000 epochs used to start, the form clamping to 10000).
        const QString epochsRange = q(rangeText(option(CliCommand::Train, "epochs")));
        QTest::newRow("epochs of 0")
            << QStringList{QStringLiteral("--epochs"), QStringLiteral("0")}
            << QStringLiteral("shelfscope: --epochs must be %1, got 0\n").arg(epochsRange);
        QTest::newRow("epochs past the table's maximum")
            << QStringList{QStringLiteral("--epochs"), QStringLiteral("20000")}
            << QStringLiteral("shelfscope: --epochs must be %1, got 20000\n").arg(epochsRange);
        QTest::newRow("epochs not a number")
            << QStringList{QStringLiteral("--epochs"), QStringLiteral("many")}
            << QStringLiteral("shelfscope: --epochs must be a whole number, got 'many'\n");
        QTest::newRow("reader 0") << QStringList{QStringLiteral("--reader"), QStringLiteral("0")}
                                  << QStringLiteral("shelfscope: --reader must be %1, got 0\n")
                                         .arg(q(rangeText(option(CliCommand::Recommend, "user"))));
        QTest::newRow("reader not a number")
            << QStringList{QStringLiteral("--reader"), QStringLiteral("Ann")}
            << QStringLiteral("shelfscope: --reader must be a whole number, got 'Ann'\n");
        QTest::newRow("unknown map method")
            << QStringList{QStringLiteral("--map"), QStringLiteral("mds")}
            << QStringLiteral("shelfscope: --map is pca, tsne or umap, got 'mds'\n");
        QTest::newRow("unknown preset")
            << QStringList{QStringLiteral("--train"), QStringLiteral("tuned-dot,best")}
            << QStringLiteral("shelfscope: --train is notebook-dot, notebook-nn, tuned-dot, "
                              "tuned-nn, ranking-dot, ease, item-knn, ials or tuned-implicit, got "
                              "'best'\n");
        QTest::newRow("value missing")
            << QStringList{QStringLiteral("--epochs")}
            << QStringLiteral("shelfscope: Missing value after '--epochs'.\n");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--epoch=3")}
            << QStringLiteral("shelfscope: Unknown option 'epoch'.\n");
        QTest::newRow("value twice")
            << QStringList{QStringLiteral("--epochs"), QStringLiteral("2"),
                           QStringLiteral("--epochs=3")}
            << QStringLiteral("shelfscope: --epochs is given twice; give it once\n");
        QTest::newRow("flag twice")
            << QStringList{QStringLiteral("--demo"), QStringLiteral("--log-scale"),
                           QStringLiteral("--demo")}
            << QStringLiteral("shelfscope: --demo is given twice; give it "
                              "once\n");
    }

    // Refused before any window or data set: exit 2 and one line saying what is wrong.
    void guiProgramRefusesBadOptions() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QTemporaryDir home;
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        const Run run = runProgram(QStringLiteral(SHELFSCOPE_GUI_PATH), arguments, environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(message.endsWith(QLatin1Char('\n')) ? run.err.endsWith(message)
                                                     : run.err.contains(message),
                 qPrintable(run.err));
    }

    // The app's manual page (and --help) gives its options the table's range and choices.
    void guiManPageUsesTheTable() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shelfscope.1"));
        const Run run =
            runProgram(QStringLiteral(SHELFSCOPE_GUI_PATH), {QStringLiteral("--man"), path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        const QString epochs =
            QStringLiteral("N epochs (%1)").arg(q(rangeText(option(CliCommand::Train, "epochs"))));
        QVERIFY2(page.contains(epochs), qPrintable(page));
        QVERIFY2(page.contains(QStringLiteral("book map (pca, tsne or umap)")), qPrintable(page));
    }

    void guiProgramAnswersWithoutAWindow_data() {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--version") << QStringLiteral("--version")
                                   << QStringLiteral("Shelfscope " SHELFSCOPE_PROJECT_VERSION "\n");
        QTest::newRow("-v") << QStringLiteral("-v")
                            << QStringLiteral("Shelfscope " SHELFSCOPE_PROJECT_VERSION "\n");
        QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("--data <DIR>");
        QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("--screenshot <FILE>");
        QTest::newRow("--help, --epochs")
            << QStringLiteral("--help") << QStringLiteral("--epochs <N>");
    }

    // No display at all and the xcb platform: a QApplication (any window) would abort, so a
    // clean answer shows the program printed and left before making one.
    void guiProgramAnswersWithoutAWindow() {
        QFETCH(QString, argument);
        QFETCH(QString, expected);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        const Run run = runProgram(QStringLiteral(SHELFSCOPE_GUI_PATH), {argument}, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        if (expected.endsWith(QLatin1Char('\n')))
            QCOMPARE(run.out, expected);
        else
            QVERIFY2(run.out.contains(expected), qPrintable(run.out));
        // And the same environment does make a QApplication fail, so the check above means
        // something on this machine.
        const Run withWindow =
            runProgram(QStringLiteral(SHELFSCOPE_GUI_PATH),
                       {QStringLiteral("--tab"), QStringLiteral("nowhere")}, environment);
        QVERIFY(withWindow.exitCode != 0);
        QVERIFY2(!withWindow.err.contains(QStringLiteral("--tab is data")),
                 qPrintable(withWindow.err));
    }
};

QTEST_GUILESS_MAIN(TestOptions)
#include "tst_options.moc"
