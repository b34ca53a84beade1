// Writes the model fuzz target's seeds: a small dot model and a small neural model, saved by
// saveModel, each as the file itself and as 'c' + the file without its checksum (the target's
// mode that appends the checksum). Usage: make_model_seeds FOLDER
#include "model/ModelFile.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

using namespace shelfscope;

namespace {

void writeSeeds(const std::filesystem::path& folder, const std::string& name,
                const ModelConfig& config) {
    const auto model = createModel(config, 3, 4, 7);
    ModelMetadata metadata;
    metadata.userRawIds = {1, 2, 5};
    metadata.bookRawIds = {10, 11, 12, 40};
    metadata.datasetName = "fuzz";
    metadata.preset = name;
    metadata.notes["epochs"] = "1";
    const std::filesystem::path file = folder / (name + ".ssm");
    saveModel(file.string(), *model, metadata);
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    std::ofstream(folder / (name + "-unsummed.ssm"), std::ios::binary)
        << 'c' << bytes.substr(0, bytes.size() - 4);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_model_seeds FOLDER\n";
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);
    ModelConfig dot;
    dot.dim = 2;
    dot.biases = true;
    writeSeeds(folder, "dot", dot);
    ModelConfig neural;
    neural.kind = ModelKind::Neural;
    neural.dim = 2;
    neural.hidden = {3, 2};
    neural.productFeatures = true;
    neural.dotTerm = true;
    writeSeeds(folder, "neural", neural);
    return 0;
}
