#include "model/ModelFile.h"

#include "io/AtomicFileWriter.h"
#include "io/DataError.h"
#include "io/NumberText.h"
#include "model/ItemItemModel.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <zlib.h>

namespace shelfscope {

namespace {

constexpr char kMagic[16] = {'S', 'H', 'E', 'L', 'F', 'S', 'C', 'O',
                             'P', 'E', '-', 'M', 'O', 'D', 'E', 'L'};
constexpr std::uint64_t kMaxFileBytes = std::uint64_t{16} << 30;

class ByteWriter {
public:
    template <typename T> void put(T value) {
        const auto* bytes = reinterpret_cast<const char*>(&value); // the format is little-endian
        out_.append(bytes, sizeof value);
    }
    void bytes(const void* data, std::size_t size) {
        out_.append(static_cast<const char*>(data), size);
    }
    void text(const std::string& value) {
        put(static_cast<std::uint32_t>(value.size()));
        out_ += value;
    }
    std::string& buffer() { return out_; }

private:
    std::string out_;
};

class ByteReader {
public:
    ByteReader(const std::string& path, const std::string& data, std::size_t end)
        : path_(path), data_(data), end_(end) {}

    template <typename T> T get(const char* what) {
        T value;
        need(sizeof value, what);
        std::memcpy(&value, data_.data() + pos_, sizeof value);
        pos_ += sizeof value;
        return value;
    }
    void read(void* target, std::size_t size, const char* what) {
        need(size, what);
        if (size == 0)
            return; // target may be an empty vector's null data(): memcpy must not see it
        std::memcpy(target, data_.data() + pos_, size);
        pos_ += size;
    }
    std::string text(const char* what) {
        const auto size = get<std::uint32_t>(what);
        need(size, what);
        std::string value = data_.substr(pos_, size);
        pos_ += size;
        return value;
    }
    std::size_t position() const { return pos_; }
    std::uint64_t remaining() const { return end_ - pos_; }
    [[noreturn]] void fail(const std::string& problem) const { throw DataError({path_}, problem); }
    /// Fails, naming `what`, unless `size` more bytes remain.
    void need(std::uint64_t size, const char* what) const {
        if (size > end_ - pos_)
            fail(std::string("the model file is inconsistent: it ends inside the ") + what);
    }

private:
    const std::string& path_;
    const std::string& data_;
    std::size_t end_;
    std::size_t pos_ = 0;
};

std::string joinWidths(const std::vector<int>& widths) {
    std::string text;
    for (int w : widths) {
        if (!text.empty())
            text.push_back(',');
        text.append(std::to_string(w));
    }
    return text;
}

/// The shortest decimal text that reads back as the very same float (std::to_chars): the
/// header's floats change predictions, so six decimals (std::to_string) are not enough.
std::string exactText(float value) {
    return shortestText(value);
}

std::string flagText(bool value) {
    return std::string(1, value ? '1' : '0');
}

std::string headerText(const ModelMetadata& m) {
    std::map<std::string, std::string> fields = m.notes;
    fields["kind"] = std::string(modelKindName(m.config.kind));
    fields["dim"] = std::to_string(m.config.dim);
    fields["biases"] = flagText(m.config.biases);
    fields["hidden"] = joinWidths(m.config.hidden);
    fields["product_features"] = flagText(m.config.productFeatures);
    fields["dot_term"] = flagText(m.config.dotTerm);
    fields["kernel_l2"] = exactText(m.config.kernelL2);
    fields["embedding_init_scale"] = exactText(m.config.embeddingInitScale);
    fields["ease_lambda"] = exactText(m.config.easeLambda);
    fields["knn_neighbours"] = std::to_string(m.config.knnNeighbours);
    fields["knn_shrink"] = exactText(m.config.knnShrink);
    fields["global_offset"] = exactText(m.globalOffset);
    fields["indexing"] = std::string(m.indexing == RowIndexing::Dense ? "dense" : "raw-ids");
    fields["dataset_fingerprint"] = std::to_string(m.datasetFingerprint);
    fields["dataset_name"] = m.datasetName;
    fields["dataset_folder"] = m.datasetFolder;
    fields["preset"] = m.preset;
    std::string text;
    for (const auto& [key, value] : fields) {
        std::string clean = value;
        for (char& c : clean)
            if (c == '\n')
                c = ' ';
        text.append(key).append("=").append(clean).append("\n");
    }
    return text;
}

std::map<std::string, std::string> parseHeader(const std::string& text) {
    std::map<std::string, std::string> fields;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const auto equals = line.find('=');
        if (equals != std::string::npos)
            fields[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return fields;
}

std::vector<int> parseWidths(const std::string& text) {
    std::vector<int> widths;
    std::istringstream items(text);
    std::string item;
    while (std::getline(items, item, ','))
        if (!item.empty())
            widths.push_back(std::stoi(item));
    return widths;
}

/// Reads the header's entries into `m`. Keys that version 1 did not write take the value those
/// files were made with; unknown keys are kept as notes.
void readMetadata(const std::map<std::string, std::string>& fields, std::uint32_t version,
                  ModelMetadata& m, const ByteReader& reader) {
    const auto field = [&](const char* key) -> const std::string& {
        const auto it = fields.find(key);
        if (it == fields.end())
            reader.fail(std::string("the model file's header has no '") + key + "' entry");
        return it->second;
    };
    // Version 2 writes every key; a version 1 file lacks those it did not know.
    const auto newField = [&](const char* key) -> const std::string* {
        if (version >= 2)
            return &field(key);
        const auto it = fields.find(key);
        return it == fields.end() ? nullptr : &it->second;
    };
    const auto flag = [&](const std::string& text, const char* key) {
        if (text != "0" && text != "1")
            reader.fail(std::string("the model file's header has '") + key + "=" + text +
                        "' where 0 or 1 belongs");
        return text == "1";
    };
    const auto newFlag = [&](const char* key, bool fallback) {
        const std::string* text = newField(key);
        return text == nullptr ? fallback : flag(*text, key);
    };
    const auto number = [&](const std::string& text, const char* key) {
        float value = 0.0f;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
            reader.fail(std::string("the model file's header has '") + key + "=" + text +
                        "' where a number belongs");
        return value;
    };
    const auto newNumber = [&](const char* key, float fallback) {
        const std::string* text = newField(key);
        return text == nullptr ? fallback : number(*text, key);
    };
    try {
        const std::string& kind = field("kind");
        const std::optional<ModelKind> known = modelKindNamed(kind);
        // Item-item models came with version 3: an older file naming one is damaged.
        if (!known || (version < 3 && !hasEmbeddingTables(*known)))
            reader.fail("the model file holds an unknown kind of model '" + kind + "'");
        m.config.kind = *known;
        m.config.dim = std::stoi(field("dim"));
        m.config.biases = flag(field("biases"), "biases");
        m.config.hidden = parseWidths(field("hidden"));
        m.config.productFeatures = newFlag("product_features", false);
        // Version 1 dropped the dot term; its files only say which preset they came from.
        // tuned-nn is the one preset with a dot term, which the command line cannot turn off
        // (the app can, by unticking it: such a version 1 file is read with the term).
        m.config.dotTerm =
            newFlag("dot_term", m.config.kind == ModelKind::Neural && fields.count("preset") != 0 &&
                                    fields.at("preset") == "tuned-nn");
        const ModelConfig defaults;
        m.config.kernelL2 = newNumber("kernel_l2", defaults.kernelL2);
        m.config.embeddingInitScale =
            newNumber("embedding_init_scale", defaults.embeddingInitScale);
        // Version 3 writes the item-item settings; older files take the defaults (no
        // item-item model came before it).
        const auto version3Field = [&](const char* key) -> const std::string* {
            if (version >= 3)
                return &field(key);
            return nullptr;
        };
        if (const std::string* text = version3Field("ease_lambda"))
            m.config.easeLambda = number(*text, "ease_lambda");
        if (const std::string* text = version3Field("knn_neighbours"))
            m.config.knnNeighbours = std::stoi(*text);
        if (const std::string* text = version3Field("knn_shrink"))
            m.config.knnShrink = number(*text, "knn_shrink");
        m.globalOffset = number(field("global_offset"), "global_offset");
        m.indexing = field("indexing") == "dense" ? RowIndexing::Dense : RowIndexing::RawIds;
        m.datasetFingerprint = std::stoull(field("dataset_fingerprint"));
    } catch (const std::logic_error&) { // std::stoi and friends
        reader.fail("the model file's header has a malformed number");
    }
    m.datasetName = field("dataset_name");
    m.datasetFolder = field("dataset_folder");
    m.preset = field("preset");
    for (const auto& [key, value] : fields)
        m.notes[key] = value;
}

/// The fewest weights a model of this shape has (its embeddings and the kernels between hidden
/// layers), for a config that passed validateModelConfig.
std::uint64_t leastWeightCount(const ModelConfig& config, std::uint64_t users,
                               std::uint64_t books) {
    std::uint64_t count = (users + books) * static_cast<std::uint64_t>(config.dim);
    if (config.kind == ModelKind::Neural)
        for (std::size_t layer = 1; layer < config.hidden.size(); ++layer)
            count += static_cast<std::uint64_t>(config.hidden[layer - 1]) *
                     static_cast<std::uint64_t>(config.hidden[layer]);
    return count;
}

template <typename T> void putArray(ByteWriter& out, const std::vector<T>& values) {
    out.put(static_cast<std::uint64_t>(values.size()));
    out.bytes(values.data(), values.size() * sizeof(T));
}

enum : std::uint32_t { DenseWeights = 0, SparseWeights = 1 };

/// Version 3's item-item section: the reader lists, then the weights (docs/MODEL_FILE.md).
void writeItemItem(ByteWriter& out, const ItemItemModel& model) {
    putArray(out, model.readers().offsets);
    putArray(out, model.readers().books);
    const ItemWeights& w = model.weights();
    out.put(w.isDense() ? DenseWeights : SparseWeights);
    out.put(static_cast<std::uint64_t>(w.books));
    if (w.isDense()) {
        out.bytes(w.dense.data(), static_cast<std::size_t>(w.dense.size()) * sizeof(float));
        return;
    }
    putArray(out, w.neighbourOffsets);
    putArray(out, w.neighbours);
    putArray(out, w.similarities);
}

/// Reads an array written by putArray, refusing a count the rest of the file cannot hold before
/// anything is allocated.
template <typename T>
std::vector<T> getArray(ByteReader& reader, const char* what, std::uint64_t expected = ~0ull) {
    const auto count = reader.get<std::uint64_t>(what);
    if (expected != ~0ull && count != expected)
        reader.fail(std::string("the model file's ") + what + " have " + std::to_string(count) +
                    " entries where " + std::to_string(expected) + " belong");
    if (count > reader.remaining() / sizeof(T))
        reader.fail(std::string("the model file is inconsistent: it ends inside the ") + what);
    std::vector<T> values(static_cast<std::size_t>(count));
    reader.read(values.data(), values.size() * sizeof(T), what);
    return values;
}

std::unique_ptr<Model> readItemItem(ByteReader& reader, const ModelMetadata& m) {
    auto readers = std::make_shared<ReaderBooks>();
    readers->offsets =
        getArray<std::int64_t>(reader, "reader lists' offsets", m.userRawIds.size() + 1);
    readers->books = getArray<std::int32_t>(reader, "reader lists");
    auto weights = std::make_shared<ItemWeights>();
    const auto layout = reader.get<std::uint32_t>("item-item weights");
    const auto books = reader.get<std::uint64_t>("item-item weights");
    if (books != m.bookRawIds.size())
        reader.fail("the model file's item-item weights are for " + std::to_string(books) +
                    " books where its book id map has " + std::to_string(m.bookRawIds.size()));
    weights->books = static_cast<std::int32_t>(books);
    if (layout == DenseWeights) {
        // Divided, not multiplied: books * books * 4 can pass 2^64 for books near 2^31.
        if (books > reader.remaining() / sizeof(float) / books)
            reader.fail("the model file is inconsistent: it ends inside the item-item weights");
        weights->dense.resize(static_cast<Eigen::Index>(books), static_cast<Eigen::Index>(books));
        reader.read(weights->dense.data(), books * books * sizeof(float), "item-item weights");
    } else if (layout == SparseWeights) {
        weights->neighbourOffsets =
            getArray<std::int64_t>(reader, "neighbour lists' offsets", books + 1);
        weights->neighbours = getArray<std::int32_t>(reader, "neighbour lists");
        weights->similarities = getArray<float>(reader, "similarities", weights->neighbours.size());
    } else {
        reader.fail("the model file's item-item weights have an unknown layout " +
                    std::to_string(layout));
    }
    try {
        return std::make_unique<ItemItemModel>(m.config, std::move(weights), std::move(readers));
    } catch (const std::invalid_argument& error) {
        reader.fail(std::string("the model file's item-item model is inconsistent: ") +
                    error.what());
    }
}

} // namespace

void saveModel(const std::string& path, const Model& model, const ModelMetadata& metadata) {
    ByteWriter out;
    out.bytes(kMagic, sizeof kMagic);
    out.put(kModelFileVersion);
    ModelMetadata full = metadata;
    full.config = model.config();
    full.globalOffset = model.globalOffset();
    out.text(headerText(full));
    for (const auto* ids : {&metadata.userRawIds, &metadata.bookRawIds}) {
        out.put(static_cast<std::uint64_t>(ids->size()));
        out.bytes(ids->data(), ids->size() * sizeof(std::int32_t));
    }
    out.put(static_cast<std::uint32_t>(model.parameters().size()));
    for (const Parameter& p : model.parameters()) {
        out.text(p.name);
        out.put(static_cast<std::uint32_t>(p.axis));
        out.put(static_cast<std::uint64_t>(p.values.rows()));
        out.put(static_cast<std::uint64_t>(p.values.cols()));
        out.bytes(p.values.data(), static_cast<std::size_t>(p.values.size()) * sizeof(float));
    }
    if (const auto* itemItem = dynamic_cast<const ItemItemModel*>(&model))
        writeItemItem(out, *itemItem);
    const auto checksum =
        static_cast<std::uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(out.buffer().data()),
                                         static_cast<uInt>(out.buffer().size())));
    out.put(checksum);
    AtomicFileWriter file(path);
    file.write(out.buffer());
    file.commit();
}

