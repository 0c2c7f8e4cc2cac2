#pragma once

#include <QByteArray>
#include <QString>

namespace oauth2dbg {

// A client secret, refresh token or other credential. It has no implicit conversion to text: the only way to
// show one is masked(), and the only way to use one is reveal(), so a secret cannot slip into a log by
// accident.
class Secret final {
public:
    Secret() = default;
    explicit Secret(QByteArray value)
        : m_value(std::move(value))
    {}
    static Secret fromString(const QString& value) { return Secret(value.toUtf8()); }

    [[nodiscard]] bool isEmpty() const { return m_value.isEmpty(); }
    [[nodiscard]] const QByteArray& reveal() const { return m_value; }
    [[nodiscard]] QString masked() const { return isEmpty() ? QString() : QStringLiteral("••••••••"); }

    void clear() { m_value.fill('\0'), m_value.clear(); }

    friend bool operator==(const Secret&, const Secret&) = default;

private:
    QByteArray m_value;
};

} // namespace oauth2dbg
