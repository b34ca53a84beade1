// Renders resources/shelfscope.svg into the PNG sizes a desktop theme looks for
// (hicolor/NxN/apps/NAME.png). packaging/render-icons.sh runs it; its output is committed, so the
// package build needs no SVG renderer and the icons only change when the SVG does.
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv) {
    // QPainter on a QImage needs no display, but QGuiApplication sets up the font and image
    // plugins the same way in every environment.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: render_icons SVG OUT_DIR NAME\n"
                             "writes OUT_DIR/NxN/apps/NAME.png for each size\n");
        return 2;
    }
    QSvgRenderer svg(args[1]);
    if (!svg.isValid()) {
        std::fprintf(stderr, "render_icons: %s: not a valid SVG\n", qPrintable(args[1]));
        return 1;
    }
    const int sizes[] = {16, 22, 24, 32, 48, 64, 128, 256, 512};
    for (const int size : sizes) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            svg.render(&painter, QRectF(0, 0, size, size));
        }
        const QString folder = QStringLiteral("%1/%2x%2/apps").arg(args[2]).arg(size);
        const QString path = QStringLiteral("%1/%2.png").arg(folder, args[3]);
        if (!QDir().mkpath(folder) ||
            !image.convertToFormat(QImage::Format_ARGB32).save(path, "PNG")) {
            std::fprintf(stderr, "render_icons: could not write %s\n", qPrintable(path));
            return 1;
        }
        std::printf("%s\n", qPrintable(path));
    }
    return 0;
}
