// Strict JWS reading and signature verification: the RFC examples, then every way a token or key set can be
// wrong.
#include "TestSigner.h"
#include "jose/Base64Url.h"
#include "jose/Jwk.h"
#include "jose/Jws.h"
#include "jose/StrictJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTest>

#include <openssl/err.h>

using namespace oauth2dbg;

namespace {
// RFC 7515 appendix A: the payload shared by A.1 to A.3.
constexpr char kRfcPayload[] =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

QJsonObject jsonObject(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QByteArray flipLastSignatureBit(const QByteArray& token)
{
    const qsizetype dot = token.lastIndexOf('.');
    QByteArray signature = *base64url::decodeStrict(token.mid(dot + 1));
    signature[signature.size() - 1] = char(signature.at(signature.size() - 1) ^ 1);
    return token.left(dot + 1) + base64url::encode(signature);
}

JwkSet setOf(const QList<QJsonObject>& keys)
{
    return JwkSet::parse(test::jwks(keys));
}

QJsonObject claims()
{
    return {{QStringLiteral("iss"), QStringLiteral("https://issuer.example")},
            {QStringLiteral("sub"), QStringLiteral("alice")}};
}
} // namespace

class tst_Jws : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rfcVectors_data();
    void rfcVectors();
    void rfcHmacVector();
    void strictBase64Url_data();
    void strictBase64Url();
    void parseRefuses_data();
    void parseRefuses();
    void duplicateMembersAreFound_data();
    void duplicateMembersAreFound();
    void signedPayloadNeedNotBeClaims();
    void headerKeysAreNeverFollowed();
    void everyAlgorithmVerifies_data();
    void everyAlgorithmVerifies();
    void keySelection();
    void algorithmPolicy();
    void hmacUsesTheClientSecretOnly();
    void weakAndBrokenKeys();
    void ecdsaSignatureLength();
};

void tst_Jws::rfcVectors_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QByteArray>("jwk");
    QTest::addColumn<QByteArray>("token");
    QTest::addRow("RFC 7515 A.2 RS256")
        << QStringLiteral("RS256")
        << QByteArray(
               R"({"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddx)"
               R"(HmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9)"
               R"(wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZl)"
               R"(xvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4F)"
               R"(RWyuXpoQ"})")
        << (QByteArray("eyJhbGciOiJSUzI1NiJ9.") + kRfcPayload +
            ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
            "O8W2Fp5jujGbds9u"
            "JdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_"
            "nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eS"
            "N9383LcOLn6_dO--xi12jzDwusC-"
            "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AX"
            "LIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw");
    QTest::addRow("RFC 7515 A.3 ES256")
        << QStringLiteral("ES256")
        << QByteArray(R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
                      R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})")
        << (QByteArray("eyJhbGciOiJFUzI1NiJ9.") + kRfcPayload +
            ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q");
    QTest::addRow("RFC 7515 A.4 ES512")
        << QStringLiteral("ES512")
        << QByteArray(
               R"({"kty":"EC","crv":"P-521",)"
               R"("x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",)"
               R"("y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"})")
        << QByteArray("eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_"
                      "UxMi70cwnZOYaRI1bKPWROc-mZZ"
                      "qwqT2SI-KGDKB34XO0aw_"
                      "7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9"
                      "ERBXukOXolLzeO_Jn");
    QTest::addRow("RFC 8037 A.4 EdDSA")
        << QStringLiteral("EdDSA")
        << QByteArray(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})")
        << QByteArray("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-"
                      "09PGcvMg3A"
                      "IbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
}

