#include "RunView.h"

#include "AuthorizationPanel.h"
#include "DevicePanel.h"
#include "DiscoveryPanel.h"
#include "FlowTimeline.h"
#include "SessionLog.h"
#include "TokenInspectorTabs.h"
#include "TokenPanel.h"
#include "profiles/AppSettings.h"
#include "session/FlowSession.h"

#include <QWidget>

namespace oauth2dbg {

RunView::RunView(const Profile& profile, NetworkAccess* network, BrowserLauncher* launcher,
                 ProfileSecrets* secrets, LogPanel* log, QObject* parent)
    : QObject(parent)
    , m_profileId(profile.id)
    , m_session(new FlowSession(network, launcher, secrets, this))
    , m_timeline(new FlowTimeline())
    , m_discovery(new DiscoveryPanel(m_session))
    , m_authorization(new AuthorizationPanel(m_session, launcher))
    , m_inspectors(new TokenInspectorTabs())
    , m_tokens(new TokenPanel(m_session, secrets, m_inspectors))
    , m_device(new DevicePanel(m_session, launcher))
{
    m_widgets = {m_timeline, m_discovery, m_authorization, m_inspectors, m_tokens, m_device};
    new SessionLog(m_session, log, this);
    // The timeline is the session's steps, as they happen.
    connect(m_session, &FlowSession::stepChanged, m_timeline, &FlowTimeline::apply);
    restart(profile);
}

// The widgets live in the window's containers, which may have gone first (the window closing); a run that
// is dropped takes its widgets along, before its session.
RunView::~RunView()
{
    for (const QPointer<QWidget>& widget : m_widgets)
        delete widget.data();
}

void RunView::restart(const Profile& profile)
{
    m_startedWith = profile;
    m_timeline->restart();
    m_session->setProfile(profile);
    m_discovery->setProfile(profile);
    m_authorization->setProfile(profile);
    m_tokens->setProfile(profile);
}

void RunView::update(const Profile& profile)
{
    m_startedWith = profile;
    m_authorization->updateProfile(profile);
    m_tokens->updateProfile(profile);
}

void RunView::runUnsaved(const Profile& shown)
{
    m_discovery->updateProfile(shown);
    m_authorization->updateProfile(shown);
    m_tokens->updateProfile(shown);
}

bool RunView::startedWith(const Profile& profile) const
{
    Profile a = m_startedWith;
    a.name = profile.name;
    a.notes = profile.notes;
    a.approvedHosts = profile.approvedHosts; // approved during the run, and saved
    return a == profile;
}

void RunView::applySettings(const AppSettings& settings)
{
    m_authorization->setDefaultBrowser(settings.defaultBrowserCommand);
    m_tokens->setRevealed(settings.revealByDefault);
    m_session->setClockSkew(settings.clockSkewSeconds);
}

} // namespace oauth2dbg
