#include "ProgramRunner.h"
#include "maps/TsneKernels.h"
#include "model/SmallGemmKernels.h"
#include "train/AdamKernels.h"
#include "util/CpuPath.h"
#include "util/Random.h"

#include <Eigen/Core>
#include <QRegularExpression>
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace shelfscope;

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Every path this build and CPU can run, each as a data row named after it.
template <typename Kernels>
void addPathRows(const Kernels* (*kernelsFor)(CpuPath), const char* caseName = nullptr) {
    for (const CpuPath path : {CpuPath::Baseline, CpuPath::Avx2, CpuPath::Avx512})
        if (kernelsFor(path) != nullptr) {
            const QByteArray name = caseName ? QByteArray(cpuPathName(path)) + ", " + caseName
                                             : QByteArray(cpuPathName(path));
            QTest::newRow(name.constData()) << static_cast<int>(path);
        }
}

/// The small-GEMM case `shape` once for every path this build and CPU can run, each row named
/// "PATH, shape" and holding the path and then `values`.
template <typename... Values> void addSmallGemmRows(const QByteArray& shape, Values... values) {
    for (const CpuPath path : {CpuPath::Baseline, CpuPath::Avx2, CpuPath::Avx512})
        if (smallGemmKernelsFor(path) != nullptr) {
            QTestData& row =
                QTest::newRow((QByteArray(cpuPathName(path)) + ", " + shape).constData());
            row << static_cast<int>(path);
            (row << ... << values);
        }
}

std::vector<float> randomFloats(std::size_t n, float low, float high, std::uint64_t seed) {
    Random random(seed);
    std::vector<float> values(n);
    for (float& value : values)
        value = low + (high - low) * static_cast<float>(random.uniform());
    return values;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

/// Rows of the fused trainer's layout ([w | m | v | step], padded to `stride`), random values.
std::vector<float> randomTable(std::size_t rows, std::size_t dim, std::size_t stride,
                               std::uint64_t seed) {
    std::vector<float> table = randomFloats(rows * stride, -1.0f, 1.0f, seed);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t j = 0; j < dim; ++j) {
            float& v = table[r * stride + 2 * dim + j];
            v = v * v * 1e-3f; // second moments are never negative
        }
    return table;
}

} // namespace

class TestCpuPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void activePathIsOneTheCpuRuns() {
        QVERIFY(cpuPathAvailable(CpuPath::Baseline));
        QVERIFY(cpuPathAvailable(activeCpuPath()));
        QVERIFY(cpuPathAvailable(bestCpuPath()));
        const QString report = QString::fromStdString(cpuPathReport());
        QVERIFY2(report.startsWith(QStringLiteral("kernels: ") +
                                   QLatin1String(cpuPathName(activeCpuPath()))),
                 qPrintable(report));
        const QByteArray forced = qgetenv("SHELFSCOPE_CPU_PATH");
        if (!forced.isEmpty() && forced != cpuPathName(activeCpuPath()))
            QVERIFY2(report.contains(QStringLiteral("refused")) ||
                         report.contains(QStringLiteral("ignored")),
                     qPrintable(report));
    }

    void adamKernelsGiveTheBaselineBits_data() {
        QTest::addColumn<int>("path");
        addPathRows(&adamKernelsFor);
    }

    void adamKernelsGiveTheBaselineBits() {
        // Element-wise IEEE operations in one order and no fused multiply-adds: every path must
        // give the baseline's bits, so the fused trainer and the generic one agree on any path.
        QFETCH(int, path);
        const AdamKernelTable& base = *adamKernelsFor(CpuPath::Baseline);
        const AdamKernelTable& kernels = *adamKernelsFor(static_cast<CpuPath>(path));
        const AdamStepScalars scalars{0.9f, 0.999f, 3e-3f, 1e-7f};
        for (const std::size_t n : {std::size_t{1}, std::size_t{5}, std::size_t{7}, std::size_t{16},
                                    std::size_t{33}, std::size_t{1001}}) {
            const std::vector<float> g = randomFloats(n, -2.0f, 2.0f, n);
            const std::vector<float> move = randomFloats(n, 0.0f, 0.05f, n + 1);
            const std::vector<float> decay1 = randomFloats(n, 0.1f, 1.0f, n + 2);
            const std::vector<float> decay2 = randomFloats(n, 0.5f, 1.0f, n + 3);
            std::vector<float> p[2], m[2], v[2];
            for (int k = 0; k < 2; ++k) {
                p[k] = randomFloats(n, -1.0f, 1.0f, 7);
                m[k] = randomFloats(n, -0.1f, 0.1f, 8);
                v[k] = randomFloats(n, 0.0f, 0.01f, 9);
            }
            for (int k = 0; k < 2; ++k) {
                const AdamKernelTable& t = k == 0 ? base : kernels;
                t.step(p[k].data(), m[k].data(), v[k].data(), g.data(), n, scalars);
                t.settle(p[k].data(), m[k].data(), v[k].data(), move.data(), decay1.data(),
                         decay2.data(), n, scalars.epsilon);
            }
            QVERIFY(p[0] != randomFloats(n, -1.0f, 1.0f, 7));
            QVERIFY2(sameBits(p[0], p[1]) && sameBits(m[0], m[1]) && sameBits(v[0], v[1]),
                     qPrintable(QStringLiteral("n = %1").arg(n)));
        }
    }

    void adamRowKernelsGiveTheBaselineBits_data() {
        QTest::addColumn<int>("path");
        addPathRows(&adamKernelsFor);
    }

    void adamRowKernelsGiveTheBaselineBits() {
        // The fused trainer's rows, of 5 (their own vector code) and of other sizes.
        QFETCH(int, path);
        const AdamKernelTable& base = *adamKernelsFor(CpuPath::Baseline);
        const AdamKernelTable& kernels = *adamKernelsFor(static_cast<CpuPath>(path));
        const AdamStepScalars scalars{0.9f, 0.999f, 1e-3f, 1e-7f};
        for (const std::size_t dim : {std::size_t{3}, std::size_t{5}, std::size_t{16}}) {
            const std::size_t stride = (3 * dim + 1 + 15) / 16 * 16;
            constexpr std::size_t kRows = 40;
            const std::vector<std::int32_t> touched = {3, 17, 0, 39, 22, 8};
            const std::vector<float> gradients =
                randomFloats(touched.size() * dim + 8, -1.0f, 1.0f, dim);
            std::vector<float> table[2] = {randomTable(kRows, dim, stride, 5),
                                           randomTable(kRows, dim, stride, 5)};
            for (int k = 0; k < 2; ++k) {
                const AdamKernelTable& t = k == 0 ? base : kernels;
                std::vector<RowSettlement> settle;
                for (const std::int32_t r : {1, 3, 39, 22, 30})
                    settle.push_back({table[k].data() + static_cast<std::size_t>(r) * stride,
                                      0.01f * static_cast<float>(r), 0.9f, 0.99f});
                t.settleRows(settle.data(), settle.size(), dim, scalars.epsilon);
                t.stepRows(table[k].data(), stride, touched.data(), touched.size(),
                           gradients.data(), dim, scalars);
            }
            QVERIFY(table[0] != randomTable(kRows, dim, stride, 5));
            QVERIFY2(sameBits(table[0], table[1]), qPrintable(QStringLiteral("dim %1").arg(dim)));
        }
    }

    void smallGemmMatchesEigen_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("width");
        for (const auto& [rows, depth, width] :
             {std::tuple{32, 10, 128}, std::tuple{32, 128, 32}, std::tuple{7, 5, 256},
              std::tuple{13, 9, 64}, std::tuple{11, 3, 16}, std::tuple{9, 17, 48}}) {
            const QByteArray shape = QByteArray::number(rows) + "x" + QByteArray::number(depth) +
                                     "x" + QByteArray::number(width);
            addSmallGemmRows(shape, rows, depth, width);
        }
    }

    void smallGemmMatchesEigen() {
        // Each path sums in its own order: the results are the product to within rounding.
        QFETCH(int, path);
        QFETCH(int, rows);
        QFETCH(int, depth);
        QFETCH(int, width);
        const SmallGemmKernels& kernels = *smallGemmKernelsFor(static_cast<CpuPath>(path));
        std::srand(static_cast<unsigned>(rows * depth + width));
        const RowMatrix a = RowMatrix::Random(rows, depth);
        const RowMatrix b = RowMatrix::Random(depth, width);
        const RowMatrix offset = RowMatrix::Random(1, width);
        RowMatrix out(rows, width);
        GemmOutput output{out.data()};
        output.offset = offset.data();
        const bool taken =
            kernels.multiply({a.data(), depth, 1}, b.data(), output, rows, depth, width);
        QCOMPARE(taken, width % kernels.lanes == 0);
        if (!taken)
            return; // SmallGemm.cpp gives these widths to Eigen
        const Eigen::MatrixXd exact =
            (a.cast<double>() * b.cast<double>()).rowwise() + offset.cast<double>().row(0);
        const double worst = (out.cast<double>() - exact).cwiseAbs().maxCoeff();
        QVERIFY2(worst < 1e-6 * (depth + 1), qPrintable(QString::number(worst)));
        // The transposed left operand read in place: a^T b from a's transpose.
        const RowMatrix at = a.transpose();
        kernels.multiply({at.data(), 1, rows}, b.data(), GemmOutput{out.data()}, rows, depth,
                         width);
        const double worstTransposed =
            (out.cast<double>() - a.cast<double>() * b.cast<double>()).cwiseAbs().maxCoeff();
        QVERIFY2(worstTransposed < 1e-6 * (depth + 1), qPrintable(QString::number(worst)));
    }

    void smallGemmFinishesEntries_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("width");
        for (const auto& [rows, depth, width] :
             {std::tuple{32, 10, 128}, std::tuple{32, 128, 32}, std::tuple{13, 9, 64}}) {
            const QByteArray shape = QByteArray::number(rows) + "x" + QByteArray::number(depth) +
                                     "x" + QByteArray::number(width);
            addSmallGemmRows(shape, rows, depth, width);
        }
    }

    void smallGemmFinishesEntries() {
        // relu: nothing negative, a NaN stays one, the rest the product's max(x, 0); the mask:
        // exact zeros where it is not positive, the product elsewhere.
        QFETCH(int, path);
        QFETCH(int, rows);
        QFETCH(int, depth);
        QFETCH(int, width);
        const SmallGemmKernels& kernels = *smallGemmKernelsFor(static_cast<CpuPath>(path));
        std::srand(static_cast<unsigned>(rows + depth * width));
        RowMatrix a = RowMatrix::Random(rows, depth);
        a(rows - 1, 0) = std::numeric_limits<float>::quiet_NaN();
        const RowMatrix b = RowMatrix::Random(depth, width);
        const RowMatrix offset = RowMatrix::Random(1, width);
        const Eigen::MatrixXd exact =
            (a.cast<double>() * b.cast<double>()).rowwise() + offset.cast<double>().row(0);
        RowMatrix out(rows, width);
        GemmOutput relu{out.data()};
        relu.offset = offset.data();
        relu.relu = true;
        QVERIFY(kernels.multiply({a.data(), depth, 1}, b.data(), relu, rows, depth, width));
        int negative = 0, nans = 0;
        double worst = 0.0;
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < width; ++c) {
                negative += out(r, c) < 0.0f ? 1 : 0;
                if (r == rows - 1) {
                    nans += std::isnan(out(r, c)) ? 1 : 0;
                    continue;
                }
                worst = std::max(worst, std::abs(out(r, c) - std::max(exact(r, c), 0.0)));
            }
        QCOMPARE(negative, 0);
        QCOMPARE(nans, width);
        QVERIFY2(worst < 1e-6 * (depth + 1), qPrintable(QString::number(worst)));
        QVERIFY((out.array() == 0.0f).count() > rows); // some entries were negative

        const RowMatrix keep = RowMatrix::Random(rows, width);
        GemmOutput masked{out.data()};
        masked.keepWherePositive = keep.data();
        QVERIFY(kernels.multiply({a.data(), depth, 1}, b.data(), masked, rows, depth, width));
        const Eigen::MatrixXd plain = a.cast<double>() * b.cast<double>();
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < width; ++c) {
                if (keep(r, c) <= 0.0f)
                    QCOMPARE(out(r, c), 0.0f); // a NaN too (the last row's)
                else if (r + 1 < rows)
                    QVERIFY(std::abs(out(r, c) - plain(r, c)) < 1e-6 * (depth + 1));
            }
    }

    void smallGemmTransposes_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("padding");
        // The notebook's kernels (10 rows padded to whole vectors), blocks with leftover rows
        // and columns, a matrix smaller than a block, and empty ones.
        for (const auto& [rows, cols, padding] :
             {std::tuple{128, 32, 0}, std::tuple{10, 128, 6}, std::tuple{13, 7, 3},
              std::tuple{3, 5, 5}, std::tuple{17, 19, 0}, std::tuple{0, 4, 4},
              std::tuple{6, 0, 2}}) {
            const QByteArray shape = QByteArray::number(rows) + "x" + QByteArray::number(cols) +
                                     " + " + QByteArray::number(padding);
            addSmallGemmRows(shape, rows, cols, padding);
        }
    }

    void smallGemmTransposes() {
        // A transpose moves values: every path must give the same bits, zeros in the padding.
        QFETCH(int, path);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, padding);
        const SmallGemmKernels& kernels = *smallGemmKernelsFor(static_cast<CpuPath>(path));
        const std::vector<float> in = randomFloats(static_cast<std::size_t>(rows * cols), -1.0f,
                                                   1.0f, static_cast<std::uint64_t>(rows + cols));
        const int stride = rows + padding;
        std::vector<float> out(static_cast<std::size_t>(cols * stride), 7.0f);
        kernels.transpose(in.data(), rows, cols, out.data(), stride);
        int wrong = 0;
        for (int c = 0; c < cols; ++c)
            for (int r = 0; r < stride; ++r) {
                const float expected = r < rows ? in[static_cast<std::size_t>(r * cols + c)] : 0.0f;
                const float got = out[static_cast<std::size_t>(c * stride + r)];
                wrong += std::memcmp(&got, &expected, sizeof got) == 0 ? 0 : 1;
            }
        QCOMPARE(wrong, 0);
    }

    void smallGemmSumsColumns_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("width");
        for (const auto& [rows, width] : {std::pair{32, 128}, std::pair{32, 32}, std::pair{7, 5},
                                          std::pair{1, 19}, std::pair{0, 8}}) {
            const QByteArray shape = QByteArray::number(rows) + "x" + QByteArray::number(width);
            addSmallGemmRows(shape, rows, width);
        }
    }

    void smallGemmSumsColumns() {
        // Each column added in row order: the double sums to within float rounding, and the
        // same bits on every path (the order does not depend on the vector width).
        QFETCH(int, path);
        QFETCH(int, rows);
        QFETCH(int, width);
        const std::vector<float> in = randomFloats(static_cast<std::size_t>(rows * width), -1.0f,
                                                   1.0f, static_cast<std::uint64_t>(rows * width));
        std::vector<float> sums(static_cast<std::size_t>(width), 7.0f);
        smallGemmKernelsFor(static_cast<CpuPath>(path))
            ->sumColumns(in.data(), rows, width, sums.data());
        std::vector<float> baseline(static_cast<std::size_t>(width));
        smallGemmKernelsFor(CpuPath::Baseline)->sumColumns(in.data(), rows, width, baseline.data());
        QVERIFY(sameBits(sums, baseline));
        for (int c = 0; c < width; ++c) {
            double exact = 0.0;
            for (int r = 0; r < rows; ++r)
                exact += in[static_cast<std::size_t>(r * width + c)];
            QVERIFY2(std::abs(sums[static_cast<std::size_t>(c)] - exact) < 1e-6 * (rows + 1),
                     qPrintable(QStringLiteral("column %1").arg(c)));
        }
    }

    void tsneForcesMatchDoubleSums_data() {
        QTest::addColumn<int>("path");
        addPathRows(&tsneKernelsFor);
    }

    void tsneForcesMatchDoubleSums() {
        // The sums' order depends on the vector width: every path must give the forces to
        // within float rounding of the sums, computed here in double.
        QFETCH(int, path);
        const TsneKernels& kernels = *tsneKernelsFor(static_cast<CpuPath>(path));
        constexpr std::size_t kPoints = 37;
        constexpr std::size_t kList = 301;
        const std::vector<float> px = randomFloats(kPoints, -5.0f, 5.0f, 1);
        const std::vector<float> py = randomFloats(kPoints, -5.0f, 5.0f, 2);
        std::vector<float> lx = randomFloats(kList, -20.0f, 20.0f, 3);
        std::vector<float> ly = randomFloats(kList, -20.0f, 20.0f, 4);
        std::vector<float> lc = randomFloats(kList, 1.0f, 30.0f, 5);
        std::vector<float> z(kPoints), fx(kPoints), fy(kPoints);
        kernels.repulsion(px.data(), py.data(), kPoints, lx.data(), ly.data(), lc.data(), kList,
                          z.data(), fx.data(), fy.data());
        for (std::size_t i = 0; i < kPoints; ++i) {
            double zs = -1.0, sx = 0.0, sy = 0.0, scale = 1.0;
            for (std::size_t e = 0; e < kList; ++e) {
                const double dx = double(px[i]) - lx[e];
                const double dy = double(py[i]) - ly[e];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy);
                zs += lc[e] * q;
                sx += lc[e] * q * q * dx;
                sy += lc[e] * q * q * dy;
                scale += lc[e] * q;
            }
            const double tolerance = 1e-5 * scale;
            QVERIFY2(
                std::abs(z[i] - zs) < tolerance && std::abs(fx[i] - sx) < tolerance &&
                    std::abs(fy[i] - sy) < tolerance,
                qPrintable(QStringLiteral("point %1: z %2 against %3").arg(i).arg(z[i]).arg(zs)));
        }

        // Attraction over a small sparse matrix: point i pulled by its next three.
        std::vector<float> x = randomFloats(kPoints, -5.0f, 5.0f, 6);
        std::vector<float> y = randomFloats(kPoints, -5.0f, 5.0f, 7);
        std::vector<std::int64_t> start = {0};
        std::vector<std::int32_t> column;
        std::vector<float> value = randomFloats(3 * kPoints, 0.0f, 0.01f, 8);
        for (std::size_t i = 0; i < kPoints; ++i) {
            for (std::size_t k = 1; k <= 3; ++k)
                column.push_back(static_cast<std::int32_t>((i + k) % kPoints));
            start.push_back(static_cast<std::int64_t>(column.size()));
        }
        const std::vector<float> repulsion = randomFloats(2 * kPoints, -1.0f, 1.0f, 9);
        std::vector<float> grad(2 * kPoints);
        kernels.attraction(0, static_cast<std::int32_t>(kPoints), x.data(), y.data(), start.data(),
                           column.data(), value.data(), 12.0f, repulsion.data(), 0.5f, grad.data());
        for (std::size_t i = 0; i < kPoints; ++i) {
            double ax = 0.0, ay = 0.0;
            for (auto e = start[i]; e < start[i + 1]; ++e) {
                const auto j = static_cast<std::size_t>(column[static_cast<std::size_t>(e)]);
                const double dx = double(x[i]) - x[j];
                const double dy = double(y[i]) - y[j];
                const double w = value[static_cast<std::size_t>(e)] / (1.0 + dx * dx + dy * dy);
                ax += w * dx;
                ay += w * dy;
            }
            QVERIFY(std::abs(grad[2 * i] - (12.0 * ax - repulsion[2 * i] * 0.5)) < 1e-5);
            QVERIFY(std::abs(grad[2 * i + 1] - (12.0 * ay - repulsion[2 * i + 1] * 0.5)) < 1e-5);
        }
    }

