#pragma once

#include "session/FlowStep.h"

#include <QHash>
#include <QIcon>
#include <QListWidget>

namespace oauth2dbg {

// The flow as it happened, top to bottom: Profile → Discovery → Authorization request → Browser consent →
// Callback → Token, then every step that happens again and again (an ID token's verdict, a refresh, client
// credentials, userinfo …). Each row is a step of the engine's flow session with a status icon, what came of
// it and how long it took; selecting one opens its detail.
class FlowTimeline final : public QListWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowTimeline)

public:
    using Step = FlowStep::Kind;
    using Status = FlowStep::Status;

    explicit FlowTimeline(QWidget* parent = nullptr);
    ~FlowTimeline() override;

    // Back to the fixed steps, all pending: a new profile, a new flow.
    void restart();
    // Pending again from `step` on (a new authorization keeps Profile and Discovery).
    void resetFrom(Step step);
    void setStep(Step step, Status status, const QString& detail, qint64 durationMs = -1);
    // A step as the session reports it: a fixed row updated, any other appended.
    void apply(const FlowStep& step);
    // A step that happens again and again (refresh, client credentials): appended at the end.
    void addEvent(Step kind, const QString& title, Status status, const QString& detail, qint64 durationMs,
                  quint64 exchangeId);

    [[nodiscard]] Status status(Step step) const;
    [[nodiscard]] QString detail(Step step) const;
    // "Title — detail (12 ms)" per row, for tests and screen readers.
    [[nodiscard]] QStringList rowTexts() const;

    static constexpr int StepRole = Qt::UserRole + 1;
    static constexpr int ExchangeRole = Qt::UserRole + 2;

Q_SIGNALS:
    void stepActivated(oauth2dbg::FlowTimeline::Step step, quint64 exchangeId);

protected:
    // Where the keyboard is must show: a ring in the palette's highlight, light or dark.
    void paintEvent(QPaintEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    // Light to dark or back: the rows' colours follow.
    void changeEvent(QEvent* event) override;

private:
    [[nodiscard]] QListWidgetItem* itemFor(Step step) const;
    // A row of `step`, before `anchor`'s (at the end when there is none).
    void insertBefore(Step anchor, const FlowStep& step);
    void paint(QListWidgetItem* item, const QString& title, Status status, const QString& detail,
               qint64 durationMs);
    [[nodiscard]] QIcon iconFor(Status status);

    // One drawn icon per status, for the pixel ratio they were drawn at.
    QHash<int, QIcon> m_icons;
    qreal m_iconRatio = 0;
};

} // namespace oauth2dbg
