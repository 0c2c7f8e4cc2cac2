// Why a server said no, reasoned from what was sent and what the metadata says: each canned explanation is
// held to a request that contradicts it, and the likely causes of a refused client come in the right order.
#include "net/HttpExchange.h"
#include "oauth/RefusalDiagnosis.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace oauth2dbg;

class tst_RefusalDiagnosis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void whatCountsAsAClientRefusal_data();
    void whatCountsAsAClientRefusal();
    void causesAreRanked_data();
    void causesAreRanked();
    void theTokenEndpointsDefaultMethod();
    void authorizationErrorsFollowTheRequest_data();
    void authorizationErrorsFollowTheRequest();
    void errorResponsesAreHeldToTheirShape_data();
    void errorResponsesAreHeldToTheirShape();
    void theServersClockJudgesAnAssertion();
    void anUnlistedMethodIsSaidBeforeSending();
};

namespace {
EngineError answer(int status, const QString& code = {}, const QByteArray& body = {})
{
    return {.kind = ErrorKind::Http, .httpStatus = status, .body = body, .oauthError = code};
}

QStringList causesOf(const Findings& findings)
{
    QStringList causes;
    for (const Finding& f : findings) {
        if (f.severity == Severity::Warning)
            causes << f.message;
    }
    return causes;
}
} // namespace

void tst_RefusalDiagnosis::whatCountsAsAClientRefusal_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("refusal");
    QTest::addRow("401 invalid_client") << 401 << QStringLiteral("invalid_client") << true;
    QTest::addRow("400 invalid_client") << 400 << QStringLiteral("invalid_client") << true;
    QTest::addRow("403 unauthorized_client") << 403 << QStringLiteral("unauthorized_client") << true;
    QTest::addRow("403 and nothing else") << 403 << QString() << true;
    QTest::addRow("401 and nothing else") << 401 << QString() << true;
    QTest::addRow("400 invalid_grant") << 400 << QStringLiteral("invalid_grant") << false;
    QTest::addRow("403 invalid_scope") << 403 << QStringLiteral("invalid_scope") << false;
    QTest::addRow("500 and nothing else") << 500 << QString() << false;
}

void tst_RefusalDiagnosis::whatCountsAsAClientRefusal()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(bool, refusal);
    QCOMPARE(RefusalDiagnosis::isClientRefusal(answer(status, code)), refusal);
}

