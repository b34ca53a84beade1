#include "CsvText.h"

#include "SaveFile.h"
#include "io/DatasetWriter.h"

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
    return writeFileAtomically(path, text.toUtf8(), error);
}

} // namespace shelfscope::ui
