#include "oauth/MetadataValidator.h"

#include <QJsonArray>
#include <QTest>

using namespace oauth2dbg;

namespace {
const QString kIssuer = QStringLiteral("https://op.example.com");

QJsonObject goodMetadata()
{
    return QJsonObject{
        {QStringLiteral("issuer"), kIssuer},
        {QStringLiteral("authorization_endpoint"), QStringLiteral("https://op.example.com/auth")},
        {QStringLiteral("token_endpoint"), QStringLiteral("https://op.example.com/token")},
        {QStringLiteral("jwks_uri"), QStringLiteral("https://op.example.com/jwks")},
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{QStringLiteral("RS256")}},
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
        {QStringLiteral("authorization_response_iss_parameter_supported"), true},
    };
}

Findings validate(const QJsonObject& metadata, bool allowHttp = false, const QString& issuer = kIssuer,
                  MetadataValidator::Kind kind = MetadataValidator::Kind::OpenIdConfiguration)
{
    return MetadataValidator(issuer, kind, allowHttp).validate(metadata);
}

// The findings of one severity for one member, as "RULE: message" lines, for readable failures.
QStringList findingsFor(const Findings& findings, Severity severity, const QString& field)
{
    QStringList out;
    for (const Finding& f : findings) {
        if (f.severity == severity && f.field == field)
            out << f.rule % u": " % f.message;
    }
    return out;
}
} // namespace

class tst_MetadataValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goodDocumentHasNoProblems();
    void issuerMustMatchExactly_data();
    void issuerMustMatchExactly();
    void typesAreChecked_data();
    void typesAreChecked();
    void endpointsAreChecked_data();
    void endpointsAreChecked();
    void requiredMembers_data();
    void requiredMembers();
    void otherOriginIsAWarning();
    void mtlsAliasesAreHeldToTheSameRules();
    void pkceAdvice();
};

void tst_MetadataValidator::goodDocumentHasNoProblems()
{
    const Findings findings = validate(goodMetadata());
    QVERIFY(!hasErrors(findings));
    QVERIFY(findingsFor(findings, Severity::Warning, QString()).isEmpty());
    // What passed is listed too, so the user sees what was checked.
    QCOMPARE(findingsFor(findings, Severity::Info, QStringLiteral("issuer")).size(), 1);
    QVERIFY(std::any_of(findings.cbegin(), findings.cend(),
                        [](const Finding& f) { return f.message.contains(u"All 3 endpoints"); }));
}

void tst_MetadataValidator::issuerMustMatchExactly_data()
{
    QTest::addColumn<QJsonValue>("documentIssuer");
    QTest::addColumn<QString>("messageContains");
    QTest::addRow("other host") << QJsonValue(QStringLiteral("https://evil.example.com"))
                                << "must be identical";
    QTest::addRow("trailing slash") << QJsonValue(kIssuer + u'/') << "only by a trailing slash";
    QTest::addRow("case differs") << QJsonValue(QStringLiteral("https://OP.example.com"))
                                  << "must be identical";
    QTest::addRow("path added") << QJsonValue(kIssuer + u"/tenant") << "must be identical";
    QTest::addRow("number") << QJsonValue(42) << "must be a string, but it is a number";
    QTest::addRow("missing") << QJsonValue(QJsonValue::Undefined) << "must be a string, but it is missing";
}

void tst_MetadataValidator::issuerMustMatchExactly()
{
    QFETCH(QJsonValue, documentIssuer);
    QFETCH(QString, messageContains);
    QJsonObject metadata = goodMetadata();
    if (documentIssuer.isUndefined())
        metadata.remove(QStringLiteral("issuer"));
    else
        metadata.insert(QStringLiteral("issuer"), documentIssuer);
    const QStringList errors = findingsFor(validate(metadata), Severity::Error, QStringLiteral("issuer"));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(u"MD-02: "), qPrintable(errors.first()));
    QVERIFY2(errors.first().contains(messageContains), qPrintable(errors.first()));
}

