# bash completion for oauth2-debugger
_oauth2_debugger()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        --profile-file|--jwks|--ca-file|--client-key-file|--client-cert-file|--assertion-key-file)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --hint)
            COMPREPLY=($(compgen -W "access_token refresh_token" -- "$cur"))
            return ;;
        --client-secret-env|--refresh-token-env|--token-env|--subject-token-env|--actor-token-env|--password-env|--id-token-env)
            COMPREPLY=($(compgen -v -- "$cur"))
            return ;;
        --url|--header|--data|--authorization-details|--profile|--browser|--timeout|--demo-issuer|--allow-endpoint-host|--env|--audience|--resource|--subject|--assertion-issuer|--assertion-audience|--username)
            return ;;
        --response-type)
            COMPREPLY=($(compgen -W "'id_token token' id_token 'code id_token' 'code token' 'code id_token token'" -- "$cur"))
            return ;;
        --subject-token-type|--actor-token-type|--requested-token-type)
            COMPREPLY=($(compgen -W "access_token refresh_token id_token jwt saml1 saml2" -- "$cur"))
            return ;;
        --basic-form)
            COMPREPLY=($(compgen -W "form-encoded raw" -- "$cur"))
            return ;;
        --response-mode)
            COMPREPLY=($(compgen -W "query fragment form_post jwt query.jwt fragment.jwt form_post.jwt" -- "$cur"))
            return ;;
        --method)
            COMPREPLY=($(compgen -W "GET POST PUT PATCH DELETE" -- "$cur"))
            return ;;
        --dpop-fault)
            COMPREPLY=($(compgen -W "wrong-htu reused-jti no-proof" -- "$cur"))
            return ;;
        flow)
            COMPREPLY=($(compgen -W "authorization_code client_credentials device_code token_exchange jwt_bearer password implicit hybrid" -- "$cur"))
            return ;;
    esac
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "flow refresh decode userinfo introspect revoke logout call checks --help --version" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "--profile --profile-file --client-secret-env --refresh-token-env --token-env
        --token-stdin --hint --jwks --browser --timeout --demo-issuer --json --reveal --ca-file
        --allow-self-signed --allow-endpoint-host --env --client-key-file --client-cert-file --basic-form
        --check-request --par --jar --jar-audience --dpop --dpop-fault --response-mode --authorization-details --url --method --header --data --each-line --markdown --subject-token-env --subject-token-type --actor-token-env
        --actor-token-type --requested-token-type --audience --resource --assertion-key-file --subject
        --assertion-issuer --assertion-audience --username --password-env --response-type --id-token-env" -- "$cur"))
}
complete -F _oauth2_debugger oauth2-debugger
