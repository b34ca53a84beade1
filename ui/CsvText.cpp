#include "CsvText.h"

#include "io/DatasetWriter.h"

#include <QSaveFile>

namespace shelfscope::ui {

QString csvText(const QString& field) {
    return QString::fromStdString(csvField(field.toStdString()));
}

QString csvLine(const QStringList& fields) {
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString& field : fields)
        quoted << csvText(field);
    return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

bool writeTextAtomically(const QString& path, const QString& text, QString* error) {
    QSaveFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace shelfscope::ui
