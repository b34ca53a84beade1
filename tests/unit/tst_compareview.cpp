#include "CompareView.h"
#include "IntervalChart.h"
#include "ReadersFixture.h"
#include "ValidationOrderFixture.h"

#include <QFile>
#include <QImage>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <limits>

using namespace readers_test;

class TestCompareView : public QObject {
    Q_OBJECT

private:
    LoadedDataset loaded_;
    std::vector<std::shared_ptr<const TrainingRun>> runs_;

    /// A workspace holding the three runs, and a view that compared them.
    struct Compared {
        Workspace workspace;
        std::unique_ptr<ReadersPanel> readers;
        std::unique_ptr<CompareView> view;
    };
    void compareAll(Compared& c) {
        c.workspace.setDataset(loaded_);
        for (const auto& run : runs_)
            c.workspace.runs()->addFinished(run);
        c.readers = std::make_unique<ReadersPanel>(&c.workspace);
        c.readers->recommendations()->setFirstRun(runs_.front()->run);
        c.view = std::make_unique<CompareView>(&c.workspace);
        c.view->setReplicates(200);
        c.view->resize(1100, 720);
        QSignalSpy finished(c.view.get(), &CompareView::comparisonFinished);
        c.view->compareChecked();
        QVERIFY(c.view->isEvaluating());
        QVERIFY(finished.wait(120000));
    }

    /// `preset` trained on `split` of the demo library, as run `number` named `name`.
    std::shared_ptr<const TrainingRun> trainedOn(const char* preset, SplitKind split, int number,
                                                 const char* name) {
        ExperimentConfig config = findPreset(preset)->config;
        config.split = split;
        TrainingRun run;
        static_cast<TrainedRun&>(run) = trainRun(*loaded_.dataset, config, name);
        run.run = number;
        return std::make_shared<const TrainingRun>(run);
    }

    /// The run at `row` of the latest comparison's summary, as a run number.
    static int runOf(const CompareView& view, int index) {
        return view.compared()[static_cast<std::size_t>(index)].run;
    }

private Q_SLOTS:
    void initTestCase() {
        loaded_ = demoLibrary(5);
        runs_.push_back(trainedRun(*loaded_.dataset, "notebook-dot", 1));
        runs_.push_back(trainedRun(*loaded_.dataset, "tuned-dot", 2));
        runs_.push_back(trainedRun(*loaded_.dataset, "ranking-dot", 3));
    }

