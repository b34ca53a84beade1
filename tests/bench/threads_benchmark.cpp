// Threads benchmark: is a second thread faster, both with the machine idle and with one of its
// cores kept busy by another program (as a desktop's other programs, or the GUI's own chart
// repaints, do)? Each preset is trained with every thread count in every condition, the
// variants interleaved round by round; the table gives medians of training seconds.
//
// The machine may be shared: every run measures the CPU time other processes took meanwhile
// (/proc/stat less this process and its busy child) and is taken again when that exceeded
// --max-foreign cores on average; before each run the program waits (up to --quiet-wait
// seconds) for a quiet second.
//
// Usage: threads_benchmark [--data DIR] [--runs N] [--presets a,b] [--threads 1,2]
//        [--conditions idle,busy] [--epochs preset=N,...] [--max-foreign X] [--quiet-wait S]
#include "BenchSupport.h"
#include "data/Dataset.h"
#include "train/Presets.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <vector>

using namespace shelfscope;
using namespace shelfscope::bench;

namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
        if (!item.empty())
            items.push_back(item);
    return items;
}

/// Clock ticks (USER_HZ) the whole machine spent busy, steal time included.
long long machineBusyTicks() {
    std::ifstream stat("/proc/stat");
    std::string cpu;
    long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
    return user + nice + system + irq + softirq + steal;
}

/// Clock ticks a process has run (user + system), 0 when it is gone.
long long processTicks(pid_t pid) {
    std::ifstream stat("/proc/" + (pid == 0 ? std::string("self") : std::to_string(pid)) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return 0;
    // Fields after the command name, which is in parentheses and may hold spaces.
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14)
            utime = std::atoll(field.c_str());
        if (index == 15) {
            stime = std::atoll(field.c_str());
            break;
        }
    }
    return utime + stime;
}

/// A child process that keeps one core busy until stopped.
class BusyCore {
public:
    BusyCore() : pid_(fork()) {
        if (pid_ == 0)
            for (;;)
                asm volatile("" ::: "memory"); // a loop the compiler must keep
    }
    ~BusyCore() { stop(); }
    BusyCore(const BusyCore&) = delete;
    BusyCore& operator=(const BusyCore&) = delete;
    pid_t pid() const { return pid_; }
    void stop() {
        if (pid_ <= 0)
            return;
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_;
};

/// Cores other processes kept busy, on average, over the last `seconds`.
double foreignCoresOver(double seconds) {
    const long long busy = machineBusyTicks();
    const long long self = processTicks(0);
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    const double ticks =
        static_cast<double>((machineBusyTicks() - busy) - (processTicks(0) - self));
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK)) / seconds;
}

struct Measurement {
    double trainSeconds = 0.0;
    double foreignCores = 0.0; ///< other processes' CPU during the run, in cores
    double testMse = 0.0;
};

Measurement measure(const RatingTable& table, const ExperimentConfig& config, bool busy) {
    std::unique_ptr<BusyCore> spinner;
    if (busy) {
        spinner = std::make_unique<BusyCore>();
        std::this_thread::sleep_for(std::chrono::milliseconds(50)); // let it take its core
    }
    const pid_t child = spinner ? spinner->pid() : 0;
    const long long busyBefore = machineBusyTicks();
    const long long selfBefore = processTicks(0);
    const long long childBefore = child > 0 ? processTicks(child) : 0;
    const auto start = std::chrono::steady_clock::now();
    const ExperimentResult result = runExperiment(table, config);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long long childTicks = child > 0 ? processTicks(child) - childBefore : 0;
    const long long foreign =
        (machineBusyTicks() - busyBefore) - (processTicks(0) - selfBefore) - childTicks;
    spinner.reset();
    Measurement m;
    m.trainSeconds = result.training.trainSeconds;
    m.foreignCores =
        static_cast<double>(foreign) / static_cast<double>(sysconf(_SC_CLK_TCK)) / wall;
    m.testMse = result.training.test.mse;
    return m;
}

