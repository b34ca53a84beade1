// Training benchmark: each preset trained N times on goodbooks-10k (median seconds), then, with
// --peer, the notebook's models in PyTorch (tests/bench/notebook_peer.py) in the same run.
// Usage: train_benchmark [--data DIR] [--runs N] [--presets a,b] [--peer] [--threads N]
#include "BenchSupport.h"
#include "data/Dataset.h"
#include "train/Presets.h"
#include "util/CpuPath.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace shelfscope;
using namespace shelfscope::bench;
namespace fs = std::filesystem;

namespace {

struct PeerRun {
    std::vector<std::string> epochLines;
    double seconds = -1;
    double testMse = -1;
};

PeerRun runPeer(const fs::path& script, const std::string& data, const std::string& kind) {
    PeerRun run;
    const std::string command =
        "/usr/bin/python3 " + script.string() + " " + data + " " + kind + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return run;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        const std::string line(buffer);
        if (line.find("\"epoch\"") != std::string::npos)
            run.epochLines.push_back(line);
        else if (line.find("train_seconds") != std::string::npos) {
            run.seconds = jsonNumber(line, "train_seconds");
            run.testMse = jsonNumber(line, "test_mse");
        }
    }
    pclose(pipe);
    return run;
}

} // namespace

int main(int argc, char** argv) {
    std::string data = std::getenv("SHELFSCOPE_DATA") ? std::getenv("SHELFSCOPE_DATA") : "";
    int runs = 3;
    int threads = 0; // 0: each preset's own
    bool peer = false;
    std::string presetList = "notebook-dot,notebook-nn,tuned-dot,tuned-nn";
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--peer")
            peer = true;
        else if (i + 1 < argc && option == "--data")
            data = argv[++i];
        else if (i + 1 < argc && option == "--runs")
            runs = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--threads")
            threads = std::atoi(argv[++i]);
        else if (i + 1 < argc && option == "--presets")
            presetList = argv[++i];
    }
    if (data.empty()) {
        std::fprintf(stderr, "train_benchmark: give --data DIR or set SHELFSCOPE_DATA\n");
        return 2;
    }
    const fs::path script = fs::path(__FILE__).parent_path() / "notebook_peer.py";
    std::map<std::string, double> medians;
    std::map<std::string, double> testMse;
    std::stringstream names(presetList);
    std::string name;
    std::printf("Shelfscope training benchmark on %s, %d runs per preset, threads: %s\n",
                data.c_str(), runs, threads > 0 ? std::to_string(threads).c_str() : "preset's");
    std::printf("%s\n", cpuPathReport().c_str());
    while (std::getline(names, name, ',')) {
        const Preset* preset = findPreset(name);
        if (preset == nullptr) {
            std::fprintf(stderr, "unknown preset %s\n", name.c_str());
            return 2;
        }
        DatasetLoadConfig load;
        load.folder = data;
        load.keepDuplicates = preset->config.keepDuplicates;
        load.loadToRead = false;
        const DatasetLoadResult loaded = loadDataset(load);
        ExperimentConfig config = preset->config;
        if (threads > 0)
            config.train.threads = threads;
        std::vector<double> seconds;
        ExperimentResult last;
        for (int run = 0; run < runs; ++run) {
            const double cpuBefore = processCpuSeconds();
            last = runExperiment(loaded.dataset.ratings, config);
            seconds.push_back(last.training.trainSeconds);
            // Process CPU: the split, training and evaluation, all threads.
            std::printf("  run %d: %.3f s training, process CPU %.3f s, test MSE %.10f\n", run + 1,
                        last.training.trainSeconds, processCpuSeconds() - cpuBefore,
                        last.training.test.mse);
        }
        medians[name] = medianOf(seconds);
        testMse[name] = last.training.test.mse;
        std::printf("\n%s (%d threads): median %.3f s (min %.3f, max %.3f) for %zu epochs; "
                    "test MSE %.4f, RMSE %.4f, MAE %.4f\n",
                    name.c_str(), config.train.threads, medians[name],
                    *std::min_element(seconds.begin(), seconds.end()),
                    *std::max_element(seconds.begin(), seconds.end()), last.training.epochs.size(),
                    last.training.test.mse, last.training.test.rmse, last.training.test.mae);
        std::printf("  baselines: global mean RMSE %.4f, bias RMSE %.4f; %zu parameters\n",
                    last.globalMeanBaseline.rmse, last.biasBaseline.rmse,
                    last.model->parameterCount());
        for (const EpochReport& e : last.training.epochs)
            std::printf("  epoch %d: train loss %.4f, test MSE %.4f, %.3f s\n", e.epoch,
                        e.trainLoss, e.test.mse, e.seconds);
    }
    std::printf("\npeak resident memory of this process: %.1f MB\n",
                static_cast<double>(peakResidentKb()) / 1024.0);

    if (peer) {
        for (const auto& [preset, kind] :
             {std::pair{"notebook-dot", "dot"}, std::pair{"notebook-nn", "neural"}}) {
            if (medians.count(preset) == 0)
                continue;
            const PeerRun run = runPeer(script, data, kind);
            std::printf("\nPyTorch peer, %s model:\n", kind);
            for (const std::string& line : run.epochLines)
                std::printf("  %s", line.c_str());
            if (run.seconds <= 0) {
                std::printf("  the peer did not run (is python3-torch installed?)\n");
                continue;
            }
            std::printf(
                "  %s: Shelfscope %.3f s vs PyTorch %.1f s: %.0fx faster; test MSE %.4f vs %.4f\n",
                preset, medians[preset], run.seconds, run.seconds / medians[preset],
                testMse[preset], run.testMse);
        }
    }
    return 0;
}