void tst_Jws::rfcVectors()
{
    QFETCH(QString, alg);
    QFETCH(QByteArray, jwk);
    QFETCH(QByteArray, token);
    const Jwk key = Jwk::fromJson(QJsonDocument::fromJson(jwk).object());
    QVERIFY2(key.usable(), qPrintable(key.problem));
    const CompactJws jws = CompactJws::parse(token);
    QVERIFY2(jws.ok(), qPrintable(jws.error));
    QCOMPARE(jws.alg, alg);
    QString why;
    QVERIFY2(verifyWithKey(alg, key, jws.signingInput, jws.signature, &why), qPrintable(why));

    // Through the whole path, with the key in a set.
    const SignatureResult result = verifySignature(jws, JwkSet::parse("{\"keys\":[" + jwk + "]}"), {});
    QVERIFY2(result.verified(), qPrintable(result.message));

    // One flipped bit in the signature, or in the signed part, and it fails.
    const CompactJws flipped = CompactJws::parse(flipLastSignatureBit(token));
    QVERIFY(!verifyWithKey(alg, key, flipped.signingInput, flipped.signature, &why));
    QByteArray changedInput = jws.signingInput;
    changedInput[changedInput.size() - 1] = changedInput.at(changedInput.size() - 1) == 'A' ? 'B' : 'A';
    QVERIFY(!verifyWithKey(alg, key, changedInput, jws.signature, &why));
    QVERIFY2(why.contains(u"does not match"), qPrintable(why));
}

void tst_Jws::rfcHmacVector()
{
    // RFC 7515 A.1.
    const QByteArray key = *base64url::decodeStrict(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
    const CompactJws jws = CompactJws::parse(QByteArray("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.") +
                                             kRfcPayload + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    QVERIFY2(jws.ok(), qPrintable(jws.error));
    QCOMPARE(jws.typ, QStringLiteral("JWT"));
    QCOMPARE(jws.payload.value(u"iss").toString(), QStringLiteral("joe"));
    QVERIFY(verifyHmac(QStringLiteral("HS256"), key, jws.signingInput, jws.signature));
    QVERIFY(!verifyHmac(QStringLiteral("HS384"), key, jws.signingInput, jws.signature));
    QVERIFY(!verifyHmac(QStringLiteral("HS256"), key.left(10), jws.signingInput, jws.signature));
    SignaturePolicy policy;
    policy.clientSecret = Secret(key);
    QVERIFY(verifySignature(jws, {}, policy).verified());
}

void tst_Jws::strictBase64Url_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    // CONFORMANCE JW-02's vectors, and the canonical-form rule.
    QTest::addRow("plain") << QByteArray("eyJhbGciOiJub25lIn0") << true;
    QTest::addRow("padding") << QByteArray("eyJhbGciOiJub25lIn0=") << false;
    QTest::addRow("trailing space") << QByteArray("eyJhbGciOiJub25lIn0 ") << false;
    QTest::addRow("standard alphabet +") << QByteArray("ab+c") << false;
    QTest::addRow("standard alphabet /") << QByteArray("ab/c") << false;
    QTest::addRow("line break") << QByteArray("eyJh\nbGciOiJub25lIn0") << false;
    QTest::addRow("impossible length") << QByteArray("abcde") << false;
    QTest::addRow("canonical QQ") << QByteArray("QQ") << true;
    QTest::addRow("non-canonical QR") << QByteArray("QR") << false;
    QTest::addRow("empty") << QByteArray() << true;
}

void tst_Jws::strictBase64Url()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    QCOMPARE(base64url::decodeStrict(text).has_value(), accepted);
}

