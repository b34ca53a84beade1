#pragma once

#include "train/Experiment.h"

#include <string>
#include <vector>

namespace shelfscope {

/// A named, documented starting point for a training run.
struct Preset {
    std::string name;
    std::string description;
    ExperimentConfig config;
};

/// notebook-dot, notebook-nn, tuned-dot, tuned-nn, ranking-dot, ease, item-knn, ials,
/// tuned-implicit.
const std::vector<Preset>& presets();
/// nullptr when there is no preset of that name.
const Preset* findPreset(const std::string& name);

} // namespace shelfscope