    void tableChartAndDefault() {
        Compared c;
        compareAll(c);
        const CompareView& view = *c.view;
        QCOMPARE(view.compared().size(), std::size_t{3});
        QCOMPARE(view.table()->rowCount(), 3);
        QCOMPARE(view.runList()->count(), 3);
        // Each figure's cell is "value [low, high]"; the ranking run has no RMSE.
        const auto figures = protocolFigures(view.compared()[0].result);
        QCOMPARE(view.table()->columnCount(), static_cast<int>(5 + figures.size()));
        int ndcgColumn = -1;
        int rmseColumn = -1;
        int coverageColumn = -1;
        for (int column = 0; column < view.table()->columnCount(); ++column) {
            const QString header = view.table()->horizontalHeaderItem(column)->text();
            ndcgColumn = header == QStringLiteral("NDCG@10") ? column : ndcgColumn;
            rmseColumn = header == QStringLiteral("RMSE") ? column : rmseColumn;
            coverageColumn = header == QStringLiteral("coverage") ? column : coverageColumn;
        }
        QVERIFY(ndcgColumn > 0 && rmseColumn > 0 && coverageColumn > 0);
        for (int row = 0; row < 3; ++row) {
            const ProtocolResult& r = view.compared()[static_cast<std::size_t>(row)].result;
            QVERIFY(
                view.table()
                    ->item(row, ndcgColumn)
                    ->text()
                    .startsWith(QString::number(r.ranking.ndcg, 'f', 4) + QStringLiteral(" [")));
            QCOMPARE(view.table()->item(row, rmseColumn)->text() == QStringLiteral("-"),
                     !r.errors.has_value());
            // Coverage: the value alone, and its tooltip says why.
            const QTableWidgetItem* coverage = view.table()->item(row, coverageColumn);
            QCOMPARE(coverage->text(), QString::number(r.ranking.coverage, 'f', 4));
            QVERIFY(coverage->toolTip().startsWith(QStringLiteral("Coverage has no interval")));
        }
        QVERIFY(view.note().contains(QStringLiteral("Coverage has no interval")));
        QVERIFY(view.note().contains(QStringLiteral("200 replicates")));
        QVERIFY(!view.compared()[2].result.errors.has_value()); // ranking-dot
        QVERIFY(view.compared()[1].result.errors.has_value());
        // One chart panel per figure, the bars holding the table's values and intervals.
        QCOMPARE(view.chart()->panelCount(), static_cast<int>(figures.size()));
        const IntervalPanel& ndcg = view.chart()->panel(2);
        QCOMPARE(ndcg.title, QStringLiteral("NDCG@10"));
        for (std::size_t m = 0; m < 3; ++m) {
            QCOMPARE(ndcg.values[m], view.compared()[m].result.ranking.ndcg);
            QCOMPARE(ndcg.lows[m], view.compared()[m].result.rankingIntervals.ndcg.low);
        }
        QVERIFY(ndcg.hasIntervals);
        const IntervalPanel& coverage = view.chart()->panel(5);
        QVERIFY(coverage.title.startsWith(QStringLiteral("coverage")));
        QVERIFY(!coverage.hasIntervals); // bars without whiskers
        // RMSE and MAE are drawn around their values, the others from 0.
        for (int p = 0; p < view.chart()->panelCount(); ++p) {
            const IntervalPanel& panel = view.chart()->panel(p);
            const bool error = panel.title.startsWith(QStringLiteral("RMSE")) ||
                               panel.title.startsWith(QStringLiteral("MAE"));
            QCOMPARE(panel.fromZero, !error);
        }
        // The default recommender is the run with the best validation NDCG, and it says so.
        int best = 0;
        double bestNdcg = -1.0;
        for (const ComparedRun& run : view.compared())
            if (run.result.validation.ndcg > bestNdcg) {
                bestNdcg = run.result.validation.ndcg;
                best = run.run;
            }
        QCOMPARE(view.bestRun(), best);
        QCOMPARE(c.workspace.defaultRun(), best);
        QVERIFY(view.reason().contains(c.workspace.runs()->label(best)));
        QVERIFY(view.reason().contains(QString::number(bestNdcg, 'f', 4)));
        QVERIFY(view.reason().contains(QStringLiteral("validation")));
        // The Readers tab, whose run the user has not picked, follows the default.
        QCOMPARE(c.readers->recommendations()->firstRun(), best);
        if (qEnvironmentVariableIsSet("SHELFSCOPE_SCREENSHOT"))
            c.view->grab().save(qEnvironmentVariable("SHELFSCOPE_SCREENSHOT"));
    }

