#pragma once

#include "common/Finding.h"

#include <QTreeWidget>

namespace oauth2dbg {

// A checklist: each rule applied, with its verdict (OK, warning or problem), the rule, the member and what
// was found. Used for metadata checks and for callback validation.
class FindingsView final : public QTreeWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsView)

public:
    explicit FindingsView(QWidget* parent = nullptr);
    ~FindingsView() override;

    void setFindings(const Findings& findings);
    // "OK The issuer matches exactly: ..." per row, for tests and copying.
    [[nodiscard]] QStringList rowTexts() const;

    [[nodiscard]] static QString severityName(Severity severity);
};

} // namespace oauth2dbg
