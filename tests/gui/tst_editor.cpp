// The profile editor tells the truth as it is edited (one count of problems everywhere, the way to the first
// one), and the window can be used without seeing it: every control a screen reader reaches has a name, and
// the timeline's and checklists' rows have text.
#include "Appearance.h"
#include "AuthorizationPanel.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "FlowTimeline.h"
#include "MainWindow.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "Theme.h"
#include "TokenPanel.h"
#include "WindowFixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace oauth2dbg;

class tst_Editor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void validationFollowsEveryChange();
    void problemsAreCountedOnceAndShown();
    void everyControlHasAName();
    void lightOrDarkAsChosen();
    void tabWalksTheWindowInReadingOrder();

private:
    [[nodiscard]] QStringList unnamedControls() const;

    ProviderInfo m_provider;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
};

void tst_Editor::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_Editor::init()
{
    m_fixture = std::make_unique<WindowFixture>(QStringLiteral("OAuth2 Debugger editor test"));
    m_window = m_fixture->open(m_provider.issuer);
}

void tst_Editor::cleanup()
{
    m_fixture.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void tst_Editor::validationFollowsEveryChange()
{
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(QStringLiteral("app"));
    QCOMPARE(editor->problemCount(), 0);
    QTRY_VERIFY2(editor->secretStateLabel()->text().contains(u"public client needs none"),
                 qPrintable(editor->secretStateLabel()->text()));
    // Confidential: the method follows at once, no stale message asks for what the box already shows, and the
    // keychain line speaks of a confidential client.
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(QStringLiteral("confidential")));
    QCOMPARE(editor->authMethodBox()->currentData().toString(), QStringLiteral("client_secret_basic"));
    QCOMPARE(editor->fieldMessage(QStringLiteral("authMethod")), QString());
    QCOMPARE(editor->problemCount(), 0);
    QVERIFY2(!editor->secretStateLabel()->text().contains(u"public client"),
             qPrintable(editor->secretStateLabel()->text()));
    QVERIFY(editor->secretEdit()->isEnabled());
    // And back.
    editor->clientTypeBox()->setCurrentIndex(editor->clientTypeBox()->findData(QStringLiteral("public")));
    QCOMPARE(editor->authMethodBox()->currentData().toString(), QStringLiteral("none"));
    QVERIFY(editor->secretStateLabel()->text().contains(u"public client needs none"));
}

void tst_Editor::problemsAreCountedOnceAndShown()
{
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(QStringLiteral("app"));
    editor->tokenParametersEdit()->setPlainText(QStringLiteral("audience=api\nnot a pair"));
    editor->clientIdEdit()->clear();
    QCOMPARE(editor->problemCount(), 2); // the client id, and the line that is not name=value
    QTRY_VERIFY2(m_window->timeline()->rowTexts().constFirst().contains(u"2 field(s) need attention"),
                 qPrintable(m_window->timeline()->rowTexts().constFirst()));
    editor->groups()->setCurrentIndex(editor->groups()->count() - 1); // somewhere else
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(editor->banner()->text().contains(u"Not saved: 2 field(s) need attention"),
             qPrintable(editor->banner()->text()));
    // Taken to the first one: its tab open, the cursor in it.
    QCOMPARE(editor->groups()->tabText(editor->groups()->currentIndex()).remove(QStringLiteral(" ⚠")),
             QStringLiteral("Client"));
    QTRY_COMPARE(m_window->focusWidget(), editor->clientIdEdit()); // the focus once the window is active
}

// What a screen reader would say for each control the user can reach: none may be nameless.
QStringList tst_Editor::unnamedControls() const
{
    QStringList unnamed;
    for (QWidget* widget : m_window->findChildren<QWidget*>()) {
        const bool interactive =
            qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget) ||
            qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractItemView*>(widget) ||
            qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QPlainTextEdit*>(widget);
        if (!interactive || !widget->isVisibleTo(m_window) || widget->focusPolicy() == Qt::NoFocus)
            continue;
        if (qobject_cast<QLineEdit*>(widget) && qobject_cast<QComboBox*>(widget->parentWidget()))
            continue; // an editable combo box's own line: the box has the name
        QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
        if (!face || face->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << QString::fromLatin1(widget->metaObject()->className()) % u' ' % widget->objectName() %
                           u" (" % widget->toolTip().left(60) % u')';
    }
    return unnamed;
}

