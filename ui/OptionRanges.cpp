#include "OptionRanges.h"

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <cmath>
#include <stdexcept>

namespace shelfscope::ui {

namespace {

QString optionLabel(CliCommand command, const char* name) {
    for (const CommandDef& c : commandTable())
        if (c.command == command)
            return QString::fromStdString(c.name) + QStringLiteral(" --") +
                   QString::fromLatin1(name);
    return QString();
}

/// The table's default, which a box taking it whole must have (a mistake in the program else).
double defaultOf(const OptionDef& o) {
    if (!o.defaultValue)
        throw std::logic_error("the option table gives --" + o.name + " no numeric default");
    return *o.defaultValue;
}

} // namespace

void useOptionRange(QSpinBox* box, CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    box->setRange(static_cast<int>(o.min), static_cast<int>(o.max));
    if (o.step > 0.0)
        box->setSingleStep(static_cast<int>(o.step));
    box->setProperty("option", optionLabel(command, name));
}

void useOptionRange(QDoubleSpinBox* box, CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    box->setDecimals(o.decimals); // before the range, which it rounds
    box->setRange(o.min, o.max);
    box->setSingleStep(o.step > 0.0 ? o.step : std::pow(10.0, -o.decimals + 1));
    box->setProperty("option", optionLabel(command, name));
}

void useOption(QSpinBox* box, CliCommand command, const char* name) {
    useOptionRange(box, command, name);
    box->setValue(static_cast<int>(defaultOf(option(command, name))));
    box->setToolTip(optionToolTip(command, name));
}

void useOption(QDoubleSpinBox* box, CliCommand command, const char* name) {
    useOptionRange(box, command, name);
    box->setValue(defaultOf(option(command, name)));
    box->setToolTip(optionToolTip(command, name));
}

QString optionRangeNote(CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    return QStringLiteral(" (%1 to %2)")
        .arg(QString::fromStdString(numberText(o.min)), QString::fromStdString(numberText(o.max)));
}

QString optionToolTip(CliCommand command, const char* name) {
    const OptionDef& o = option(command, name);
    QString help = QString::fromStdString(o.help);
    if (help.endsWith(QLatin1Char('.')))
        help.chop(1);
    QString note = QStringLiteral("%1 to %2")
                       .arg(QString::fromStdString(numberText(o.min)),
                            QString::fromStdString(numberText(o.max)));
    if (!o.defaultText.empty())
        note += QStringLiteral("; default ") + QString::fromStdString(o.defaultText);
    return help + QStringLiteral(" (") + note + QStringLiteral(").");
}

} // namespace shelfscope::ui
