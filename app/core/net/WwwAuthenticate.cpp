#include "WwwAuthenticate.h"

namespace oauth2dbg::WwwAuthenticate {

namespace {
constexpr qsizetype kMaxChallenges = 16;
constexpr qsizetype kMaxValue = 1000;

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// A reader over the header's bytes.
struct Reader {
    const QByteArray& text;
    qsizetype at = 0;

    [[nodiscard]] bool atEnd() const { return at >= text.size(); }
    [[nodiscard]] char peek() const { return atEnd() ? '\0' : text.at(at); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++at;
    }
    QByteArray token()
    {
        const qsizetype from = at;
        while (!atEnd() && isTokenChar(peek()))
            ++at;
        return text.mid(from, at - from);
    }
    // A quoted-string, its quoted pairs undone; false when it does not end.
    bool quoted(QByteArray* out)
    {
        ++at; // the opening quote
        while (!atEnd()) {
            const char c = text.at(at++);
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd())
                out->append(text.at(at++));
            else
                out->append(c);
        }
        return false;
    }
};

QString value(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes.left(kMaxValue));
}
} // namespace

QList<AuthChallenge> parse(const QByteArray& header)
{
    QList<AuthChallenge> challenges;
    Reader r{header};
    while (challenges.size() < kMaxChallenges) {
        r.skipSpace();
        while (r.peek() == ',') {
            ++r.at;
            r.skipSpace();
        }
        const QByteArray scheme = r.token();
        if (scheme.isEmpty())
            break;
        AuthChallenge challenge{.scheme = value(scheme)};
        // Auth-params (name=value, comma-separated) until the next scheme; or a token68.
        for (;;) {
            r.skipSpace();
            const qsizetype mark = r.at;
            const QByteArray name = r.token();
            r.skipSpace();
            if (!name.isEmpty() && r.peek() != '=' && challenge.params.isEmpty() &&
                challenge.token68.isEmpty() && (r.atEnd() || r.peek() == ',')) {
                challenge.token68 = value(name); // "Bearer abc"
                break;
            }
            if (name.isEmpty() || r.peek() != '=') {
                r.at = mark; // the next challenge's scheme (or the end)
                break;
            }
            ++r.at;
            r.skipSpace();
            QByteArray v;
            if (r.peek() == '"') {
                if (!r.quoted(&v))
                    return challenges << challenge;
            } else if (r.peek() == '=' || r.peek() == ',' || r.atEnd()) {
                // token68 ends in '=' padding: "Basic dXNlcg=="
                while (r.peek() == '=')
                    ++r.at, v.append('=');
                if (challenge.params.isEmpty() && !v.isEmpty()) {
                    challenge.token68 = value(name + '=' + v);
                    break;
                }
            } else {
                v = r.token();
            }
            challenge.params.insert(QString::fromLatin1(name).toLower(), value(v));
            r.skipSpace();
            if (r.peek() != ',')
                break;
            ++r.at;
        }
        challenges << challenge;
        r.skipSpace();
        if (r.atEnd())
            break;
    }
    return challenges;
}

AuthChallenge find(const QList<AuthChallenge>& challenges, const QString& scheme)
{
    for (const AuthChallenge& c : challenges)
        if (c.scheme.compare(scheme, Qt::CaseInsensitive) == 0)
            return c;
    return {};
}

QString explain(const AuthChallenge& challenge)
{
    const QString error = challenge.param(QStringLiteral("error"));
    if (error.isEmpty())
        return {};
    const bool dpop = challenge.scheme.compare(u"DPoP", Qt::CaseInsensitive) == 0;
    if (error == u"invalid_request")
        return QStringLiteral("invalid_request: the request is malformed — a parameter missing or repeated, "
                              "or the token sent more than one way (RFC 6750 §3.1).");
    if (error == u"invalid_token")
        return dpop ? QStringLiteral("invalid_token: the token is expired, revoked or malformed, or it is "
                                     "not bound to the key that signed the proof (RFC 9449 §7.1).")
                    : QStringLiteral("invalid_token: the token is expired, revoked or malformed, or not "
                                     "for this resource (RFC 6750 §3.1).");
    if (error == u"insufficient_scope")
        return QStringLiteral("insufficient_scope: the token is valid but lacks the scope this resource "
                              "needs%1 (RFC 6750 §3.1).")
            .arg(challenge.param(QStringLiteral("scope")).isEmpty()
                     ? QString()
                     : QStringLiteral(" (it asks for \"%1\")").arg(challenge.param(QStringLiteral("scope"))));
    if (error == u"invalid_dpop_proof")
        return QStringLiteral("invalid_dpop_proof: the DPoP proof is missing a claim, signed wrongly, for "
                              "another method or URL, too old, or sent before (RFC 9449 §7.1).");
    if (error == u"use_dpop_nonce")
        return QStringLiteral("use_dpop_nonce: the resource server wants its nonce (DPoP-Nonce) in the "
                              "proof (RFC 9449 §9).");
    return QStringLiteral("%1: not an error RFC 6750 or RFC 9449 defines.").arg(error.left(100));
}

} // namespace oauth2dbg::WwwAuthenticate