void tst_Jws::parseRefuses_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("expected");
    const QByteArray payload = base64url::encode(R"({"sub":"a"})");
    QTest::addRow("two parts") << QByteArray("eyJhbGciOiJub25lIn0.") + payload << QStringLiteral("has 2");
    QTest::addRow("four parts") << QByteArray("a.b.c.d") << QStringLiteral("has 4");
    QTest::addRow("JWE") << QByteArray("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")
                         << QStringLiteral("encrypted token (JWE");
    QTest::addRow("padded header") << QByteArray("eyJhbGciOiJub25lIn0=.") + payload + "."
                                   << QStringLiteral("header is not strict base64url");
    QTest::addRow("header not JSON") << base64url::encode("{alg") + "." + payload + "."
                                     << QStringLiteral("header is not JSON");
    QTest::addRow("header an array") << base64url::encode("[1]") + "." + payload + "."
                                     << QStringLiteral("header is JSON but not an object");
    QTest::addRow("no alg") << base64url::encode(R"({"typ":"JWT"})") + "." + payload + "."
                            << QStringLiteral("no \"alg\"");
    QTest::addRow("alg a number") << base64url::encode(R"({"alg":256})") + "." + payload + "."
                                  << QStringLiteral("no \"alg\"");
    QTest::addRow("kid a number") << base64url::encode(R"({"alg":"RS256","kid":7})") + "." + payload + "."
                                  << QStringLiteral("\"kid\" is not a string");
    QTest::addRow("crit") << base64url::encode(R"({"alg":"RS256","crit":["exp"],"exp":1})") + "." + payload +
                                 "."
                          << QStringLiteral("critical");
    QTest::addRow("payload with a name twice")
        << base64url::encode(R"({"alg":"RS256"})") + "." + base64url::encode(R"({"sub":"a","sub":"b"})") + "."
        << QStringLiteral("payload names \"sub\" twice");
    QTest::addRow("payload not JSON but looks like it")
        << base64url::encode(R"({"alg":"RS256"})") + "." + base64url::encode(R"({"sub":)") + "."
        << QStringLiteral("payload is not JSON");
    QTest::addRow("header not UTF-8")
        << base64url::encode("{\"alg\":\"\xff\"}") + "." + payload + "." << QStringLiteral("not valid UTF-8");
}

void tst_Jws::parseRefuses()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, expected);
    const CompactJws jws = CompactJws::parse(token);
    QVERIFY(!jws.ok());
    QVERIFY2(jws.error.contains(expected), qPrintable(jws.error));
    // And verification says the same, never "verified".
    const SignatureResult result = verifySignature(jws, {}, {});
    QVERIFY(!result.verified());
    QVERIFY(result.message.contains(expected));
}

void tst_Jws::duplicateMembersAreFound_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("twice");
    QTest::addRow("none") << QByteArray(R"({"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]})") << QString();
    QTest::addRow("top level") << QByteArray(R"({"alg":"RS256","alg":"none"})") << QStringLiteral("alg");
    QTest::addRow("escaped spelling")
        << QByteArray(R"({"alg":"RS256","\u0061lg":"none"})") << QStringLiteral("alg");
    QTest::addRow("nested") << QByteArray(R"({"a":{"x":1,"y":2,"x":3}})") << QStringLiteral("x");
    QTest::addRow("in an array's object")
        << QByteArray(R"({"k":[{"kid":"1","kid":"2"}]})") << QStringLiteral("kid");
    QTest::addRow("values are not names") << QByteArray(R"({"a":"a","b":["a","a"]})") << QString();
    QTest::addRow("quotes and commas in strings") << QByteArray(R"({"a":"x\",\"a\":1","b":2})") << QString();
}

void tst_Jws::duplicateMembersAreFound()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, twice);
    QCOMPARE(firstDuplicateMember(json), twice);
    QCOMPARE(parseStrictObject(json, QStringLiteral("test")).ok(), twice.isEmpty());
}

void tst_Jws::signedPayloadNeedNotBeClaims()
{
    const CompactJws jws = CompactJws::parse("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
                                             "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijc"
                                             "NR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
    QVERIFY2(jws.ok(), qPrintable(jws.error));
    QVERIFY(!jws.payloadIsObject);
    QCOMPARE(jws.payloadBytes, QByteArray("Example of Ed25519 signing"));
}

void tst_Jws::headerKeysAreNeverFollowed()
{
    // RFC 8725 §3.10: a token that brings its own key (jwk) or key location (jku) is verified against the
    // issuer's set only; the embedded key is ignored even though it would verify.
    const test::TestKey attacker = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("k1"));
    const test::TestKey issuer = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("k1"));
    const QByteArray token =
        attacker.sign(QJsonObject{{QStringLiteral("jwk"), attacker.publicJwk()},
                                  {QStringLiteral("jku"), QStringLiteral("https://evil.example/")}},
                      claims());
    const CompactJws jws = CompactJws::parse(token);
    QVERIFY(jws.ok());
    QCOMPARE(jws.notes.size(), 2);
    const SignatureResult result = verifySignature(jws, setOf({issuer.publicJwk()}), {});
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY(result.message.contains(u"not valid"));
    QVERIFY(std::any_of(result.checks.cbegin(), result.checks.cend(), [](const Finding& f) {
        return f.field == u"jku" && f.message.contains(u"never from");
    }));
}

