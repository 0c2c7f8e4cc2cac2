#include "EnvironmentPicker.h"

#include "PlainText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace oauth2dbg {

EnvironmentPicker::EnvironmentPicker(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(tr("En&vironment:"), this))
    , m_box(new QComboBox(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 8, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_box);
    m_label->setBuddy(m_box);
    m_box->setObjectName(QStringLiteral("environmentPicker"));
    m_box->setAccessibleName(tr("Environment"));
    m_box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_box->setMinimumContentsLength(14);
    connect(m_box, &QComboBox::activated, this, [this] { Q_EMIT chosen(selectedId()); });
    setProfile(nullptr, {});
}

EnvironmentPicker::~EnvironmentPicker() = default;

void EnvironmentPicker::setProfile(const Profile* profile, const QString& selectedId)
{
    const QSignalBlocker quiet(m_box);
    m_box->clear();
    const bool some = profile && !profile->environments.isEmpty();
    m_box->addItem(some ? tr("Profile's own settings") : tr("None"), QString());
    if (some) {
        for (const ProfileEnvironment& environment : profile->environments)
            m_box->addItem(PlainText::line(environment.name), environment.id);
    }
    const int at = m_box->findData(selectedId);
    m_box->setCurrentIndex(at < 0 ? 0 : at);
    m_box->setEnabled(some);
    const QString tip = some ? tr("Run this profile in one of its environments: each sets its own issuer, "
                                  "client, redirect or parameters, and keeps its own client secret.")
                             : tr("This profile has no environments: add dev, staging, prod … in the "
                                  "profile's Environments tab.");
    m_box->setToolTip(tip);
    m_label->setToolTip(tip);
}

QString EnvironmentPicker::selectedId() const
{
    return m_box->currentData().toString();
}

} // namespace oauth2dbg