std::string loadAverage() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int runs = 5;
    std::string presetList = "notebook-dot,notebook-nn,tuned-dot,tuned-nn,ranking-dot";
    std::string threadList = "1,2";
    std::string conditionList = "idle,busy";
    std::string epochList;
    double maxForeign = 0.15;
    double quietWait = 60.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        const std::string value = argv[i + 1];
        if (option == "--data")
            data = value;
        else if (option == "--runs")
            runs = std::atoi(value.c_str());
        else if (option == "--presets")
            presetList = value;
        else if (option == "--threads")
            threadList = value;
        else if (option == "--conditions")
            conditionList = value;
        else if (option == "--epochs")
            epochList = value;
        else if (option == "--max-foreign")
            maxForeign = std::atof(value.c_str());
        else if (option == "--quiet-wait")
            quietWait = std::atof(value.c_str());
        else {
            std::fprintf(stderr, "threads_benchmark: unknown option %s\n", option.c_str());
            return 2;
        }
    }
    if (data.empty()) {
        std::fprintf(stderr, "threads_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    std::map<std::string, int> epochs;
    for (const std::string& item : splitList(epochList))
        if (const auto at = item.find('='); at != std::string::npos)
            epochs[item.substr(0, at)] = std::atoi(item.c_str() + at + 1);
    std::vector<int> threadCounts;
    for (const std::string& item : splitList(threadList))
        threadCounts.push_back(std::atoi(item.c_str()));
    const std::vector<std::string> conditions = splitList(conditionList);
    const std::vector<std::string> names = splitList(presetList);

    const std::time_t now = std::time(nullptr);
    char date[64];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    std::printf("Threads benchmark on %s, %s, %u hardware threads, load average %s\n", data.c_str(),
                date, std::thread::hardware_concurrency(), loadAverage().c_str());
    std::printf("%d interleaved runs per variant; a run is repeated when other processes took "
                "more than %.2f cores during it\n",
                runs, maxForeign);
    std::map<bool, RatingTable> tables; // by keepDuplicates
    for (const std::string& name : names) {
        const Preset* preset = findPreset(name);
        if (preset == nullptr) {
            std::fprintf(stderr, "unknown preset %s\n", name.c_str());
            return 2;
        }
        if (tables.count(preset->config.keepDuplicates) == 0) {
            DatasetLoadConfig load;
            load.folder = data;
            load.keepDuplicates = preset->config.keepDuplicates;
            load.loadToRead = false;
            tables[preset->config.keepDuplicates] = loadDataset(load).dataset.ratings;
        }
    }

    struct Key {
        std::string preset, condition;
        int threads;
        bool operator<(const Key& o) const {
            return std::tie(preset, condition, threads) <
                   std::tie(o.preset, o.condition, o.threads);
        }
    };
    std::map<Key, std::vector<double>> seconds;
    std::map<Key, int> repeated;
    std::map<Key, double> mse;
    std::vector<double> foreignSeen;
    for (int round = 1; round <= runs; ++round) {
        for (const std::string& name : names) {
            ExperimentConfig config = findPreset(name)->config;
            if (epochs.count(name) != 0) {
                config.train.epochs = epochs[name];
                config.bpr.epochs = epochs[name];
            }
            const RatingTable& table = tables[config.keepDuplicates];
            for (const std::string& condition : conditions)
                for (int threads : threadCounts) {
                    config.train.threads = threads;
                    const Key key{name, condition, threads};
                    for (int attempt = 0;; ++attempt) {
                        for (double waited = 0.0;
                             waited < quietWait && foreignCoresOver(1.0) > maxForeign;
                             waited += 1.0) {
                        }
                        const Measurement m = measure(table, config, condition == "busy");
                        if (m.foreignCores <= maxForeign || attempt >= 4) {
                            foreignSeen.push_back(m.foreignCores);
                            seconds[key].push_back(m.trainSeconds);
                            mse[key] = m.testMse;
                            if (m.foreignCores > maxForeign)
                                std::printf("  (kept a disturbed run: %.2f foreign cores)\n",
                                            m.foreignCores);
                            break;
                        }
                        ++repeated[key];
                    }
                    std::printf("round %d %s %s %d thread(s): %.3f s\n", round, name.c_str(),
                                condition.c_str(), threads, seconds[key].back());
                    std::fflush(stdout);
                }
        }
    }

    std::printf("\n| preset | epochs | condition |");
    for (int threads : threadCounts)
        std::printf(" %d thread%s, median (min-max) |", threads, threads == 1 ? "" : "s");
    std::printf(" runs repeated |\n| --- | --- | --- |");
    for (std::size_t i = 0; i < threadCounts.size(); ++i)
        std::printf(" --- |");
    std::printf(" --- |\n");
    for (const std::string& name : names) {
        const ExperimentConfig& config = findPreset(name)->config;
        const int shown = epochs.count(name) != 0                       ? epochs[name]
                          : config.objective == TrainObjective::Ranking ? config.bpr.epochs
                                                                        : config.train.epochs;
        for (const std::string& condition : conditions) {
            std::printf("| %s | %d | %s |", name.c_str(), shown, condition.c_str());
            int again = 0;
            for (int threads : threadCounts) {
                const std::vector<double>& s = seconds[{name, condition, threads}];
                std::printf(" %.3f s (%.3f-%.3f) |", medianOf(s),
                            *std::min_element(s.begin(), s.end()),
                            *std::max_element(s.begin(), s.end()));
                again += repeated[{name, condition, threads}];
            }
            std::printf(" %d |\n", again);
        }
    }
    std::printf("\ntest MSE by variant (threads must not change it beyond rounding):\n");
    for (const auto& [key, value] : mse)
        std::printf("  %s %s %d: %.10f\n", key.preset.c_str(), key.condition.c_str(), key.threads,
                    value);
    std::printf("other processes during the kept runs: median %.3f cores, max %.3f; load "
                "average now %s\n",
                medianOf(foreignSeen), *std::max_element(foreignSeen.begin(), foreignSeen.end()),
                loadAverage().c_str());
    return 0;
}
