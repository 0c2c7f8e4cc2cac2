#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

class QWidget;

namespace oauth2dbg {

// One more button: its label, the text it puts on the clipboard, and what it says when it has.
struct JwksDialogCopy {
    QString label;
    QString contents;
    QString done;
};

// A public key set to register at a server, shown read-only with Copy JWK, Copy JWKS and Save JWKS (and any
// more `copies`). Opened non-modal; deleted on close.
void openJwksDialog(QWidget* parent, const QString& objectName, const QString& title, const QString& intro,
                    const QJsonObject& jwks, const QList<JwksDialogCopy>& copies = {});

} // namespace oauth2dbg
