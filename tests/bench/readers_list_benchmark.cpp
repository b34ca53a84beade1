// The Readers tab's list of every reader on goodbooks-10k (53,424 rows): grouping the readers
// (ReaderShelves), filling the table model, and sorting it by each column through the proxy,
// each the median of several runs. The GUI stays responsive only while these take a frame's
// time or so.
// For comparison, a QSortFilterProxyModel sorting through the model's SortRole (QVariants).
// Run offscreen: QT_QPA_PLATFORM=offscreen readers_list_benchmark [--data DIR] [--runs N]
#include "BenchSupport.h"
#include "ReaderPicker.h"
#include "ReadersModel.h"
#include "Workspace.h"
#include "data/Dataset.h"
#include "recommend/ReaderShelves.h"

#include <QApplication>
#include <QSortFilterProxyModel>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

using namespace shelfscope;
using namespace shelfscope::ui;
using Clock = std::chrono::steady_clock;

namespace {

double medianMs(int runs, const std::function<void()>& call) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        call();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return bench::medianOf(ms);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int runs = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--data")
            data = argv[i + 1];
        else if (option == "--runs")
            runs = std::atoi(argv[i + 1]);
    }
    if (data.empty()) {
        std::fprintf(stderr, "readers_list_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    DatasetLoadConfig load;
    load.folder = data;
    const Dataset dataset = loadDataset(load).dataset;
    std::shared_ptr<const ReaderShelves> shelves;
    const double group =
        medianMs(runs, [&] { shelves = std::make_shared<const ReaderShelves>(dataset); });
    ReadersModel model;
    const double fill = medianMs(runs, [&] {
        model.setShelves(nullptr);
        model.setShelves(shelves);
    });
    // The picker's share of opening a data set: its list and the id completion.
    Workspace workspace;
    ReaderPicker picker(&workspace);
    ui::LoadedDataset loaded;
    loaded.dataset = std::shared_ptr<const Dataset>(&dataset, [](const Dataset*) {});
    loaded.shelves = shelves;
    const double open = medianMs(runs, [&] {
        workspace.setDataset({});
        workspace.setDataset(loaded);
    });
    ReadersSortModel sorted(&model);
    QSortFilterProxyModel generic;
    generic.setSourceModel(&model);
    generic.setSortRole(ReadersModel::SortRole);
    std::printf("readers: %d\n", model.rowCount());
    std::printf("group readers (ReaderShelves): %.1f ms\n", group);
    std::printf("fill the table model: %.3f ms\n", fill);
    std::printf("open a data set in the reader picker (list, completion of every id): %.1f ms\n",
                open);
    const char* names[] = {"reader id", "books rated", "to read", "mean stars"};
    for (int column = 0; column < ReadersModel::ColumnCount; ++column) {
        // Alternate the order so every run sorts, rather than finding the rows in place.
        int run = 0;
        const double ms = medianMs(runs, [&] {
            sorted.sort(column, run++ % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        });
        const double viaVariants = medianMs(runs, [&] {
            generic.sort(column, run++ % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        });
        std::printf("sort by %s: %.1f ms (through SortRole QVariants: %.1f ms)\n", names[column],
                    ms, viaVariants);
    }
    return 0;
}
