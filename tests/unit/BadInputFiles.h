// Bad inputs made at run time, shared by the command-line suite (tst_badinput) and the GUI's
// (tst_badinputgui): data folders with a file too long, missing, a folder, empty or unreadable,
// and model files cut short, from the future, from another data set, a folder or unreadable.
#pragma once

#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

namespace bad_input {

inline QString fixture(const QString& relative) {
    return QStringLiteral(SHELFSCOPE_TEST_DATA_DIR "/") + relative;
}

/// The process's peak resident set so far, in MB (Linux reports kilobytes): a test compares it
/// before and after, so a table sized by the largest id (gigabytes) shows whatever came before.
inline double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

/// "PATH:LINE: " or "PATH: " when no line applies.
inline QString location(const QString& path, int line) {
    return line > 0 ? path + QLatin1Char(':') + QString::number(line) + QStringLiteral(": ")
                    : path + QStringLiteral(": ");
}

/// True when this process is root, where a file's mode does not stop reading it: the cases about
/// permissions then run the tool as the unprivileged user nobody (uid and gid 65534).
inline bool isRoot() {
    return geteuid() == 0;
}

/// Runs shelfscope-cli, as nobody when asked and this process is root.
inline cli_test::Run runCliAs(bool asOtherUser, const QStringList& arguments) {
    if (!asOtherUser || !isRoot())
        return cli_test::runCli(arguments);
    return cli_test::runProgram(
        QStringLiteral("setpriv"),
        QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                    QStringLiteral("--clear-groups"), QStringLiteral(SHELFSCOPE_CLI_PATH)} +
            arguments);
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

inline bool writeGzip(const QString& path, const QByteArray& bytes) {
    gzFile file = gzopen(QFile::encodeName(path).constData(), "wb");
    if (file == nullptr)
        return false;
    const int written = gzwrite(file, bytes.constData(), static_cast<unsigned>(bytes.size()));
    return gzclose(file) == Z_OK && written == bytes.size();
}

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline const QByteArray& goodRatings() {
    static const QByteArray ratings = readFile(fixture(QStringLiteral("good/tiny/ratings.csv")));
    return ratings;
}

/// A line of 64 MiB with no line end after it, past CsvReader's 16 MiB limit.
inline QByteArray hugeLine() {
    return QByteArray(qsizetype{64} << 20, '7');
}

constexpr auto kWorldReadableFolder =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther;

/// Columns: the case, the file the message names (empty: the folder itself), its line (0: none
/// applies), the problem, and whether it runs as another user (permissions).
inline void addFolderRows() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("asOtherUser");
    const auto row = [](const char* name, const char* file, int line, const char* problem,
                        bool asOtherUser = false) {
        QTest::newRow(name) << QString::fromLatin1(name) << QString::fromLatin1(file) << line
                            << QString::fromLatin1(problem) << asOtherUser;
    };
    const char* tooLong = "a line longer than 16 MiB (no line end, or a quote never closed): not "
                          "a data file of this kind";
    row("64 MiB line in ratings.csv", "ratings.csv", 7, tooLong);
    row("64 MiB line in ratings.csv.gz", "ratings.csv.gz", 7, tooLong);
    row("64 MiB line in books.csv", "books.csv", 2, tooLong);
    row("ratings.csv is a folder", "ratings.csv", 0,
        "cannot open file: it is a directory, not a file");
    row("books.csv is a folder", "books.csv", 0, "cannot open file: it is a directory, not a file");
    row("0-byte ratings.csv", "ratings.csv", 0, "the file is empty");
    row("0-byte books.csv", "books.csv", 0, "the file is empty");
    row("the data folder is a file", "", 0, "not a folder: expected a data set folder");
    row("ratings.csv without read permission", "ratings.csv", 0,
        "cannot open file: Permission denied", true);
    row("a data folder without read permission", "", 0,
        "cannot open data folder: Permission denied", true);
}

