#include "Appearance.h"

#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#if OAUTH2DBG_DESKTOP_PORTAL
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

namespace oauth2dbg::Appearance {

namespace {

const QString kPortal = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kSettings = QStringLiteral("org.freedesktop.portal.Settings");
const QString kNamespace = QStringLiteral("org.freedesktop.appearance");
const QString kKey = QStringLiteral("color-scheme");

struct State {
    QString choice = QStringLiteral("system");
    QPalette platform; // the palette the platform gave, while none of ours is set
    bool ours = false; // the application's palette is one this file set
    QVariant portal;   // the desktop's last answer
};

State& state()
{
    static State s;
    return s;
}

bool darkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void usePalette(bool dark)
{
    State& s = state();
    if (dark == darkPalette(s.platform)) {
        if (std::exchange(s.ours, false))
            QApplication::setPalette(s.platform);
        return;
    }
    // The platform's style may draw with its own colours: Fusion takes the palette as given.
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    QApplication::setPalette(dark ? Theme::darkPalette() : QApplication::style()->standardPalette());
    s.ours = true;
}

void update()
{
    State& s = state();
    if (!s.ours)
        s.platform = QApplication::palette(); // what the platform (or a dark desktop's theme) gives now
    if (s.choice == u"dark" || s.choice == u"light")
        return usePalette(s.choice == u"dark");
    usePalette(darkPalette(s.platform) || desktopPrefersDark(s.portal, qEnvironmentVariable("GTK_THEME")));
}

#if OAUTH2DBG_DESKTOP_PORTAL
// The portal wraps the value once or twice in variants, depending on its version.
QVariant unwrap(QVariant value)
{
    while (value.canConvert<QDBusVariant>() && value.userType() == qMetaTypeId<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    return value;
}

// Hears the portal's SettingChanged signal (a D-Bus signal needs a slot of a QObject).
class PortalListener final : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

public Q_SLOTS:
    void changed(const QString& group, const QString& key, const QDBusVariant& value)
    {
        if (group != kNamespace || key != kKey)
            return;
        state().portal = unwrap(value.variant());
        update();
    }
};
#endif

} // namespace

bool isKnown(const QString& choice)
{
    return choice == u"system" || choice == u"light" || choice == u"dark";
}

bool desktopPrefersDark(const QVariant& portalColorScheme, const QString& gtkTheme)
{
    if (portalColorScheme.isValid() && portalColorScheme.toUInt() != 0)
        return portalColorScheme.toUInt() == 1;
    return gtkTheme.endsWith(u":dark", Qt::CaseInsensitive);
}

void apply(const QString& choice)
{
    state().choice = isKnown(choice) ? choice : QStringLiteral("system");
    update();
}

void followDesktop(QObject* context)
{
#if !OAUTH2DBG_DESKTOP_PORTAL
    (void)context; // no portal here: the platform's palette is the desktop's
#else
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return; // no session bus to ask (and none to start for this)
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    QDBusMessage read =
        QDBusMessage::createMethodCall(kPortal, kPortalPath, kSettings, QStringLiteral("Read"));
    read << kNamespace << kKey;
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(read, 2000), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [](QDBusPendingCallWatcher* call) {
        const QDBusPendingReply<QVariant> reply = *call;
        call->deleteLater();
        if (reply.isError())
            return; // no portal: GTK_THEME and the platform's palette are all there is
        state().portal = unwrap(reply.value());
        update();
    });
    // The desktop switched between light and dark while the window is open.
    auto* receiver = new PortalListener(context);
    bus.connect(kPortal, kPortalPath, kSettings, QStringLiteral("SettingChanged"), receiver,
                SLOT(changed(QString, QString, QDBusVariant)));
#endif
}

} // namespace oauth2dbg::Appearance

#include "Appearance.moc"
