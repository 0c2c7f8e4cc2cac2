#include "ProfileList.h"

#include "PlainText.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}
} // namespace

ProfileList::ProfileList(QWidget* parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
    , m_new(toolButton(tr("New"), tr("Add a profile for your own client (Ctrl+N)"), this))
    , m_duplicate(
          toolButton(tr("Duplicate"), tr("A copy of the selected profile, with its client secret"), this))
    , m_delete(toolButton(tr("Delete"), tr("Delete the selected profile and its keychain entries"), this))
    , m_more(toolButton(tr("More"), tr("Import and export"), this))
{
    m_filter->setPlaceholderText(tr("Filter profiles"));
    m_filter->setAccessibleName(tr("Filter profiles"));
    m_list->setAccessibleName(tr("Profiles"));
    m_filter->setToolTip(tr("Shows the profiles whose name, issuer or client_id contains this text"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_list->setToolTip(tr("F2 or double-click renames"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_hint->setMargin(6);
    QFont italic = m_hint->font();
    italic.setItalic(true);
    m_hint->setFont(italic);
    m_hint->hide(); // until there is nothing to list (laid out, it would load the italic face at start)
    auto* menu = new QMenu(m_more);
    menu->addAction(tr("Import profiles…"), this, &ProfileList::importRequested);
    menu->addAction(tr("Export selected profiles…"), this, &ProfileList::exportRequested);
    m_more->setMenu(menu);
    m_more->setPopupMode(QToolButton::InstantPopup);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(0);
    buttons->addWidget(m_new);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_more);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint, 1);
    layout->addLayout(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, &ProfileList::applyFilter);
    connect(m_new, &QToolButton::clicked, this, &ProfileList::newRequested);
    connect(m_duplicate, &QToolButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            Q_EMIT duplicateRequested(currentId());
    });
    connect(m_delete, &QToolButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            Q_EMIT deleteRequested(currentId());
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (m_filling)
            return;
        const QString id = item ? item->data(kIdRole).toString() : QString();
        if (id == m_currentId)
            return;
        const QString previous = std::exchange(m_currentId, id);
        updateHint();
        Q_EMIT currentChanged(id, previous);
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_filling)
            return;
        const QString name = item->text().trimmed();
        const QString id = item->data(kIdRole).toString();
        Q_EMIT renameRequested(id, name); // the window answers with setProfiles(), or a message
    });
    // Until setProfiles() says whether there are any: the list, and no hint yet.
    m_duplicate->setEnabled(false);
    m_delete->setEnabled(false);
}

ProfileList::~ProfileList() = default;

void ProfileList::setProfiles(const QList<Profile>& profiles, const QString& currentId)
{
    m_filling = true;
    m_list->clear();
    QListWidgetItem* current = nullptr;
    for (const Profile& profile : profiles) {
        auto* item = new QListWidgetItem(PlainText::line(profile.name), m_list);
        item->setData(kIdRole, profile.id);
        item->setData(Qt::UserRole + 2, QStringList{profile.issuer, profile.clientId}.join(u'\n'));
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setToolTip(PlainText::toolTip(profile.issuer.isEmpty()
                                                ? tr("%1 (endpoints given by hand)").arg(profile.clientId)
                                                : profile.issuer % u'\n' % profile.clientId));
        if (profile.id == currentId)
            current = item;
    }
    if (!current && m_list->count() > 0)
        current = m_list->item(0);
    m_list->setCurrentItem(current);
    m_filling = false;
    applyFilter();
    const QString id = current ? current->data(kIdRole).toString() : QString();
    if (id != m_currentId) {
        const QString previous = std::exchange(m_currentId, id);
        updateHint();
        Q_EMIT currentChanged(id, previous);
    }
}

void ProfileList::select(const QString& id)
{
    m_filling = true;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toString() == id)
            m_list->setCurrentRow(i);
    }
    m_currentId = id;
    m_filling = false;
    updateHint();
}

QString ProfileList::currentId() const
{
    return m_currentId;
}

QStringList ProfileList::selectedIds() const
{
    QStringList ids;
    for (const QListWidgetItem* item : m_list->selectedItems())
        ids << item->data(kIdRole).toString();
    return ids;
}

QStringList ProfileList::visibleNames() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            names << m_list->item(i)->text();
    }
    return names;
}

void ProfileList::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        const bool match = needle.isEmpty() || item->text().contains(needle, Qt::CaseInsensitive) ||
                           item->data(Qt::UserRole + 2).toString().contains(needle, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
    updateHint();
}

void ProfileList::updateHint()
{
    const bool empty = m_list->count() == 0;
    const bool allHidden = !empty && visibleNames().isEmpty();
    m_hint->setText(empty ? tr("No profiles yet.\n\nClick New to add your own client: you need the "
                               "server's issuer URL (or its endpoints) and your client_id. A client secret "
                               "goes to the OS keychain, never to a file.\n\nOr import profiles a colleague "
                               "exported (More → Import).")
                          : tr("No profile matches \"%1\".").arg(m_filter->text().trimmed()));
    m_hint->setVisible(empty || allHidden);
    m_list->setVisible(!empty);
    m_duplicate->setEnabled(!m_currentId.isEmpty());
    m_delete->setEnabled(!m_currentId.isEmpty());
}

} // namespace oauth2dbg