    void itemItemAndIalsOnBothSplits() {
        // item-kNN and ials on the notebook and the per-user split, and two runs made from the
        // notebook ials whose validation and all-readers orders differ.
        const auto knn = trainedOn("item-knn", SplitKind::Notebook, 11, "item-knn");
        const auto ials = trainedOn("ials", SplitKind::Notebook, 12, "ials");
        const auto knnPerUser = trainedOn("item-knn", SplitKind::PerUser, 13, "item-knn-pu");
        const auto ialsPerUser = trainedOn("ials", SplitKind::PerUser, 14, "ials-pu");
        auto [leading, trailing] = validation_fixture::splitLeaders(*ials->model, 1);
        auto variant = [&](std::unique_ptr<Model> model, int number, const char* name) {
            TrainingRun run = *ials;
            run.model = std::shared_ptr<const Model>(std::move(model));
            run.run = number;
            run.name = name;
            return std::make_shared<const TrainingRun>(run);
        };
        const auto overallLeader = variant(std::move(trailing), 15, "overall-leader");
        const auto validationLeader = variant(std::move(leading), 16, "validation-leader");
        Workspace workspace;
        workspace.setDataset(loaded_);
        for (const auto& run :
             {knn, ials, knnPerUser, ialsPerUser, overallLeader, validationLeader})
            workspace.runs()->addFinished(run);
        CompareView view(&workspace);
        view.setReplicates(200);
        auto compare = [&view](const std::vector<int>& runs) {
            QSignalSpy finished(&view, &CompareView::comparisonFinished);
            view.compareRuns(runs);
            return finished.wait(120000);
        };

        // Two runs per split, so the notebook's split gives the default: its best on
        // validation, the per-user split's best named apart.
        QVERIFY(compare({11, 12, 13, 14}));
        QCOMPARE(view.summary().splits.size(), std::size_t{2});
        QCOMPARE(view.table()->item(2, 1)->text(), QStringLiteral("per-user"));
        for (const SplitGroup& split : view.summary().splits) {
            const auto& a = view.compared()[static_cast<std::size_t>(split.models[0])].result;
            const auto& b = view.compared()[static_cast<std::size_t>(split.models[1])].result;
            QCOMPARE(split.best,
                     a.validation.ndcg >= b.validation.ndcg ? split.models[0] : split.models[1]);
            // The other run's cell: its NDCG@10 minus the best's, with the paired interval.
            const int other = split.models[0] == split.best ? split.models[1] : split.models[0];
            const DifferenceToBest& d = view.summary().toBest[static_cast<std::size_t>(other)];
            QVERIFY(d.available && d.interval.contains(d.value));
            QCOMPARE(view.table()->item(other, 4)->text(), QStringLiteral("%1 [%2, %3]")
                                                               .arg(d.value, 0, 'f', 4)
                                                               .arg(d.interval.low, 0, 'f', 4)
                                                               .arg(d.interval.high, 0, 'f', 4));
            QCOMPARE(view.table()->item(split.best, 4)->text(), QStringLiteral("best"));
        }
        const SplitGroup& notebook = view.summary().splits[0];
        QCOMPARE(view.bestRun(), runOf(view, notebook.best));
        QCOMPARE(workspace.defaultRun(), view.bestRun());
        QVERIFY(view.reason().contains(QStringLiteral("among the 2 runs on the notebook split")));
        QVERIFY(view.reason().contains(
            QStringLiteral("Best on validation elsewhere: per-user split, %1")
                .arg(view.compared()[static_cast<std::size_t>(view.summary().splits[1].best)]
                         .label)));

        // The fixture: the validation leader is the default though the other run is ahead over
        // all readers (by the table's NDCG@10 and the difference column).
        QVERIFY(compare({15, 16, 13, 14}));
        const ProtocolResult& overall = view.compared()[0].result;
        const ProtocolResult& validation = view.compared()[1].result;
        QVERIFY2(validation.validation.ndcg > overall.validation.ndcg &&
                     overall.ranking.ndcg > validation.ranking.ndcg,
                 qPrintable(QStringLiteral("validation %1 vs %2, all readers %3 vs %4")
                                .arg(validation.validation.ndcg)
                                .arg(overall.validation.ndcg)
                                .arg(validation.ranking.ndcg)
                                .arg(overall.ranking.ndcg)));
        QCOMPARE(view.bestRun(), 16);
        QVERIFY(view.summary().toBest[0].value > 0.0);
        QVERIFY(view.reason().startsWith(view.compared()[1].label));
        if (qEnvironmentVariableIsSet("SHELFSCOPE_SCREENSHOT_SPLITS")) {
            view.resize(1100, 720);
            view.grab().save(qEnvironmentVariable("SHELFSCOPE_SCREENSHOT_SPLITS"));
        }
    }

    void errorAxesSpanTheValuesNotZero() {
        // tuned-implicit's and tuned-dot's test RMSE (docs/RANKING.md): 0.0063 apart, which an
        // axis from 0 to 1 would draw as bars of the same height.
        IntervalPanel rmse;
        rmse.fromZero = false;
        rmse.values = {0.8187, 0.8124, std::numeric_limits<double>::quiet_NaN()};
        rmse.lows = {0.8145, 0.8081, 0.0};
        rmse.highs = {0.8231, 0.8167, 0.0};
        const IntervalChart::Axis axis = IntervalChart::axisOf(rmse);
        QVERIFY2(axis.low > 0.79 && axis.high < 0.84,
                 qPrintable(QStringLiteral("%1 to %2").arg(axis.low).arg(axis.high)));
        QVERIFY(axis.low <= 0.8081 && axis.high >= 0.8231);
        // The labels tell the ends and the middle apart.
        const double middle = (axis.low + axis.high) / 2.0;
        QVERIFY(QString::number(axis.low, 'f', axis.decimals) !=
                QString::number(middle, 'f', axis.decimals));
        // The same values from zero: the axis starts at 0.
        rmse.fromZero = true;
        QCOMPARE(IntervalChart::axisOf(rmse).low, 0.0);
        QVERIFY(IntervalChart::axisOf(rmse).high >= 0.8231);
    }