void tst_Jws::everyAlgorithmVerifies_data()
{
    QTest::addColumn<QString>("alg");
    for (const char* alg :
         {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
        QTest::addRow("%s", alg) << QString::fromLatin1(alg);
}

void tst_Jws::everyAlgorithmVerifies()
{
    QFETCH(QString, alg);
    const test::TestKey key = test::TestKey::generate(alg, alg.toLower() + u"-1");
    const QByteArray token = key.sign({}, claims());
    const JwkSet set = setOf({key.publicJwk()});
    const SignatureResult result = verifySignature(CompactJws::parse(token), set, {});
    QVERIFY2(result.verified(), qPrintable(result.message));
    QVERIFY(result.message.contains(alg));
    QVERIFY(result.message.contains(key.kid()));

    const SignatureResult flipped = verifySignature(CompactJws::parse(flipLastSignatureBit(token)), set, {});
    QCOMPARE(flipped.verdict, Verdict::Failed);
    QVERIFY2(flipped.message.contains(u"does not match"), qPrintable(flipped.message));

    // Another key of the same kind under the same kid: the signature is checked, not the name.
    const test::TestKey other = test::TestKey::generate(alg, key.kid());
    QCOMPARE(verifySignature(CompactJws::parse(token), setOf({other.publicJwk()}), {}).verdict,
             Verdict::Failed);
}

void tst_Jws::keySelection()
{
    const test::TestKey a = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("a"));
    const test::TestKey b = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("b"));
    const test::TestKey ec = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("e"));

    // The kid picks one of several.
    QVERIFY(
        verifySignature(CompactJws::parse(b.sign({}, claims())), setOf({a.publicJwk(), b.publicJwk()}), {})
            .verified());
    // An unknown kid: no candidate, and the caller learns that a newer set may help.
    SignatureResult result =
        verifySignature(CompactJws::parse(b.sign({}, claims())), setOf({a.publicJwk()}), {});
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY(result.noMatchingKey);
    QVERIFY2(result.message.contains(u"kid \"b\""), qPrintable(result.message));
    // No kid and one RSA key (the EC key does not count): fine. No kid and two RSA keys: refused.
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}};
    const QByteArray input = test::signingInput(header, claims());
    const QByteArray unnamed = input + '.' + base64url::encode(a.signature(input));
    QVERIFY(
        verifySignature(CompactJws::parse(unnamed), setOf({a.publicJwk(), ec.publicJwk()}), {}).verified());
    result = verifySignature(CompactJws::parse(unnamed), setOf({a.publicJwk(), b.publicJwk()}), {});
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY2(result.message.contains(u"2 keys") && result.message.contains(u"names no kid"),
             qPrintable(result.message));
    // A key meant for encryption, or whose operations exclude verify, or for another alg, is no candidate.
    for (const auto& [member, value] : std::initializer_list<std::pair<const char*, QJsonValue>>{
             {"use", QStringLiteral("enc")},
             {"key_ops", QJsonArray{QStringLiteral("encrypt")}},
             {"alg", QStringLiteral("PS256")}}) {
        QJsonObject jwk = a.publicJwk();
        jwk.insert(QLatin1StringView(member), value);
        result = verifySignature(CompactJws::parse(a.sign({}, claims())), setOf({jwk}), {});
        QVERIFY2(result.noMatchingKey, member);
    }
    // An EC key on the wrong curve for the alg.
    const test::TestKey p384 = test::TestKey::generate(QStringLiteral("ES384"), QStringLiteral("e"));
    result = verifySignature(CompactJws::parse(ec.sign({}, claims())), setOf({p384.publicJwk()}), {});
    QVERIFY(result.noMatchingKey);
}