SavedModel loadModel(const std::string& path) {
    // A folder opens for reading on Linux and reports a meaningless size: say what it is.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw DataError({path}, "cannot open the model file: it is a folder, not a file");
    errno = 0;
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw DataError({path}, "cannot open the model file: " + std::string(std::strerror(errno)));
    const auto size = static_cast<std::uint64_t>(in.tellg());
    if (size > kMaxFileBytes)
        throw DataError({path}, "the model file is too large to be a Shelfscope model");
    std::string data(size, '\0');
    in.seekg(0);
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (size < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
        throw DataError({path},
                        "not a Shelfscope model file (its first bytes are not SHELFSCOPE-MODEL)");
    if (size < sizeof kMagic + 8)
        throw DataError({path}, "the model file is truncated");
    ByteReader reader(path, data, size - 4);
    char magic[sizeof kMagic];
    reader.read(magic, sizeof magic, "magic");
    const auto version = reader.get<std::uint32_t>("version");
    if (version < 1 || version > kModelFileVersion)
        reader.fail("the model file has format version " + std::to_string(version) +
                    "; this Shelfscope reads versions 1 to " + std::to_string(kModelFileVersion));
    std::uint32_t stored = 0;
    std::memcpy(&stored, data.data() + size - 4, 4);
    const auto computed = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(size - 4)));
    if (stored != computed)
        reader.fail("the model file is truncated or corrupted (checksum mismatch)");

    SavedModel saved;
    ModelMetadata& m = saved.metadata;
    readMetadata(parseHeader(reader.text("header")), version, m, reader);
    for (auto* ids : {&m.userRawIds, &m.bookRawIds}) {
        const auto count = reader.get<std::uint64_t>("id map");
        if (count > (std::uint64_t{1} << 31))
            reader.fail("the model file's id map is implausibly large");
        // Checked before the allocation: a count the file cannot hold must not reserve gigabytes.
        reader.need(count * sizeof(std::int32_t), "id map");
        ids->resize(static_cast<std::size_t>(count));
        reader.read(ids->data(), ids->size() * sizeof(std::int32_t), "id map");
    }
    if (m.userRawIds.empty() || m.bookRawIds.empty())
        reader.fail("the model file has no users or no books");
    if (!hasEmbeddingTables(m.config.kind)) {
        try {
            validateModelConfig(m.config);
        } catch (const std::invalid_argument& error) {
            reader.fail(std::string("the model file describes an invalid model: ") + error.what());
        }
        if (reader.get<std::uint32_t>("parameter list") != 0)
            reader.fail("the model file's parameters do not fit a " +
                        std::string(modelKindName(m.config.kind)) + " model");
        saved.model = readItemItem(reader, m);
        if (reader.position() != size - 4)
            reader.fail("the model file has unexpected bytes after the weights");
        return saved;
    }
    try {
        // createModel allocates and fills every weight: a header that asks for more than the file
        // holds (gigabytes, from a few damaged bytes) is refused before that.
        validateModelConfig(m.config);
        if (leastWeightCount(m.config, m.userRawIds.size(), m.bookRawIds.size()) * sizeof(float) >
            reader.remaining())
            reader.fail("the model file's weights do not fit a " +
                        std::string(modelKindName(m.config.kind)) +
                        " model of the shape its header gives: the file is too short for them");
        saved.model = createModel(m.config, static_cast<std::int32_t>(m.userRawIds.size()),
                                  static_cast<std::int32_t>(m.bookRawIds.size()), 0);
    } catch (const std::invalid_argument& error) {
        reader.fail(std::string("the model file describes an invalid model: ") + error.what());
    }
    saved.model->setGlobalOffset(m.globalOffset);
    std::vector<Parameter>& parameters = saved.model->parameters();
    if (reader.get<std::uint32_t>("parameter list") != parameters.size())
        reader.fail("the model file's parameters do not fit a " +
                    std::string(modelKindName(m.config.kind)) + " model");
    for (Parameter& p : parameters) {
        const std::string name = reader.text("parameter name");
        const auto axis = reader.get<std::uint32_t>("parameter");
        const auto rows = reader.get<std::uint64_t>("parameter");
        const auto cols = reader.get<std::uint64_t>("parameter");
        if (name != p.name || axis != static_cast<std::uint32_t>(p.axis) ||
            rows != static_cast<std::uint64_t>(p.values.rows()) ||
            cols != static_cast<std::uint64_t>(p.values.cols()))
            reader.fail("the model file's parameter '" + name + "' does not fit a " +
                        std::string(modelKindName(m.config.kind)) + " model of this shape");
        reader.read(p.values.data(), static_cast<std::size_t>(p.values.size()) * sizeof(float),
                    "weights");
    }
    if (reader.position() != size - 4)
        reader.fail("the model file has unexpected bytes after the weights");
    return saved;
}

} // namespace shelfscope