void tst_RefusalDiagnosis::causesAreRanked_data()
{
    using M = ClientAuthMethod;
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("form");
    QTest::addColumn<bool>("formsDiffer");
    QTest::addColumn<QStringList>("serverMethods");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("first");  // the most likely cause says this
    QTest::addColumn<QString>("absent"); // and no cause says this
    const QStringList both{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")};
    QTest::addRow("tricky secret, RFC form: try raw")
        << int(M::ClientSecretBasic) << int(BasicForm::FormEncoded) << true << both << QString()
        << QStringLiteral("Try the raw Basic form") << QStringLiteral("metadata lists");
    QTest::addRow("tricky secret, raw form: try the RFC form")
        << int(M::ClientSecretBasic) << int(BasicForm::Raw) << true << both << QString()
        << QStringLiteral("Try the form-encoded Basic form") << QStringLiteral("Try the raw");
    QTest::addRow("plain secret: the form is not blamed")
        << int(M::ClientSecretBasic) << int(BasicForm::FormEncoded) << false << both << QString()
        << QStringLiteral("secret is wrong") << QStringLiteral("Basic form");
    QTest::addRow("a method the metadata does not list comes first")
        << int(M::ClientSecretPost) << int(BasicForm::FormEncoded) << false
        << QStringList{QStringLiteral("client_secret_basic")} << QStringLiteral("invalid_client")
        << QStringLiteral("lists client_secret_basic for its token endpoint, not client_secret_post")
        << QStringLiteral("Basic form");
    QTest::addRow("unauthorized_client: the grant, after the form")
        << int(M::ClientSecretPost) << int(BasicForm::FormEncoded) << false << both
        << QStringLiteral("unauthorized_client") << QStringLiteral("may not use the client_credentials grant")
        << QStringLiteral("Basic form");
    QTest::addRow("a public client refused: it may be confidential")
        << int(M::None) << int(BasicForm::FormEncoded) << false << QStringList{}
        << QStringLiteral("invalid_client") << QStringLiteral("holds this client as confidential")
        << QStringLiteral("secret is wrong");
}

void tst_RefusalDiagnosis::causesAreRanked()
{
    QFETCH(int, method);
    QFETCH(int, form);
    QFETCH(bool, formsDiffer);
    QFETCH(QStringList, serverMethods);
    QFETCH(QString, code);
    QFETCH(QString, first);
    QFETCH(QString, absent);
    const ClientCredentialsSent sent{.grant = QStringLiteral("client_credentials"),
                                     .clientId = QStringLiteral("app"),
                                     .method = ClientAuthMethod(method),
                                     .basicForm = BasicForm(form),
                                     .secretSent = method != int(ClientAuthMethod::None),
                                     .formsDiffer = formsDiffer,
                                     .serverMethods = serverMethods};
    const Findings findings = RefusalDiagnosis::clientRefusal(sent, answer(403, code));
    QCOMPARE(findings.first().severity, Severity::Error);
    QCOMPARE(findings.first().rule, QStringLiteral("TE-12"));
    QVERIFY(findings.first().message.contains(u"Nothing was sent again"));
    const QStringList causes = causesOf(findings);
    QVERIFY(causes.size() >= 2);
    QVERIFY2(causes.first().startsWith(u"Likely cause 1 of") && causes.first().contains(first),
             qPrintable(causes.join(u'\n')));
    QVERIFY2(!causes.join(u' ').contains(absent), qPrintable(causes.join(u'\n')));
    // The summary for the error's detail holds every cause, in the same order.
    const QString summary = RefusalDiagnosis::clientRefusalSummary(findings);
    QVERIFY(summary.startsWith(u"Likely causes, most likely first: 1. "));
    QVERIFY(summary.indexOf(first) < summary.indexOf(u" 2. "));
}

void tst_RefusalDiagnosis::theTokenEndpointsDefaultMethod()
{
    // RFC 8414 §2: no list in metadata read from the server means client_secret_basic; a profile's hand-given
    // endpoints say nothing at all.
    const QJsonObject none{{QStringLiteral("issuer"), QStringLiteral("https://as.example")}};
    QCOMPARE(RefusalDiagnosis::tokenEndpointMethods(none, true),
             QStringList{QStringLiteral("client_secret_basic")});
    QVERIFY(RefusalDiagnosis::tokenEndpointMethods(none, false).isEmpty());
    const QJsonObject listed{{QStringLiteral("token_endpoint_auth_methods_supported"),
                              QJsonArray{QStringLiteral("private_key_jwt"), 7}}};
    QCOMPARE(RefusalDiagnosis::tokenEndpointMethods(listed, true),
             QStringList{QStringLiteral("private_key_jwt")});
}

void tst_RefusalDiagnosis::authorizationErrorsFollowTheRequest_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<FormPairs>("sent");
    QTest::addColumn<QJsonObject>("metadata");
    QTest::addColumn<QString>("says");
    QTest::addColumn<QString>("never");
    const FormPairs code{{QStringLiteral("response_type"), QStringLiteral("code")},
                         {QStringLiteral("scope"), QStringLiteral("openid admin")}};
    FormPairs plain = code;
    plain << QPair<QString, QString>{QStringLiteral("code_challenge"), QStringLiteral("abc")}
          << QPair<QString, QString>{QStringLiteral("code_challenge_method"), QStringLiteral("plain")};
    FormPairs s256 = code;
    s256 << QPair<QString, QString>{QStringLiteral("code_challenge"), QStringLiteral("abc")}
         << QPair<QString, QString>{QStringLiteral("code_challenge_method"), QStringLiteral("S256")};
    FormPairs consent = s256;
    consent << QPair<QString, QString>{QStringLiteral("prompt"), QStringLiteral("consent")};
    FormPairs silent = s256;
    silent << QPair<QString, QString>{QStringLiteral("prompt"), QStringLiteral("none")};
    const QJsonObject onlyS256{
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("scopes_supported"), QJsonArray{QStringLiteral("openid")}}};
    const QString repeats = QStringLiteral("missing or repeats");
    QTest::addRow("invalid_request, plain against S256 only")
        << QStringLiteral("invalid_request") << plain << onlyS256 << QStringLiteral("PKCE plain") << repeats;
    QTest::addRow("invalid_request, nothing contradicts the metadata")
        << QStringLiteral("invalid_request") << s256 << onlyS256
        << QStringLiteral("nothing in the request contradicts") << QStringLiteral("PKCE");
    QTest::addRow("invalid_request, no PKCE to a server that offers it")
        << QStringLiteral("invalid_request") << code << onlyS256 << QStringLiteral("no PKCE was sent")
        << QStringLiteral("PKCE plain");
    QTest::addRow("consent_required after prompt=consent")
        << QStringLiteral("consent_required") << consent << onlyS256
        << QStringLiteral("the request carried prompt=consent") << QStringLiteral("prompt=none was sent");
    QTest::addRow("consent_required after prompt=none")
        << QStringLiteral("consent_required") << silent << onlyS256 << QStringLiteral("prompt=none was sent")
        << QStringLiteral("did not give consent");
    QTest::addRow("login_required without prompt")
        << QStringLiteral("login_required") << s256 << onlyS256 << QStringLiteral("no prompt was sent")
        << QStringLiteral("prompt=none was sent");
    QTest::addRow("account_selection_required after prompt=consent")
        << QStringLiteral("account_selection_required") << consent << onlyS256
        << QStringLiteral("choose an account") << QStringLiteral("prompt=none was sent");
    QTest::addRow("interaction_required after prompt=none")
        << QStringLiteral("interaction_required") << silent << onlyS256
        << QStringLiteral("prompt=none was sent") << QStringLiteral("did not let them");
    QTest::addRow("invalid_scope names the unlisted scope")
        << QStringLiteral("invalid_scope") << s256 << onlyS256 << QStringLiteral("does not list admin")
        << QStringLiteral("openid,");
    QTest::addRow("invalid_scope with no list to compare")
        << QStringLiteral("invalid_scope") << s256 << QJsonObject{} << QStringLiteral("lists no scopes")
        << QStringLiteral("among the scopes the server lists");
    QTest::addRow("a non-standard code is named as such")
        << QStringLiteral("scope_invalid") << s256 << onlyS256 << QStringLiteral("not defined by RFC 6749")
        << QStringLiteral("scope");
}

