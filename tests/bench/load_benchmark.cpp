// Load-speed benchmark: median of N loads of each file, pandas.read_csv as the peer on the same
// files in the same run, and peak memory of a load measured in a fresh process.
// Usage: load_benchmark [--data DIR] [--runs N] [--work DIR]   (DIR defaults to $SHELFSCOPE_DATA)
#include "BenchSupport.h"
#include "data/BookTagsLoader.h"
#include "data/BooksLoader.h"
#include "data/Dataset.h"
#include "data/RatingsLoader.h"
#include "data/TagsLoader.h"
#include "demo/DemoGenerator.h"
#include "io/DatasetWriter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>
#include <zlib.h>

using namespace shelfscope;
using namespace shelfscope::bench;
namespace fs = std::filesystem;

namespace {

double processCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

/// Wall-clock seconds of each run, and the process's CPU seconds: on a machine shared with other
/// work the CPU time moves less than the wall clock.
struct Timings {
    std::vector<double> wall;
    std::vector<double> cpu;
};

Timings timeRuns(int runs, const std::function<void()>& work) {
    Timings timings;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = processCpuSeconds();
        work();
        timings.cpu.push_back(processCpuSeconds() - cpuStart);
        timings.wall.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return timings;
}

long statusKilobytes(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::atol(line.c_str() + std::string(field).size());
    return -1;
}

void gunzip(const fs::path& from, const fs::path& to) {
    gzFile in = gzopen(from.c_str(), "rb");
    std::ofstream out(to, std::ios::binary);
    std::vector<char> buffer(1 << 20);
    int got = 0;
    while ((got = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0)
        out.write(buffer.data(), got);
    gzclose(in);
}

/// pandas' median seconds on the same file, or a negative number when pandas is not installed.
double pandasMedian(const fs::path& script, const fs::path& file, int runs) {
    const std::string command = "/usr/bin/python3 " + script.string() + " " + file.string() + " " +
                                std::to_string(runs) + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return -1;
    double seconds = -1;
    long rows = 0;
    if (std::fscanf(pipe, "%lf %ld", &seconds, &rows) != 2)
        seconds = -1;
    return pclose(pipe) == 0 ? seconds : -1;
}

int peakMemoryMode(const std::string& file) {
    const long before = statusKilobytes("VmRSS:");
    RatingsLoadConfig config;
    config.path = file;
    const RatingsLoadResult result = loadRatings(config);
    const long peak = statusKilobytes("VmHWM:");
    const double tableMb = static_cast<double>(result.table.columnBytes()) / 1e6;
    const double peakMb = static_cast<double>(peak - before) * 1024 / 1e6;
    std::printf("%.1f %.1f\n", peakMb, tableMb);
    return 0;
}

void report(const char* label, const Timings& timings, double target, double peer) {
    const std::vector<double>& seconds = timings.wall;
    const double median = medianOf(seconds);
    std::printf("%-28s median %.4f s  (min %.4f, max %.4f)  target <= %.2f s: %s", label, median,
                *std::min_element(seconds.begin(), seconds.end()),
                *std::max_element(seconds.begin(), seconds.end()), target,
                median <= target ? "met" : "MISSED");
    if (peer > 0)
        std::printf("  | pandas %.4f s, ratio %.1fx", peer, peer / median);
    std::printf("  | CPU %.4f s\n", medianOf(timings.cpu));
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int runs = 5;
    fs::path work = fs::temp_directory_path() / "shelfscope-load-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--peak-memory")
            return peakMemoryMode(argv[i + 1]);
        if (option == "--data")
            data = argv[i + 1];
        else if (option == "--runs")
            runs = std::atoi(argv[i + 1]);
        else if (option == "--work")
            work = argv[i + 1];
    }
    if (data.empty()) {
        std::fprintf(stderr, "load_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    const fs::path folder(data);
    const fs::path script = fs::path(argv[0]).parent_path() / "pandas_read_csv.py";
    const fs::path sourceScript = fs::path(__FILE__).parent_path() / "pandas_read_csv.py";
    const fs::path peerScript = fs::exists(script) ? script : sourceScript;
    fs::create_directories(work);
    const fs::path ratingsCsv = work / "ratings.csv";
    const fs::path booksCsv = work / "books.csv";
    gunzip(folder / "ratings.csv.gz", ratingsCsv);
    gunzip(folder / "books.csv.gz", booksCsv);
    const fs::path tagsCsv = work / "tags.csv";
    const fs::path bookTagsCsv = work / "book_tags.csv";
    gunzip(folder / "tags.csv.gz", tagsCsv);
    gunzip(folder / "book_tags.csv.gz", bookTagsCsv);
    const fs::path big = work / "generated-6m";
    if (!fs::exists(big / "ratings.csv")) {
        DemoConfig config;
        config.users = 53424;
        config.books = 10000;
        config.ratings = 6'000'000;
        config.genres = 20;
        config.seed = 6;
        writeDataset(generateDemoLibrary(config).dataset, big.string());
    }

    std::printf("Shelfscope load benchmark: %d runs each, median reported\n", runs);
    const auto loadRatingsFile = [](const fs::path& path) {
        return [path] {
            RatingsLoadConfig config;
            config.path = path.string();
            const RatingsLoadResult result = loadRatings(config);
            if (result.table.size() == 0)
                std::abort();
        };
    };
    report("ratings.csv (12.4 MB)", timeRuns(runs, loadRatingsFile(ratingsCsv)), 0.15,
           pandasMedian(peerScript, ratingsCsv, runs));
    report("ratings.csv.gz", timeRuns(runs, loadRatingsFile(folder / "ratings.csv.gz")), 0.35,
           pandasMedian(peerScript, folder / "ratings.csv.gz", runs));
    report("generated 6M-row ratings.csv", timeRuns(runs, loadRatingsFile(big / "ratings.csv")),
           1.0, pandasMedian(peerScript, big / "ratings.csv", runs));
    report("books.csv", timeRuns(runs, [&] { loadBooks({booksCsv.string()}); }), 0.05,
           pandasMedian(peerScript, booksCsv, runs));
    report("books.csv.gz", timeRuns(runs, [&] { loadBooks({(folder / "books.csv.gz").string()}); }),
           0.05, pandasMedian(peerScript, folder / "books.csv.gz", runs));

    // The shelves: tags.csv alone, then book_tags.csv read into a loaded catalog (its genres and
    // top shelves are set on every run, so the same catalog serves each run).
    report("tags.csv (0.7 MB)", timeRuns(runs, [&] { loadTags({tagsCsv.string()}); }), 0.05,
           pandasMedian(peerScript, tagsCsv, runs));
    report("tags.csv.gz", timeRuns(runs, [&] { loadTags({(folder / "tags.csv.gz").string()}); }),
           0.05, pandasMedian(peerScript, folder / "tags.csv.gz", runs));
    BookCatalog catalog = loadBooks({booksCsv.string()}).catalog;
    const TagTable tags = loadTags({tagsCsv.string()});
    const auto loadShelvesFile = [&](const fs::path& path) {
        return [&, path] {
            if (loadBookTags({path.string()}, tags, catalog).booksWithGenre == 0)
                std::abort();
        };
    };
    report("book_tags.csv (16.7 MB)", timeRuns(runs, loadShelvesFile(bookTagsCsv)), 0.2,
           pandasMedian(peerScript, bookTagsCsv, runs));
    report("book_tags.csv.gz", timeRuns(runs, loadShelvesFile(folder / "book_tags.csv.gz")), 0.4,
           pandasMedian(peerScript, folder / "book_tags.csv.gz", runs));
    // What the shelves add to opening the folder (all five .gz files, as the app does).
    const auto loadFolder = [&](bool shelves) {
        return [&, shelves] {
            DatasetLoadConfig config;
            config.folder = folder.string();
            config.loadShelves = shelves;
            if (loadDataset(config).dataset.ratings.size() == 0)
                std::abort();
        };
    };
    report("folder without shelves", timeRuns(runs, loadFolder(false)), 0.5, -1);
    report("folder with shelves", timeRuns(runs, loadFolder(true)), 0.8, -1);

    for (const fs::path& file : {ratingsCsv, folder / "ratings.csv.gz", big / "ratings.csv"}) {
        const std::string command = std::string(argv[0]) + " --peak-memory " + file.string();
        FILE* pipe = popen(command.c_str(), "r");
        double peakMb = 0, tableMb = 0;
        if (pipe != nullptr && std::fscanf(pipe, "%lf %lf", &peakMb, &tableMb) == 2)
            std::printf(
                "peak memory loading %-40s %.1f MB for a %.1f MB table: %.2fx (target < 3x)\n",
                file.filename().string().c_str(), peakMb, tableMb, peakMb / tableMb);
        if (pipe != nullptr)
            pclose(pipe);
    }
    return 0;
}