void tst_MetadataValidator::typesAreChecked_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("messageContains");
    QTest::addRow("array as string") << "response_types_supported" << QJsonValue(QStringLiteral("code"))
                                     << "must be an array of strings, but it is a string";
    QTest::addRow("number in array") << "code_challenge_methods_supported"
                                     << QJsonValue(QJsonArray{QStringLiteral("S256"), 7})
                                     << "item 1 is a number";
    QTest::addRow("object in array") << "scopes_supported" << QJsonValue(QJsonArray{QJsonObject{}})
                                     << "item 0 is an object";
    QTest::addRow("boolean as string")
        << "authorization_response_iss_parameter_supported" << QJsonValue(QStringLiteral("true"))
        << "must be a boolean (true or false), but it is a string";
    QTest::addRow("boolean as number")
        << "require_pushed_authorization_requests" << QJsonValue(1) << "but it is a number";
    QTest::addRow("null array") << "dpop_signing_alg_values_supported" << QJsonValue(QJsonValue::Null)
                                << "but it is null";
    QTest::addRow("doc link as array")
        << "service_documentation" << QJsonValue(QJsonArray{}) << "must be a string, but it is an array";
}

void tst_MetadataValidator::typesAreChecked()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(QString, messageContains);
    QJsonObject metadata = goodMetadata();
    metadata.insert(member, value);
    const QStringList errors = findingsFor(validate(metadata), Severity::Error, member);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(messageContains), qPrintable(errors.first()));
}

void tst_MetadataValidator::endpointsAreChecked_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("allowHttp");
    QTest::addColumn<QString>("errorContains"); // empty: accepted
    QTest::addRow("https") << QJsonValue(QStringLiteral("https://op.example.com/token")) << false << "";
    QTest::addRow("file scheme") << QJsonValue(QStringLiteral("file:///etc/passwd")) << false
                                 << "not an absolute URL";
    QTest::addRow("custom scheme") << QJsonValue(QStringLiteral("myapp://op.example.com/token")) << false
                                   << "NA-09: \"token_endpoint\" uses the myapp: scheme";
    QTest::addRow("http remote") << QJsonValue(QStringLiteral("http://op.example.com/token")) << true
                                 << "TE-10: \"token_endpoint\" uses the http: scheme";
    QTest::addRow("http loopback, not allowed")
        << QJsonValue(QStringLiteral("http://127.0.0.1:9/token")) << false << "Local test server";
    QTest::addRow("http loopback, allowed")
        << QJsonValue(QStringLiteral("http://127.0.0.1:9/token")) << true << "";
    QTest::addRow("relative") << QJsonValue(QStringLiteral("/token")) << false << "not an absolute URL";
    QTest::addRow("fragment") << QJsonValue(QStringLiteral("https://op.example.com/token#x")) << false
                              << "fragment";
    QTest::addRow("number") << QJsonValue(42) << false << "must be a URL string, but it is a number";
}

void tst_MetadataValidator::endpointsAreChecked()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, allowHttp);
    QFETCH(QString, errorContains);
    QJsonObject metadata = goodMetadata();
    metadata.insert(QStringLiteral("token_endpoint"), value);
    const QStringList errors =
        findingsFor(validate(metadata, allowHttp), Severity::Error, QStringLiteral("token_endpoint"));
    if (errorContains.isEmpty()) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    } else {
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(errorContains), qPrintable(errors.first()));
    }
}