#if defined(SHELFSCOPE_CORE_ARCHIVE)
    void baselineCodeHoldsNoAvx() {
        // A portable build: only the *Avx2 and *Avx512 objects may use AVX, and each of them
        // may define just its kernel table. A weak (inline or template) function defined there
        // could be the copy the linker keeps for baseline code too: SIGILL on an older CPU.
        const program_test::Run objdump =
            program_test::runProgram(QStringLiteral("objdump"),
                                     {QStringLiteral("-d"), QStringLiteral("--no-show-raw-insn"),
                                      QStringLiteral(SHELFSCOPE_CORE_ARCHIVE)},
                                     QProcessEnvironment::systemEnvironment(), 120000);
        QCOMPARE(objdump.exitCode, 0);
        const QStringList lines = objdump.out.split(u'\n');
        // VEX/EVEX instructions (v-mnemonics) and the wide and mask registers.
        const QRegularExpression avx(
            QStringLiteral(R"(^\s*[0-9a-f]+:\s+(v[a-z0-9]+|k[a-z]+)\s|%[yz]mm|%k[0-7])"));
        const QRegularExpression member(QStringLiteral(R"(^(\S+\.o):\s+file format)"));
        const QRegularExpression isaMember(QStringLiteral(R"(Avx(2|512)\.cpp\.o$)"));
        QString current;
        int members = 0, isaMembers = 0, avxInIsaMembers = 0;
        for (const QString& line : lines) {
            const QRegularExpressionMatch m = member.match(line);
            if (m.hasMatch()) {
                current = m.captured(1);
                ++members;
                isaMembers += isaMember.match(current).hasMatch() ? 1 : 0;
                continue;
            }
            if (!avx.match(line).hasMatch() || line.contains(QLatin1String("\tverw")) ||
                line.contains(QLatin1String("\tverr")))
                continue;
            if (isaMember.match(current).hasMatch()) {
                ++avxInIsaMembers;
                continue;
            }
            QFAIL(qPrintable(QStringLiteral("%1 (baseline) has AVX code: %2").arg(current, line)));
        }
        QVERIFY(members > 50);
        QCOMPARE(isaMembers, 6);      // Adam, SmallGemm and t-SNE, AVX2 and AVX-512 each
        QVERIFY(avxInIsaMembers > 0); // the check would see AVX if it were there

        const program_test::Run nm =
            program_test::runProgram(QStringLiteral("nm"),
                                     {QStringLiteral("-A"), QStringLiteral("--defined-only"),
                                      QStringLiteral(SHELFSCOPE_CORE_ARCHIVE)},
                                     QProcessEnvironment::systemEnvironment(), 60000);
        QCOMPARE(nm.exitCode, 0);
        int tables = 0;
        for (const QString& line : nm.out.split(u'\n')) {
            // archive:member.o:address type name
            const QStringList parts = line.split(u' ');
            if (parts.size() < 3 || !isaMember.match(parts[0].section(u':', 1, 1)).hasMatch())
                continue;
            const QString type = parts[1];
            if (type == type.toLower() && type != QLatin1String("u") &&
                type != QLatin1String("v") && type != QLatin1String("w"))
                continue; // local symbols stay in their object
            QVERIFY2(type == QLatin1String("D") || type == QLatin1String("R"), qPrintable(line));
            QVERIFY2(parts[2].startsWith(QLatin1String("_ZN10shelfscope")), qPrintable(line));
            ++tables;
        }
        QCOMPARE(tables, 6);
    }
#endif
};

QTEST_APPLESS_MAIN(TestCpuPaths)
#include "tst_cpupaths.moc"