void tst_RefusalDiagnosis::authorizationErrorsFollowTheRequest()
{
    QFETCH(QString, error);
    QFETCH(FormPairs, sent);
    QFETCH(QJsonObject, metadata);
    QFETCH(QString, says);
    QFETCH(QString, never);
    const QString text = RefusalDiagnosis::authorizationError(error, sent, metadata);
    QVERIFY2(text.contains(says), qPrintable(text));
    QVERIFY2(!text.contains(never), qPrintable(text));
}

void tst_RefusalDiagnosis::errorResponsesAreHeldToTheirShape_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("said"); // each warning says one of these, in order
    QTest::addRow("RFC 6749 §5.2 exactly")
        << 400 << QByteArray(R"({"error":"invalid_grant"})") << QStringList{};
    QTest::addRow("invalid_client with 401")
        << 401 << QByteArray(R"({"error":"invalid_client"})") << QStringList{};
    QTest::addRow("an extension's code")
        << 400 << QByteArray(R"({"error":"authorization_pending"})") << QStringList{};
    QTest::addRow("invalid_code") << 400 << QByteArray(R"({"error":"invalid_code"})")
                                  << QStringList{
                                         QStringLiteral("\"invalid_code\" is a non-standard error code")};
    QTest::addRow("scope_invalid, 403")
        << 403 << QByteArray(R"({"error":"scope_invalid"})")
        << QStringList{QStringLiteral("\"scope_invalid\" is a non-standard"), QStringLiteral("HTTP 403")};
    QTest::addRow("an empty 403") << 403 << QByteArray()
                                  << QStringList{QStringLiteral("not RFC 6749 §5.2's shape"),
                                                 QStringLiteral("HTTP 403")};
    QTest::addRow("error as a number")
        << 400 << QByteArray(R"({"error":7})") << QStringList{QStringLiteral("not RFC 6749 §5.2's shape")};
}

