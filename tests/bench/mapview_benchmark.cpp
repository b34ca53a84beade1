// Map view benchmark: redraw time of a MapView of 10,000 and 100,000 points in a 1200 x 800
// window (its paintEvent through QWidget::render into an image, after a one-pixel pan so
// nothing is cached), hover pick time, and PointIndex build time; wall and process CPU time
// medians, offscreen. --peer also times Qt Charts' QScatterSeries on the same 10,000 points,
// which the map used before. --pictures DIR saves what the view draws instead (categories,
// colour bar, highlights; PNG, SVG and the SVG drawn back), to look at.
// Usage: mapview_benchmark [--redraws N] [--picks N] [--peer] [--pictures DIR]
#include "BenchSupport.h"
#include "MapPalette.h"
#include "MapView.h"
#include "maps/PointIndex.h"
#include "util/Random.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QScatterSeries>
#include <QSvgRenderer>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace shelfscope;
using namespace shelfscope::ui;
using namespace shelfscope::bench;
using Clock = std::chrono::steady_clock;

namespace {

const QStringList kGenres{QStringLiteral("Fantasy"),  QStringLiteral("Romance"),
                          QStringLiteral("Mystery"),  QStringLiteral("Science fiction"),
                          QStringLiteral("History"),  QStringLiteral("Young adult"),
                          QStringLiteral("Classics"), QStringLiteral("Non-fiction")};

/// A map like t-SNE's: 8 clusters of different sizes and spreads, and 5% scattered between.
struct Sample {
    std::vector<float> xy;
    std::vector<int> cluster;
    std::vector<float> year; ///< a value that drifts across the map, 3% missing
};

Sample makeSample(int n, std::uint64_t seed) {
    Random random(seed);
    Sample sample;
    for (int i = 0; i < n; ++i) {
        double x = 0.0, y = 0.0;
        int c = static_cast<int>(random.below(8));
        if (random.below(20) == 0) {
            x = random.uniform(-45, 45);
            y = random.uniform(-40, 40);
            c = -1;
        } else {
            const double angle = c * 0.785 + 0.3;
            const double spread = 3.0 + c % 3 * 1.8;
            x = 30 * std::cos(angle) + spread * random.normal();
            y = 27 * std::sin(angle) + spread * random.normal();
        }
        sample.xy.push_back(static_cast<float>(x));
        sample.xy.push_back(static_cast<float>(y));
        sample.cluster.push_back(c);
        sample.year.push_back(
            random.below(33) == 0 ? NAN : static_cast<float>(1960 + 0.7 * x + 6 * random.normal()));
    }
    return sample;
}

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// CPU time of the whole process (Qt may hand work to its thread pool), in ms: less disturbed
/// than wall time when other programs share the cores.
double cpuMs() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/// Wall and CPU medians of repeated calls.
struct Timing {
    std::vector<double> wall, cpu;
    template <typename Call> void time(Call&& call) {
        const auto start = Clock::now();
        const double cpuStart = cpuMs();
        call();
        wall.push_back(msSince(start));
        cpu.push_back(cpuMs() - cpuStart);
    }
    std::string text(double unit = 1.0, const char* name = "ms") const {
        char line[128];
        std::snprintf(line, sizeof line, "%8.3f %s (CPU %.3f %s)", medianOf(wall) * unit, name,
                      medianOf(cpu) * unit, name);
        return line;
    }
};

/// Median ms of `runs` redraws of the whole view through its paintEvent (QWidget::render into
/// a window-sized image), each after a one-pixel pan so nothing drawn before can be reused.
std::string redraws(MapView& view, int runs) {
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    Timing timing;
    for (int r = 0; r < runs + 2; ++r) {
        view.panBy(QPointF(r % 2 ? 1.0 : -1.0, 0.0));
        if (r < 2) // the first two warm caches and allocators
            view.render(&image);
        else
            timing.time([&] { view.render(&image); });
    }
    return timing.text();
}

std::string loadAverage() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::vector<int> every(const std::vector<int>& from, int step) {
    std::vector<int> result;
    for (std::size_t k = 0; k < from.size(); k += static_cast<std::size_t>(step))
        result.push_back(from[k]);
    return result;
}

/// The reader-style highlights: rated books by stars, recommendations, to-read.
std::vector<MapHighlightLayer> readerLayers(int n) {
    Random random(99);
    MapHighlightLayer rated;
    rated.name = QStringLiteral("rated by the reader");
    rated.shape = MarkerShape::Circle;
    rated.colour = palette::stars(4);
    for (int k = 0; k < 60; ++k) {
        rated.points.push_back(static_cast<int>(random.below(static_cast<std::uint64_t>(n))));
        rated.colours.push_back(palette::stars(1 + static_cast<int>(random.below(5))));
    }
    for (int s = 5; s >= 1; --s)
        rated.key.emplace_back(s == 1 ? QStringLiteral("1 star")
                                      : QStringLiteral("%1 stars").arg(s),
                               palette::stars(s));
    MapHighlightLayer recommended;
    recommended.name = QStringLiteral("recommended");
    recommended.shape = MarkerShape::Triangle;
    recommended.colour = QColor(0x22, 0x22, 0x22);
    recommended.size = 11;
    MapHighlightLayer toRead;
    toRead.name = QStringLiteral("to read");
    toRead.shape = MarkerShape::Diamond;
    toRead.colour = QColor(0x7b, 0x3f, 0x9e);
    for (int k = 0; k < 20; ++k) {
        recommended.points.push_back(static_cast<int>(random.below(static_cast<std::uint64_t>(n))));
        toRead.points.push_back(static_cast<int>(random.below(static_cast<std::uint64_t>(n))));
    }
    return {rated, recommended, toRead};
}

void savePictures(const QString& folder, const Sample& sample) {
    QDir().mkpath(folder);
    const auto n = static_cast<int>(sample.cluster.size());
    MapView view;
    view.resize(1200, 800);
    view.setPoints(sample.xy, MapView::ViewUpdate::Fit);
    view.setColouring(MapColouring::categorical(sample.cluster, kGenres, QStringLiteral("Genre"),
                                                {}, QStringLiteral("no genre")));
    QString error;
    const auto save = [&](const QString& name) {
        const QString path = folder + QLatin1Char('/') + name;
        if (!view.exportImage(path, &error))
            std::fprintf(stderr, "%s\n", qPrintable(error));
        else
            std::printf("saved %s (%lld bytes)\n", qPrintable(path),
                        static_cast<long long>(QFileInfo(path).size()));
    };
    save(QStringLiteral("map-categories.png"));
    save(QStringLiteral("map-categories.svg"));
    view.setColouring(MapColouring::continuous(sample.year, QStringLiteral("Publication year"), NAN,
                                               NAN, QStringLiteral("year unknown")));
    save(QStringLiteral("map-continuous.png"));
    view.setColouring(MapColouring::categorical(sample.cluster, kGenres, QStringLiteral("Genre"),
                                                {}, QStringLiteral("no genre")));
    view.setEntryVisible(2, false);
    view.setSelection(view.pointsInRect(QRectF(250, 250, 160, 120)));
    view.setHighlightLayers(readerLayers(n));
    const std::vector<std::int32_t> near = view.index().nearestK(sample.xy[0], sample.xy[1], 11);
    view.setCurrentPoint(0);
    view.setNeighbours(std::vector<int>(near.begin() + 1, near.end()));
    view.setDimOthers(true);
    view.zoomBy(2.0, view.pointPosition(0));
    save(QStringLiteral("map-highlights.png"));
    view.setDimOthers(false);
    save(QStringLiteral("map-highlights-undimmed.png"));
    if (!view.exportImage(folder + QStringLiteral("/map-highlights-2x.png"), &error, 2.0))
        std::fprintf(stderr, "%s\n", qPrintable(error));
    // Two corners of the 2x picture at full size, to look at its pixels.
    const QImage twice(folder + QStringLiteral("/map-highlights-2x.png"));
    twice.copy(1100, 1100, 1000, 500).save(folder + QStringLiteral("/map-highlights-2x-map.png"));
    twice.copy(1900, 0, 500, 800).save(folder + QStringLiteral("/map-highlights-2x-legend.png"));
    // The SVG drawn back through Qt's own SVG renderer, to look at it.
    QSvgRenderer svg(folder + QStringLiteral("/map-categories.svg"));
    QImage back(view.size(), QImage::Format_ARGB32_Premultiplied);
    back.fill(Qt::white);
    QPainter painter(&back);
    svg.render(&painter);
    painter.end();
    back.save(folder + QStringLiteral("/map-categories-svg.png"));
}

double chartsRedrawMedian(const Sample& sample, int runs) {
    QChartView view(new QChart);
    auto* series = new QScatterSeries;
    series->setMarkerSize(4.0);
    series->setBorderColor(Qt::transparent);
    QList<QPointF> points;
    for (std::size_t i = 0; i + 1 < sample.xy.size(); i += 2)
        points.append(QPointF(sample.xy[i], sample.xy[i + 1]));
    series->replace(points);
    view.chart()->addSeries(series);
    view.chart()->createDefaultAxes();
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(1200, 800);
    std::vector<double> ms;
    for (int r = 0; r < runs + 1; ++r) {
        QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
        const auto start = Clock::now();
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        if (r > 0)
            ms.push_back(msSince(start));
    }
    return medianOf(ms);
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int redrawCount = 30;
    int picks = 20000;
    bool peer = false;
    QString pictures;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--peer")
            peer = true;
        else if (i + 1 < argc && option == "--redraws")
            redrawCount = std::max(1, std::atoi(argv[++i]));
        else if (i + 1 < argc && option == "--picks")
            picks = std::max(1, std::atoi(argv[++i]));
        else if (i + 1 < argc && option == "--pictures")
            pictures = QString::fromLocal8Bit(argv[++i]);
    }
    if (!pictures.isEmpty()) {
        savePictures(pictures, makeSample(10000, 1));
        return 0;
    }
    std::printf("MapView benchmark: 1200 x 800 view, point size 3, medians of %d redraws and "
                "%d picks; load average %s\n",
                redrawCount, picks, loadAverage().c_str());
    for (const int n : {10000, 100000}) {
        const Sample sample = makeSample(n, 1);
        Timing build;
        PointIndex index;
        for (int r = 0; r < 30; ++r)
            build.time([&] { index.build(sample.xy); });
        std::printf("%d points\n  index build                                  %s\n", n,
                    build.text().c_str());
        MapView view;
        view.resize(1200, 800);
        view.setPoints(sample.xy, MapView::ViewUpdate::Fit);
        view.setColouring(
            MapColouring::categorical(sample.cluster, kGenres, QStringLiteral("Genre")));
        std::printf("  redraw, 8 categories                         %s\n",
                    redraws(view, redrawCount).c_str());
        // Hover picks on the fitted map: half anywhere, half within a few pixels of a point
        // (where the pointer usually is, and where the most candidates are looked at).
        Random random(5);
        Timing pick;
        std::vector<double> microseconds;
        int found = 0;
        for (int p = 0; p < picks; ++p) {
            QPointF at(random.uniform(0, view.mapArea().width()),
                       random.uniform(0, view.mapArea().height()));
            if (p % 2 == 1)
                at = view.pointPosition(
                         static_cast<int>(random.below(static_cast<std::uint64_t>(n)))) +
                     QPointF(random.uniform(-5, 5), random.uniform(-5, 5));
            pick.time([&] { found += view.pointAt(at) >= 0 ? 1 : 0; });
        }
        std::vector<double> sorted = pick.wall;
        std::sort(sorted.begin(), sorted.end());
        std::printf("  hover pick                                   %s, 99th pct %.3f us (%d "
                    "of %d found a point)\n",
                    pick.text(1000, "us").c_str(), sorted[sorted.size() * 99 / 100] * 1000, found,
                    picks);
        view.setColouring(MapColouring::continuous(sample.year, QStringLiteral("Year")));
        std::printf("  redraw, continuous (viridis)                 %s\n",
                    redraws(view, redrawCount).c_str());
        std::vector<int> all(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            all[static_cast<std::size_t>(i)] = i;
        view.setSelection(every(all, 10)); // a tenth of the points outlined
        view.setHighlightLayers(readerLayers(n));
        view.setCurrentPoint(0);
        view.setNeighbours(every(all, n / 10));
        view.setDimOthers(true);
        std::printf("  redraw, a tenth selected, 100 markers, dimmed %s\n",
                    redraws(view, redrawCount).c_str());
        view.setSelection({});
        view.setDimOthers(false);
        view.zoomBy(8.0, view.pointPosition(0));
        std::printf("  redraw, zoomed 8x                            %s\n",
                    redraws(view, redrawCount).c_str());
    }
    std::printf("load average at the end: %s\n", loadAverage().c_str());
    if (peer) {
        const double charts = chartsRedrawMedian(makeSample(10000, 1), 10);
        std::printf("Qt Charts QScatterSeries, 10000 points, marker 4, antialiased: %.1f ms "
                    "(median of 10)\n",
                    charts);
    }
    return 0;
}
