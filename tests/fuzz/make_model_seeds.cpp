// Writes the model fuzz target's seeds: a small dot model, a small neural model and two small
// item-item models (EASE with dense weights, item-kNN with neighbour lists), saved by
// saveModel, each as the file itself and as 'c' + the file without its checksum (the target's
// mode that appends the checksum). Usage: make_model_seeds FOLDER
#include "model/ItemItemModel.h"
#include "model/ModelFile.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

using namespace shelfscope;

namespace {

/// Three readers of four books and weights of the kind's layout, by hand (no fit needed).
std::unique_ptr<Model> itemItemModel(const ModelConfig& config) {
    auto readers = std::make_shared<ReaderBooks>();
    readers->offsets = {0, 2, 3, 5};
    readers->books = {0, 1, 2, 1, 3};
    auto weights = std::make_shared<ItemWeights>();
    weights->books = 4;
    if (config.kind == ModelKind::Ease) {
        weights->dense = Matrix::Constant(4, 4, 0.25f);
        weights->dense.diagonal().setZero();
    } else {
        weights->neighbourOffsets = {0, 1, 2, 2, 4};
        weights->neighbours = {1, 0, 0, 2};
        weights->similarities = {0.5f, 0.5f, 0.2f, 0.1f};
    }
    return std::make_unique<ItemItemModel>(config, weights, readers);
}

void writeSeeds(const std::filesystem::path& folder, const std::string& name,
                const ModelConfig& config) {
    const auto model =
        hasEmbeddingTables(config.kind) ? createModel(config, 3, 4, 7) : itemItemModel(config);
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
    ModelConfig ease;
    ease.kind = ModelKind::Ease;
    writeSeeds(folder, "ease", ease);
    ModelConfig knn;
    knn.kind = ModelKind::ItemKnn;
    writeSeeds(folder, "item-knn", knn);
    return 0;
}
