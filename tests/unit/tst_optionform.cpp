// The GUI's inputs take their ranges from the option table: every spin box that stands for a
// command-line option accepts exactly what shelfscope-cli and core accept.

#include "BlendSlider.h"
#include "HyperparameterForm.h"
#include "MapPanel.h"
#include "RecommendationsPane.h"
#include "Workspace.h"
#include "config/OptionTable.h"
#include "train/Presets.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <cmath>

using namespace shelfscope;
using namespace shelfscope::ui;

namespace {

/// "train --dim" -> the table's option.
const OptionDef& optionOf(const QString& label) {
    const QStringList parts = label.split(QStringLiteral(" --"));
    const CommandDef* command = findCommand(parts.value(0).toStdString());
    if (command == nullptr)
        throw std::logic_error("no command " + parts.value(0).toStdString());
    return option(command->command, parts.value(1).toStdString());
}

/// The value a box shows, whatever its kind.
double valueOf(const QAbstractSpinBox* box) {
    if (const auto* whole = qobject_cast<const QSpinBox*>(box))
        return whole->value();
    return qobject_cast<const QDoubleSpinBox*>(box)->value();
}

/// Every spin box of `widget` that names its option, compared with the table; the labels seen.
QStringList compareRanges(const QWidget& widget) {
    QStringList seen;
    for (const QSpinBox* box : widget.findChildren<QSpinBox*>()) {
        const QString label = box->property("option").toString();
        if (label.isEmpty())
            continue;
        const OptionDef& o = optionOf(label);
        seen << label;
        [&] {
            QCOMPARE(box->minimum(), static_cast<int>(o.min));
            QCOMPARE(box->maximum(), static_cast<int>(o.max));
            QCOMPARE(box->singleStep(), o.step > 0.0 ? static_cast<int>(o.step) : 1);
        }();
    }
    for (const QDoubleSpinBox* box : widget.findChildren<QDoubleSpinBox*>()) {
        const QString label = box->property("option").toString();
        if (label.isEmpty())
            continue;
        const OptionDef& o = optionOf(label);
        seen << label;
        [&] {
            QCOMPARE(box->minimum(), o.min);
            QCOMPARE(box->maximum(), o.max);
            QCOMPARE(box->decimals(), o.decimals);
            QCOMPARE(box->singleStep(), o.step > 0.0 ? o.step : std::pow(10.0, 1 - o.decimals));
        }();
    }
    seen.sort();
    return seen;
}

} // namespace

class TestOptionForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trainingFormUsesTheTable() {
        HyperparameterForm form;
        const QStringList seen = compareRanges(form);
        QVERIFY(!QTest::currentTestFailed());
        // The form's numeric fields: every ranged train option except the per-user holdout,
        // which the form does not offer (the per-user split holds out 5, as the preset says).
        QStringList expected;
        for (const OptionDef* o : optionsOf(CliCommand::Train))
            if (o->ranged() && o->name != "holdout-per-user")
                expected << QStringLiteral("train --") + QString::fromStdString(o->name);
        expected.sort();
        QCOMPARE(seen, expected);
    }

    // The two implicit objectives have a page each: its fields are live for its own preset only,
    // and --epochs and --l2 (the shared fields) reach that objective's own settings.
    void implicitPagesFollowTheirPreset_data() {
        QTest::addColumn<QString>("preset");
        for (const char* name : {"tuned-dot", "ranking-dot", "ease", "ials", "tuned-implicit"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void implicitPagesFollowTheirPreset() {
        QFETCH(QString, preset);
        HyperparameterForm form;
        const QTabWidget* tabs = form.findChild<QTabWidget*>();
        QVERIFY(tabs != nullptr);
        QStringList pages;
        for (int i = 0; i < tabs->count(); ++i)
            pages << tabs->tabText(i);
        QVERIFY2(pages.contains(QStringLiteral("Implicit ALS")), qPrintable(pages.join(", ")));
        QVERIFY2(pages.contains(QStringLiteral("Implicit")), qPrintable(pages.join(", ")));
        const int index = form.presetBox()->findText(preset);
        QVERIFY2(index >= 0, qPrintable(preset));
        form.presetBox()->setCurrentIndex(index);
        const TrainObjective objective = findPreset(preset.toStdString())->config.objective;
        for (const char* name : {"alsAlpha", "alsMinRating", "alsToReadWeight", "alsCgSteps"}) {
            const QWidget* field = form.findChild<QWidget*>(QString::fromLatin1(name));
            QVERIFY2(field != nullptr, name);
            QVERIFY2(field->isEnabled() == (objective == TrainObjective::ImplicitAls), name);
        }
        for (const char* name : {"warmStart", "lrDecay", "biasL2", "implicitBooks"}) {
            const QWidget* field = form.findChild<QWidget*>(QString::fromLatin1(name));
            QVERIFY2(field != nullptr, name);
            QVERIFY2(field->isEnabled() == (objective == TrainObjective::ImplicitRatings), name);
        }
        if (objective != TrainObjective::ImplicitAls &&
            objective != TrainObjective::ImplicitRatings)
            return;
        form.epochsBox()->setValue(3);
        const std::optional<ExperimentConfig> config = form.config();
        QVERIFY2(config.has_value(), qPrintable(form.lastError()));
        QCOMPARE(config->objective, objective);
        QCOMPARE(objective == TrainObjective::ImplicitAls ? config->als.iterations
                                                          : config->implicit.epochs,
                 3);
    }

    void mapAndReadersUseTheTable() {
        Workspace workspace;
        MapPanel map(&workspace);
        RecommendationsPane readers(&workspace);
        const QStringList mapSeen = compareRanges(map);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(mapSeen,
                 (QStringList{QStringLiteral("map --iterations"), QStringLiteral("map --min-dist"),
                              QStringLiteral("map --neighbors"), QStringLiteral("map --perplexity"),
                              QStringLiteral("map --seed")}));
        QCOMPARE(compareRanges(readers), QStringList{QStringLiteral("recommend --top")});
    }

    // The map's and the readers' boxes take all of their option from the table: range, step,
    // precision, the default its help prints and the help itself as their tooltip (the map tab
    // repeated its defaults, reworded the help, and offered the perplexity, a Number with one
    // decimal in the table, as whole numbers).
    void mapAndReadersStartFromTheTable() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear(); // the boxes show their defaults, not what an earlier run left
        Workspace workspace;
        MapPanel map(&workspace);
        RecommendationsPane readers(&workspace);
        const auto* perplexity = map.findChild<QDoubleSpinBox*>(QStringLiteral("perplexity"));
        QVERIFY2(perplexity != nullptr, "the perplexity takes decimals, as the table says");
        QCOMPARE(perplexity->decimals(), option(CliCommand::Map, "perplexity").decimals);
        int boxes = 0;
        for (const QWidget* widget :
             {static_cast<const QWidget*>(&map), static_cast<const QWidget*>(&readers)})
            for (const QAbstractSpinBox* box : widget->findChildren<QAbstractSpinBox*>()) {
                const QString label = box->property("option").toString();
                if (label.isEmpty())
                    continue;
                const OptionDef& o = optionOf(label);
                QVERIFY2(o.defaultValue.has_value(), qPrintable(label));
                QCOMPARE(valueOf(box), *o.defaultValue);
                QString help = QString::fromStdString(o.help);
                help.chop(1); // its full stop
                QVERIFY2(box->toolTip().startsWith(help), qPrintable(box->toolTip()));
                QVERIFY2(box->toolTip().contains(QStringLiteral("default ") +
                                                 QString::fromStdString(o.defaultText)),
                         qPrintable(box->toolTip()));
                ++boxes;
            }
        QCOMPARE(boxes, 6); // perplexity, iterations, neighbours, min_dist, seed; top N
        // What the boxes ask for is what core and shelfscope-cli take by default.
        const MapRequest request = map.request();
        QCOMPARE(request.perplexity, TsneConfig{}.perplexity);
        QCOMPARE(request.iterations, TsneConfig{}.iterations);
        QCOMPARE(request.neighbors, UmapConfig{}.neighbors);
        QCOMPARE(request.minDist, UmapConfig{}.minDist);
        QCOMPARE(static_cast<std::uint64_t>(request.seed), UmapConfig{}.seed);
    }

    void blendSliderUsesTheTable() {
        const OptionDef& blend = option(CliCommand::Recommend, "popularity-blend");
        QCOMPARE(&blend, &option(CliCommand::Evaluate, "popularity-blend")); // one definition
        BlendSlider slider;
        slider.setBlend(blend.max + 1.0);
        QCOMPARE(slider.blend(), blend.max);
        slider.setBlend(blend.min - 1.0);
        QCOMPARE(slider.blend(), blend.min);
    }

    void hiddenWidthsUseTheTable() {
        const OptionDef& hidden = option(CliCommand::Train, "hidden");
        HyperparameterForm form;
        form.kindBox()->setCurrentIndex(1); // neural
        form.hiddenEdit()->setText(QString::number(hidden.max));
        QVERIFY2(form.config().has_value(), qPrintable(form.lastError()));
        form.hiddenEdit()->setText(QString::number(hidden.max + 1));
        QVERIFY(!form.config().has_value());
        QVERIFY2(form.fieldMessage(form.hiddenEdit()).contains(QString::number(hidden.max)),
                 qPrintable(form.fieldMessage(form.hiddenEdit())));
    }
};

QTEST_MAIN(TestOptionForm)
#include "tst_optionform.moc"
