#include "WidgetSettings.h"

#include <QAbstractSlider>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <utility>
#include <vector>

namespace shelfscope::ui {

namespace {

QString keyOf(const QString& group, const QObject* widget) {
    return group + QLatin1Char('/') + widget->objectName();
}

} // namespace

void saveInputs(const QWidget* root, const QString& group) {
    QSettings settings;
    for (const QWidget* w : root->findChildren<QWidget*>()) {
        if (w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        const QString key = keyOf(group, w);
        if (const auto* box = qobject_cast<const QDoubleSpinBox*>(w))
            settings.setValue(key, box->value());
        else if (const auto* spin = qobject_cast<const QSpinBox*>(w))
            settings.setValue(key, spin->value());
        else if (const auto* check = qobject_cast<const QCheckBox*>(w))
            settings.setValue(key, check->isChecked());
        else if (const auto* combo = qobject_cast<const QComboBox*>(w))
            settings.setValue(key, combo->currentText());
        else if (const auto* edit = qobject_cast<const QLineEdit*>(w))
            settings.setValue(key, edit->text());
        else if (const auto* slider = qobject_cast<const QAbstractSlider*>(w))
            settings.setValue(key, slider->value());
    }
}

void restoreInputs(QWidget* root, const QString& group) {
    // Every value is read before any is applied: a widget that saves the group when it changes
    // would otherwise overwrite the stored values of the widgets not yet restored.
    std::vector<std::pair<QWidget*, QVariant>> stored;
    {
        const QSettings settings;
        for (QWidget* w : root->findChildren<QWidget*>()) {
            if (w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_")))
                continue;
            QVariant value = settings.value(keyOf(group, w));
            if (value.isValid())
                stored.emplace_back(w, std::move(value));
        }
    }
    for (const auto& [w, value] : stored) {
        if (auto* box = qobject_cast<QDoubleSpinBox*>(w)) {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (ok && number >= box->minimum() && number <= box->maximum())
                box->setValue(number);
        } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
            bool ok = false;
            const int number = value.toInt(&ok);
            if (ok && number >= spin->minimum() && number <= spin->maximum())
                spin->setValue(number);
        } else if (auto* check = qobject_cast<QCheckBox*>(w)) {
            check->setChecked(value.toBool());
        } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
            const int index = combo->findText(value.toString());
            if (index >= 0)
                combo->setCurrentIndex(index);
        } else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
            QString text = value.toString();
            int position = 0;
            if (!edit->validator() ||
                edit->validator()->validate(text, position) != QValidator::Invalid)
                edit->setText(text);
        } else if (auto* slider = qobject_cast<QAbstractSlider*>(w)) {
            bool ok = false;
            const int number = value.toInt(&ok);
            if (ok && number >= slider->minimum() && number <= slider->maximum())
                slider->setValue(number);
        }
    }
}

void saveSplitters(const QWidget* root, const QString& group) {
    QSettings settings;
    for (const QSplitter* splitter : root->findChildren<QSplitter*>())
        if (!splitter->objectName().isEmpty())
            settings.setValue(keyOf(group, splitter), splitter->saveState());
}

void restoreSplitters(QWidget* root, const QString& group) {
    QSettings settings;
    for (QSplitter* splitter : root->findChildren<QSplitter*>())
        if (!splitter->objectName().isEmpty())
            if (const QVariant state = settings.value(keyOf(group, splitter)); state.isValid())
                splitter->restoreState(state.toByteArray());
}

} // namespace shelfscope::ui