    void exportsTheThreeFormats() {
        Compared c;
        compareAll(c);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QString error;
        const QString csv = folder.filePath(QStringLiteral("compare.csv"));
        QVERIFY2(c.view->exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QStringLiteral("model,split,readers,metric,label,value,low,high"));
        // Two rating runs with every figure, the ranking run without RMSE and MAE, and the two
        // runs that are not the best with their difference from it.
        const auto figures = static_cast<qsizetype>(protocolFigures({}).size());
        QCOMPARE(lines.size(), 1 + 3 * figures - 2 + 2);
        QCOMPARE(lines.filter(QStringLiteral(",ndcg_vs_best,")).size(), 2);
        const ComparedRun& first = c.view->compared()[0];
        const QStringList ndcg = csvFields(lines[3]);
        QCOMPARE(ndcg[0], first.label);
        QCOMPARE(ndcg[3], QStringLiteral("ndcg"));
        QVERIFY(std::abs(ndcg[5].toDouble() - first.result.ranking.ndcg) < 1e-9); // 10 digits
        QVERIFY(std::abs(ndcg[6].toDouble() - first.result.rankingIntervals.ndcg.low) < 1e-9);
        const QStringList coverage = csvFields(lines[6]);
        QCOMPARE(coverage[3], QStringLiteral("coverage"));
        QVERIFY(std::abs(coverage[5].toDouble() - first.result.ranking.coverage) < 1e-9);
        QVERIFY(coverage[6].isEmpty() && coverage[7].isEmpty());

        const QString png = folder.filePath(QStringLiteral("compare.png"));
        QVERIFY2(c.view->exportImage(png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), c.view->chart()->size());
        // Not blank: the bars are painted in the first model's colour somewhere.
        bool coloured = false;
        const QRgb bar = IntervalChart::colour(0).rgb();
        for (int y = 0; y < image.height() && !coloured; y += 2)
            for (int x = 0; x < image.width() && !coloured; x += 2)
                coloured = image.pixel(x, y) == bar;
        QVERIFY(coloured);

        const QString svg = folder.filePath(QStringLiteral("compare.svg"));
        QVERIFY2(c.view->exportImage(svg, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray text = svgFile.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("NDCG@10"));

        const QString other = folder.filePath(QStringLiteral("compare.gif"));
        QVERIFY(!c.view->exportImage(other, &error));
        QVERIFY(error.contains(QStringLiteral(".png or .svg")));
        QVERIFY(!QFile::exists(other));
        const QString missing = folder.filePath(QStringLiteral("no/such/folder/c.csv"));
        QVERIFY(!c.view->exportCsv(missing, &error));
        QVERIFY(error.startsWith(missing));
    }

    void stopsWhenAsked() {
        Workspace workspace;
        workspace.setDataset(loaded_);
        for (const auto& run : runs_)
            workspace.runs()->addFinished(run);
        CompareView view(&workspace);
        // The replicates' range is the option table's: no 95% interval from a handful.
        QCOMPARE(view.replicatesBox()->minimum(), kMinBootstrapReplicates);
        view.setReplicates(1);
        QCOMPARE(view.replicatesBox()->value(), kMinBootstrapReplicates);
        QVERIFY(view.replicatesBox()->toolTip().contains(QStringLiteral("at least 100")));
        view.setReplicates(100'000); // long enough to be stopped
        QSignalSpy finished(&view, &CompareView::comparisonFinished);
        QSignalSpy failed(&view, &CompareView::comparisonFailed);
        view.compareChecked();
        view.stop();
        QVERIFY(QTest::qWaitFor([&] { return !view.isEvaluating(); }, 60000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 0); // a stop is no failure
        QVERIFY(view.compared().empty());
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