void tst_MetadataValidator::requiredMembers_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("member");
    QTest::addColumn<bool>("required");
    const int oidc = int(MetadataValidator::Kind::OpenIdConfiguration);
    const int oauth = int(MetadataValidator::Kind::AuthorizationServerMetadata);
    QTest::addRow("oidc token_endpoint") << oidc << "token_endpoint" << true;
    QTest::addRow("oidc jwks_uri") << oidc << "jwks_uri" << true;
    QTest::addRow("oidc subject_types") << oidc << "subject_types_supported" << true;
    QTest::addRow("oauth jwks_uri optional") << oauth << "jwks_uri" << false;
    QTest::addRow("oauth subject_types optional") << oauth << "subject_types_supported" << false;
    QTest::addRow("oauth response_types") << oauth << "response_types_supported" << true;
    QTest::addRow("oauth authorization_endpoint") << oauth << "authorization_endpoint" << true;
}

void tst_MetadataValidator::requiredMembers()
{
    QFETCH(int, kind);
    QFETCH(QString, member);
    QFETCH(bool, required);
    QJsonObject metadata = goodMetadata();
    metadata.remove(member);
    const QStringList errors = findingsFor(validate(metadata, false, kIssuer, MetadataValidator::Kind(kind)),
                                           Severity::Error, member);
    QCOMPARE(errors.size(), required ? 1 : 0);
    if (required)
        QVERIFY(errors.first().contains(u"is required"));
}

void tst_MetadataValidator::otherOriginIsAWarning()
{
    QJsonObject metadata = goodMetadata();
    metadata.insert(QStringLiteral("token_endpoint"), QStringLiteral("https://tokens.example.net/token"));
    const Findings findings = validate(metadata);
    QVERIFY(!hasErrors(findings));
    const QStringList warnings = findingsFor(findings, Severity::Warning, QStringLiteral("token_endpoint"));
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().startsWith(u"MD-05") &&
                 warnings.first().contains(u"https://tokens.example.net"),
             qPrintable(warnings.first()));
}

void tst_MetadataValidator::mtlsAliasesAreHeldToTheSameRules()
{
    // RFC 8705 §5: a certified client sends its requests to the aliases, so they get the endpoints' rules.
    QJsonObject metadata = goodMetadata();
    metadata.insert(
        QStringLiteral("mtls_endpoint_aliases"),
        QJsonObject{
            {QStringLiteral("token_endpoint"), QStringLiteral("http://mtls.example.com/token")},
            {QStringLiteral("introspection_endpoint"), 42},
            {QStringLiteral("revocation_endpoint"), QStringLiteral("https://mtls.example.net/revoke")}});
    const Findings findings = validate(metadata);
    const QStringList token =
        findingsFor(findings, Severity::Error, QStringLiteral("mtls_endpoint_aliases.token_endpoint"));
    QVERIFY2(token.size() == 1 && token.first().startsWith(u"TE-10"), qPrintable(token.join(u'\n')));
    QCOMPARE(
        findingsFor(findings, Severity::Error, QStringLiteral("mtls_endpoint_aliases.introspection_endpoint"))
            .size(),
        1);
    const QStringList elsewhere =
        findingsFor(findings, Severity::Warning, QStringLiteral("mtls_endpoint_aliases.revocation_endpoint"));
    QVERIFY2(elsewhere.size() == 1 && elsewhere.first().startsWith(u"MD-05"),
             qPrintable(elsewhere.join(u'\n')));
    metadata.insert(QStringLiteral("mtls_endpoint_aliases"), QStringLiteral("https://mtls.example.com/"));
    QVERIFY2(findingsFor(validate(metadata), Severity::Error, QStringLiteral("mtls_endpoint_aliases"))
                 .value(0)
                 .contains(u"must be a JSON object"),
             "a string is not an alias object");
}

void tst_MetadataValidator::pkceAdvice()
{
    QJsonObject metadata = goodMetadata();
    metadata.insert(QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("plain")});
    const QString member = QStringLiteral("code_challenge_methods_supported");
    QCOMPARE(findingsFor(validate(metadata), Severity::Warning, member).size(), 1);
    metadata.remove(member);
    QCOMPARE(findingsFor(validate(metadata), Severity::Info, member).size(), 1);
}

QTEST_GUILESS_MAIN(tst_MetadataValidator)
#include "tst_metadatavalidator.moc"