void tst_RefusalDiagnosis::errorResponsesAreHeldToTheirShape()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, said);
    const Findings findings = RefusalDiagnosis::errorResponseShape(status, body);
    QCOMPARE(findings.size(), said.size());
    for (qsizetype i = 0; i < said.size(); ++i) {
        QCOMPARE(findings.at(i).severity, Severity::Warning);
        QVERIFY2(findings.at(i).message.contains(said.at(i)), qPrintable(findings.at(i).message));
    }
}

void tst_RefusalDiagnosis::theServersClockJudgesAnAssertion()
{
    // The refusal's Date header (IMF-fixdate) is the server's clock: an exp before it comes first.
    HttpExchange exchange;
    exchange.responseHeaders = {{"Date", "Tue, 15 Nov 1994 08:12:31 GMT"}};
    ClientCredentialsSent sent{.clientId = QStringLiteral("app"),
                               .method = ClientAuthMethod::PrivateKeyJwt,
                               .assertionAlg = QStringLiteral("ES256"),
                               .assertionKid = QStringLiteral("k1"),
                               .assertionAudience = QStringLiteral("https://as.example/token"),
                               .assertionIssuedAt = 784887091,
                               .assertionExpires = 784887151};
    sent = RefusalDiagnosis::answered(sent, exchange);
    QCOMPARE(sent.serverDate, QDateTime(QDate(1994, 11, 15), QTime(8, 12, 31), QTimeZone::utc()));
    const EngineError refused{
        .kind = ErrorKind::Http, .httpStatus = 401, .oauthError = QStringLiteral("invalid_client")};
    Findings said = RefusalDiagnosis::clientRefusal(sent, refused);
    QVERIFY2(said.size() > 2 &&
                 said.at(1).message.contains(u"had expired by the server's clock: exp 08:12:31 UTC, "
                                             u"the server's Date 08:12:31 UTC"),
             qPrintable(said.at(1).message));
    // Valid by the server's clock: the key comes first, and no clock is blamed.
    sent.assertionExpires = 784887200;
    said = RefusalDiagnosis::clientRefusal(sent, refused);
    QVERIFY2(said.at(1).message.contains(u"does not hold this key"), qPrintable(said.at(1).message));
    // A Date that is not one: nothing is read from it.
    exchange.responseHeaders = {{"Date", "yesterday"}};
    QVERIFY(!RefusalDiagnosis::answered(sent, exchange).serverDate.isValid());
}

void tst_RefusalDiagnosis::anUnlistedMethodIsSaidBeforeSending()
{
    ClientCredentialsSent sent{.clientId = QStringLiteral("app"), .method = ClientAuthMethod::PrivateKeyJwt};
    QVERIFY(
        RefusalDiagnosis::methodNotListed(sent).isEmpty()); // the server lists nothing: nothing to hold to
    sent.serverMethods = {QStringLiteral("client_secret_basic"), QStringLiteral("private_key_jwt")};
    QVERIFY(RefusalDiagnosis::methodNotListed(sent).isEmpty());
    sent.method = ClientAuthMethod::ClientSecretPost;
    const Findings said = RefusalDiagnosis::methodNotListed(sent);
    QCOMPARE(said.size(), 1);
    QCOMPARE(said.first().rule, QStringLiteral("TE-13"));
    QCOMPARE(said.first().severity, Severity::Warning);
    // The listed ones first, each group in its own order.
    using M = ClientAuthMethod;
    QCOMPARE(ClientAuthentication::serverOrder({M::ClientSecretBasic, M::ClientSecretPost, M::PrivateKeyJwt},
                                               sent.serverMethods),
             (QList<M>{M::ClientSecretBasic, M::PrivateKeyJwt, M::ClientSecretPost}));
    QCOMPARE(ClientAuthentication::serverOrder({M::ClientSecretPost, M::None}, {}),
             (QList<M>{M::ClientSecretPost, M::None}));
}

QTEST_GUILESS_MAIN(tst_RefusalDiagnosis)
#include "tst_refusaldiagnosis.moc"
