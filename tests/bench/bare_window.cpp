// The yardstick for the app's start-up time and memory: a bare Qt Widgets main window built with the same
// compiler, flags and Qt, with a menu bar, a status bar and a label. It prints when it first paints, then
// quits.
#include "BenchProbe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.menuBar()->addMenu(QStringLiteral("&File"));
    window.setCentralWidget(new QLabel(QStringLiteral("bare window"), &window));
    window.statusBar()->showMessage(QStringLiteral("ready"));
    window.resize(1180, 780);
    const auto quit = [] {
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    };
    new bench::FirstPaint<decltype(quit)>(&window, quit);
    window.show();
    return QApplication::exec();
}
