#include "OptionRanges.h"

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <cmath>

namespace shelfscope::ui {

namespace {

QString optionLabel(CliCommand command, const char* name) {
    for (const CommandDef& c : commandTable())
        if (c.command == command)
            return QString::fromStdString(c.name) + QStringLiteral(" --") +
                   QString::fromLatin1(name);
    return QString();
}

} // namespace

void useOptionRange(QSpinBox* box, CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    box->setRange(static_cast<int>(o.min), static_cast<int>(o.max));
    box->setProperty("option", optionLabel(command, name));
}

void useOptionRange(QDoubleSpinBox* box, CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    box->setDecimals(o.decimals); // before the range, which it rounds
    box->setRange(o.min, o.max);
    box->setSingleStep(std::pow(10.0, -o.decimals + 1));
    box->setProperty("option", optionLabel(command, name));
}

QString optionRangeNote(CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    return QStringLiteral(" (%1 to %2)")
        .arg(QString::fromStdString(numberText(o.min)), QString::fromStdString(numberText(o.max)));
}

} // namespace shelfscope::ui
