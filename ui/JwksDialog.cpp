#include "JwksDialog.h"

#include "PlainText.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace oauth2dbg {

void openJwksDialog(QWidget* parent, const QString& objectName, const QString& title, const QString& intro,
                    const QJsonObject& jwks, const QList<JwksDialogCopy>& copies)
{
    auto* dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(objectName);
    dialog->setWindowTitle(title);
    const QJsonObject jwk = jwks.value(u"keys").toArray().at(0).toObject();
    const QString set = QString::fromUtf8(QJsonDocument(jwks).toJson(QJsonDocument::Indented));
    auto* introLabel = new QLabel(intro, dialog);
    introLabel->setWordWrap(true);
    introLabel->setTextFormat(Qt::PlainText);
    introLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* text = new QPlainTextEdit(set, dialog);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto* said = new QLabel(dialog);
    said->setTextFormat(Qt::PlainText);
    const auto copy = [buttons, said](const QString& label, const QString& contents, const QString& done) {
        QObject::connect(buttons->addButton(label, QDialogButtonBox::ActionRole), &QPushButton::clicked, said,
                         [contents, said, done] {
                             QApplication::clipboard()->setText(contents);
                             said->setText(done);
                         });
    };
    copy(QObject::tr("Copy JWK"), QString::fromUtf8(QJsonDocument(jwk).toJson(QJsonDocument::Compact)),
         QObject::tr("The public JWK is on the clipboard."));
    copy(QObject::tr("Copy JWKS"), set, QObject::tr("The JWKS is on the clipboard."));
    for (const JwksDialogCopy& more : copies)
        copy(more.label, more.contents, more.done);
    auto* save = buttons->addButton(QObject::tr("Save JWKS…"), QDialogButtonBox::ActionRole);
    QObject::connect(save, &QPushButton::clicked, dialog, [dialog, set, said] {
        const QString path =
            QFileDialog::getSaveFileName(dialog, QObject::tr("Save the public JWKS"),
                                         QStringLiteral("jwks.json"), QObject::tr("JSON (*.json)"));
        if (path.isEmpty())
            return;
        QSaveFile file(path); // a short write leaves what was there
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(set.toUtf8()) == set.toUtf8().size() &&
                        file.commit();
        said->setText(ok ? QObject::tr("Saved %1.").arg(PlainText::line(path))
                         : QObject::tr("Not saved: %1").arg(file.errorString()));
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(introLabel);
    layout->addWidget(text, 1);
    layout->addWidget(said);
    layout->addWidget(buttons);
    dialog->resize(600, 380);
    dialog->open();
}

} // namespace oauth2dbg