void tst_Jws::algorithmPolicy()
{
    const test::TestKey key = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("a"));
    const JwkSet set = setOf({key.publicJwk()});
    const QByteArray payload = base64url::encode(QJsonDocument(claims()).toJson(QJsonDocument::Compact));
    // alg none: refused unless allowed, and then only without a signature, and never "verified".
    const QByteArray none = base64url::encode(R"({"alg":"none"})") + "." + payload + ".";
    SignatureResult result = verifySignature(CompactJws::parse(none), set, {});
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY(result.message.contains(u"not signed"));
    SignaturePolicy allowNone;
    allowNone.allowNone = true;
    result = verifySignature(CompactJws::parse(none), set, allowNone);
    QCOMPARE(result.verdict, Verdict::NotVerifiable);
    QVERIFY(result.message.contains(u"registered"));
    result = verifySignature(CompactJws::parse(none + "c2ln"), set, allowNone);
    QCOMPARE(result.verdict, Verdict::Failed);
    // Names are case-sensitive.
    for (const char* alg : {"None", "NONE", "rs256", "HS1"}) {
        const QByteArray token = base64url::encode(QByteArray(QByteArray(R"({"alg":")") + alg + R"("})")) +
                                 "." + payload + ".c2ln";
        result = verifySignature(CompactJws::parse(token), set, allowNone);
        QCOMPARE(result.verdict, Verdict::Failed);
        QVERIFY2(result.message.contains(u"not an algorithm"), qPrintable(result.message));
    }
    // The caller's list is the list.
    SignaturePolicy onlyEs;
    onlyEs.allowedAlgs = {QStringLiteral("ES256")};
    result = verifySignature(CompactJws::parse(key.sign({}, claims())), set, onlyEs);
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY(result.message.contains(u"not among the algorithms expected here (ES256)"));
}

void tst_Jws::hmacUsesTheClientSecretOnly()
{
    // Algorithm confusion: an attacker who knows the issuer's RSA public key signs HS256 with it as the
    // secret.
    const test::TestKey rsa = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("a"));
    const JwkSet set = setOf({rsa.publicJwk()});
    const QByteArray publicBytes = QJsonDocument(rsa.publicJwk()).toJson(QJsonDocument::Compact);
    const QByteArray modulus = *base64url::decodeStrict(rsa.publicJwk().value(u"n").toString().toLatin1());
    for (const QByteArray& fakeSecret : {publicBytes, modulus}) {
        const QByteArray forged = test::signHmac(QStringLiteral("HS256"), fakeSecret,
                                                 {{QStringLiteral("kid"), QStringLiteral("a")}}, claims());
        // RFC 8725 §2.1: the kid names an RSA key, which never makes an HMAC: forged, with or without a
        // secret.
        SignatureResult result = verifySignature(CompactJws::parse(forged), set, {});
        QCOMPARE(result.verdict, Verdict::Failed);
        QVERIFY(!result.verified());
        QVERIFY2(result.message.contains(u"algorithm confusion"), qPrintable(result.message));
        SignaturePolicy policy;
        policy.clientSecret = Secret("the real client secret");
        result = verifySignature(CompactJws::parse(forged), set, policy);
        QCOMPARE(result.verdict, Verdict::Failed);
        QVERIFY(result.message.contains(u"algorithm confusion"));
        // Without a kid to give it away, the secret decides.
        const QByteArray anonymous = test::signHmac(QStringLiteral("HS256"), fakeSecret, {}, claims());
        result = verifySignature(CompactJws::parse(anonymous), set, {});
        QCOMPARE(result.verdict, Verdict::NotVerifiable); // no client secret: nothing to check with
        result = verifySignature(CompactJws::parse(anonymous), set, policy);
        QCOMPARE(result.verdict, Verdict::Failed);
        QVERIFY(result.message.contains(u"does not match the client secret"));
    }
    SignaturePolicy policy;
    policy.clientSecret = Secret("s3cret: with % and +");
    const QByteArray genuine =
        test::signHmac(QStringLiteral("HS384"), policy.clientSecret.reveal(), {}, claims());
    QVERIFY(verifySignature(CompactJws::parse(genuine), set, policy).verified());
}