void tst_Editor::everyControlHasAName()
{
    // Each step and tab once, so that what is built on first sight is built.
    for (QWidget* panel :
         std::initializer_list<QWidget*>{m_window->profileEditor(), m_window->tokenPanel(),
                                         m_window->authorizationPanel(), m_window->discoveryPanel()}) {
        m_window->showStep(panel);
        QStringList unnamed = unnamedControls();
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    }
    for (int tab = 0; tab < m_window->bottomTabs()->count(); ++tab) {
        m_window->bottomTabs()->setCurrentIndex(tab);
        const QStringList unnamed = unnamedControls();
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    }
    // The timeline's rows and a checklist's rows read as text.
    m_window->showStep(m_window->discoveryPanel());
    m_window->discoveryPanel()->discover();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->discoveryPanel()->findingsView()->rowTexts().isEmpty(), 15'000);
    FlowTimeline* timeline = m_window->timeline();
    QAccessibleInterface* list = QAccessible::queryAccessibleInterface(timeline);
    QVERIFY(list && list->childCount() >= 2);
    for (int i = 0; i < list->childCount(); ++i)
        QVERIFY2(!list->child(i)->text(QAccessible::Name).isEmpty(), qPrintable(QString::number(i)));
    QVERIFY(list->child(1)->text(QAccessible::Name).startsWith(u"Discovery"));
    QAccessibleInterface* checks =
        QAccessible::queryAccessibleInterface(m_window->discoveryPanel()->findingsView());
    QVERIFY(checks);
    QStringList cells;
    for (int i = 0; i < checks->childCount(); ++i)
        cells << checks->child(i)->text(QAccessible::Name);
    QVERIFY2(cells.join(u' ').contains(u"MD-"), qPrintable(cells.join(u" | ")));
}

void tst_Editor::lightOrDarkAsChosen()
{
    // What the desktop says: the portal's color-scheme first, then GTK_THEME.
    QVERIFY(Appearance::desktopPrefersDark(1u, {}));
    QVERIFY(!Appearance::desktopPrefersDark(2u, QStringLiteral("Adwaita:dark")));
    QVERIFY(Appearance::desktopPrefersDark(0u, QStringLiteral("Adwaita:dark")));
    QVERIFY(Appearance::desktopPrefersDark({}, QStringLiteral("Adwaita:Dark")));
    QVERIFY(!Appearance::desktopPrefersDark({}, QStringLiteral("Adwaita")));
    QVERIFY(!Appearance::desktopPrefersDark({}, {}));

    AppSettings settings = m_window->settings();
    const bool platformDark = Theme::isDark();
    settings.appearance = QStringLiteral("dark");
    m_window->applySettings(settings);
    QVERIFY(Theme::isDark());
    // Placeholders stay apart from values in the dark: dimmer than the text.
    const QPalette dark = QApplication::palette();
    QVERIFY(dark.color(QPalette::PlaceholderText).lightness() < dark.color(QPalette::Text).lightness() - 60);
    m_window->showStep(m_window->discoveryPanel());
    WindowFixture::screenshot(m_window, QStringLiteral("appearance-dark"));
    settings.appearance = QStringLiteral("light");
    m_window->applySettings(settings);
    QVERIFY(!Theme::isDark());
    settings.appearance = QStringLiteral("system");
    m_window->applySettings(settings);
    QCOMPARE(Theme::isDark(), platformDark || qEnvironmentVariable("GTK_THEME").endsWith(u":dark"));
}

// Keyboard only: from the profiles, Tab reaches the timeline, then the step (the editor), then the tabs below
// — not the lower tabs first, as the order the widgets were made in would have it — and Shift+Tab goes back.
void tst_Editor::tabWalksTheWindowInReadingOrder()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_window->showStep(m_window->profileEditor());
    QTRY_VERIFY(m_window->profileEditor()->nameEdit()->isVisible()); // built once shown
    m_window->profileList()->listWidget()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), m_window->profileList()->listWidget());
    const auto regionOfFocus = [this]() -> QString {
        const QWidget* focus = QApplication::focusWidget();
        if (!focus)
            return QStringLiteral("none");
        if (m_window->profileList()->isAncestorOf(focus) || focus == m_window->profileList())
            return QStringLiteral("profiles");
        if (focus == m_window->timeline())
            return QStringLiteral("timeline");
        if (m_window->profileEditor()->isAncestorOf(focus))
            return QStringLiteral("step");
        if (m_window->bottomTabs()->isAncestorOf(focus))
            return QStringLiteral("lower");
        return QStringLiteral("elsewhere");
    };
    QStringList visited{regionOfFocus()};
    for (int i = 0; i < 60 && visited.constLast() != u"lower"; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        if (regionOfFocus() != visited.constLast())
            visited << regionOfFocus();
    }
    QCOMPARE(visited, (QStringList{QStringLiteral("profiles"), QStringLiteral("timeline"),
                                   QStringLiteral("step"), QStringLiteral("lower")}));
    // The lower tabs' bar has the focus, and shows it: a ring in the highlight colour round the current tab.
    auto* bar = qobject_cast<QTabBar*>(QApplication::focusWidget());
    QVERIFY(bar);
    const QRect tab = bar->tabRect(bar->currentIndex());
    const QImage painted = bar->grab().toImage();
    const qreal scale = painted.devicePixelRatio();
    QCOMPARE(painted.pixelColor(QPoint(tab.left() + 2, tab.center().y()) * scale),
             bar->palette().color(QPalette::Highlight));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
    QCOMPARE(regionOfFocus(), QStringLiteral("step"));
    m_window->timeline()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(m_window->timeline(), Qt::Key_Backtab);
    QCOMPARE(regionOfFocus(), QStringLiteral("profiles"));
}

QTEST_MAIN(tst_Editor)
#include "tst_editor.moc"