/// Makes the named case of addFolderRows (or "readable": a good copy) under dir; returns the
/// folder to open. Folders are world-readable unless the case is about their permissions (call
/// restorePermissions before dir is removed).
inline QString makeFolderCase(const QTemporaryDir& dir, const QString& name) {
    QFile::setPermissions(dir.path(), kWorldReadableFolder);
    const QString folder = dir.filePath(name.isEmpty() ? QStringLiteral("case") : name);
    QDir().mkpath(folder);
    QFile::setPermissions(folder, kWorldReadableFolder);
    const QString ratings = folder + QStringLiteral("/ratings.csv");
    const QString books = folder + QStringLiteral("/books.csv");
    if (name == QLatin1String("64 MiB line in ratings.csv")) {
        writeFile(ratings, goodRatings() + hugeLine());
    } else if (name == QLatin1String("64 MiB line in ratings.csv.gz")) {
        writeGzip(folder + QStringLiteral("/ratings.csv.gz"), goodRatings() + hugeLine());
    } else if (name == QLatin1String("64 MiB line in books.csv")) {
        writeFile(ratings, goodRatings());
        writeFile(books, "book_id,title,authors\n" + hugeLine() + "\n");
    } else if (name == QLatin1String("ratings.csv is a folder")) {
        QDir().mkpath(ratings);
    } else if (name == QLatin1String("books.csv is a folder")) {
        writeFile(ratings, goodRatings());
        QDir().mkpath(books);
    } else if (name == QLatin1String("0-byte ratings.csv")) {
        writeFile(ratings, {});
    } else if (name == QLatin1String("0-byte books.csv")) {
        writeFile(ratings, goodRatings());
        writeFile(books, {});
    } else if (name == QLatin1String("the data folder is a file")) {
        QDir(folder).removeRecursively();
        writeFile(folder, goodRatings());
    } else if (name == QLatin1String("ratings.csv without read permission")) {
        writeFile(ratings, goodRatings());
        QFile::setPermissions(ratings, {});
    } else if (name == QLatin1String("a data folder without read permission")) {
        writeFile(ratings, goodRatings());
        QFile::setPermissions(ratings, QFile::ReadOwner | QFile::ReadOther);
        QFile::setPermissions(folder, {}); // no one but root may list or search it
    } else {                               // "readable"
        writeFile(ratings, goodRatings());
        QFile::setPermissions(ratings, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    }
    return folder;
}

/// Gives a folder made by makeFolderCase back its permissions, so its QTemporaryDir can go.
inline void restorePermissions(const QString& folder) {
    QFile::setPermissions(folder, kWorldReadableFolder);
}

/// Columns: the case, the problem, and whether it runs as another user.
inline void addModelRows() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("asOtherUser");
    const auto row = [](const char* name, const char* problem, bool asOtherUser = false) {
        QTest::newRow(name) << QString::fromLatin1(name) << QString::fromUtf8(problem)
                            << asOtherUser;
    };
    row("from another data set", "the model was trained on another data set ('kaggle_crlf_bom'");
    row("from a future version",
        "the model file has format version 4; this Shelfscope reads versions 1 to 3");
    row("0 bytes", "not a Shelfscope model file (its first bytes are not SHELFSCOPE-MODEL)");
    row("cut inside the magic (10 bytes)", "not a Shelfscope model file");
    row("cut after the version (20 bytes)", "the model file is truncated");
    row("cut inside the header (100 bytes)",
        "the model file is truncated or corrupted (checksum mismatch)");
    row("cut inside the weights (half)",
        "the model file is truncated or corrupted (checksum mismatch)");
    row("last byte missing", "the model file is truncated or corrupted (checksum mismatch)");
    row("a CSV file", "not a Shelfscope model file");
    row("a folder", "cannot open the model file: it is a folder, not a file");
    row("missing", "cannot open the model file: No such file or directory");
    row("without read permission", "cannot open the model file: Permission denied", true);
}

struct ModelCase {
    QString path; ///< the model file to open (empty when the training failed)
    QString data; ///< the data folder to open it with
};

/// Makes the named case of addModelRows under dir: a tuned-dot model of good/tiny (of
/// good/kaggle_crlf_bom for "from another data set"), then damaged as the case says.
inline ModelCase makeModelCase(const QTemporaryDir& dir, const QString& name) {
    QFile::setPermissions(dir.path(), kWorldReadableFolder);
    ModelCase made;
    made.data = fixture(QStringLiteral("good/tiny"));
    const QString path = dir.filePath(QStringLiteral("model.ssm"));
    const QString trainedOn = name == QLatin1String("from another data set")
                                  ? fixture(QStringLiteral("good/kaggle_crlf_bom"))
                                  : made.data;
    const cli_test::Run train = cli_test::runCli(
        {QStringLiteral("train"), QStringLiteral("--data"), trainedOn, QStringLiteral("--preset"),
         QStringLiteral("tuned-dot"), QStringLiteral("--save"), path});
    if (train.exitCode != 0)
        return made;
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    QByteArray bytes = readFile(path);
    if (name == QLatin1String("from a future version"))
        bytes[16] = 4; // the version follows the 16-byte magic
    else if (name == QLatin1String("0 bytes"))
        bytes.clear();
    else if (name.startsWith(QLatin1String("cut inside the magic")))
        bytes.truncate(10);
    else if (name.startsWith(QLatin1String("cut after the version")))
        bytes.truncate(20);
    else if (name.startsWith(QLatin1String("cut inside the header")))
        bytes.truncate(100);
    else if (name.startsWith(QLatin1String("cut inside the weights")))
        bytes.truncate(bytes.size() / 2);
    else if (name == QLatin1String("last byte missing"))
        bytes.chop(1);
    else if (name == QLatin1String("a CSV file"))
        bytes = goodRatings();
    writeFile(path, bytes);
    if (name == QLatin1String("a folder")) {
        QFile::remove(path);
        QDir().mkpath(path);
    } else if (name == QLatin1String("missing")) {
        QFile::remove(path);
    } else if (name == QLatin1String("without read permission")) {
        QFile::setPermissions(path, {});
    }
    made.path = path;
    return made;
}

} // namespace bad_input