void tst_Jws::weakAndBrokenKeys()
{
    ERR_clear_error();
    const auto queueStaysEmpty = qScopeGuard([] {
        // Failed OpenSSL calls leave nothing in this thread's error queue for the next reader (Qt's TLS
        // code).
        QCOMPARE(ERR_peek_error(), 0UL);
    });
    const test::TestKey small =
        test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("small"), 1024);
    const Jwk weak = Jwk::fromJson(small.publicJwk());
    QVERIFY(!weak.usable());
    QVERIFY2(weak.problem.contains(u"1024 bits"), qPrintable(weak.problem));
    QVERIFY(verifySignature(CompactJws::parse(small.sign({}, claims())), setOf({small.publicJwk()}), {})
                .noMatchingKey);

    const struct {
        const char* json;
        const char* problem;
    } cases[] = {
        {R"({"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"})", "must be 32 bytes"},
        {R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
         R"("y":"x_FEzRu9m36HLN_tuf659LNpXW6pCyStikYjKIWI5a0"})",
         "not on P-256"},
        {R"({"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"})", "curve this debugger does not verify"},
        {R"({"kty":"RSA","n":"AQAB"})", "\"e\" is missing"},
        {R"({"kty":"RSA","n":"AQ==","e":"AQAB"})", "not base64url"},
        {R"({"kty":"OKP","crv":"Ed25519","x":"AAAA"})", "32 bytes"},
        {R"({"kty":"oct","k":"c2VjcmV0"})", "symmetric key"},
        {R"({"n":"AQAB"})", "\"kty\" is missing"},
        {R"({"kty":"RSA","kid":5})", "\"kid\" is not a string"},
    };
    for (const auto& c : cases) {
        const Jwk jwk = Jwk::fromJson(jsonObject(c.json));
        QVERIFY2(!jwk.usable() && jwk.problem.contains(QLatin1StringView(c.problem)),
                 qPrintable(QLatin1StringView(c.json) % u" → " % jwk.problem));
    }
    QVERIFY(JwkSet::parse("[]").error.contains(u"not an object"));
    QVERIFY(JwkSet::parse("{\"keys\":{}}").error.contains(u"no \"keys\" array"));
    QVERIFY(JwkSet::parse("{\"keys\":[],\"keys\":[]}").error.contains(u"twice"));

    // A set that publishes a private part still verifies, and says so.
    const test::TestKey key = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("k"));
    QJsonObject leaked = key.publicJwk();
    leaked.insert(u"d", QStringLiteral("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"));
    const SignatureResult result =
        verifySignature(CompactJws::parse(key.sign({}, claims())), setOf({leaked}), {});
    QVERIFY(result.verified());
    QVERIFY(std::any_of(result.checks.cbegin(), result.checks.cend(), [](const Finding& f) {
        return f.severity == Severity::Warning && f.message.contains(u"private key material");
    }));
}

void tst_Jws::ecdsaSignatureLength()
{
    // RFC 7518 §3.4: R || S, never DER; a DER signature (what OpenSSL itself produces) is refused by length.
    const test::TestKey key = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("k"));
    const QByteArray token = key.sign({}, claims());
    const qsizetype dot = token.lastIndexOf('.');
    const QByteArray shortened = token.left(dot + 1) + base64url::encode(QByteArray(63, 'x'));
    const SignatureResult result =
        verifySignature(CompactJws::parse(shortened), setOf({key.publicJwk()}), {});
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY2(result.message.contains(u"R and S of 32 bytes each (64 in all); this one has 63"),
             qPrintable(result.message));
}

QTEST_GUILESS_MAIN(tst_Jws)
#include "tst_jws.moc"
