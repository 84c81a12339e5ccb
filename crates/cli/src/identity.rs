//! The identity modes' settings: a service account with domain-wide delegation
//! (`GOOGLE_SERVICE_ACCOUNT_KEY_FILE` / `_JSON`, `DWD_ALLOWED_DOMAINS`) and the trusted gateway
//! (`TRUST_GATEWAY_IDENTITY`, `GATEWAY_IDENTITY_*`), validated here so a wrong combination stops
//! the server at start with one line.

use wsmcp_auth::Secret;
use wsmcp_auth::gateway::{Algorithm, DEFAULT_HEADER, GatewaySettings};
use wsmcp_server::Transport;

use crate::args::{Env, Fail, first, parse_bool, split_list};

/// What the identity variables said.
pub struct Identity {
    pub service_account_key: Option<Secret>,
    pub dwd_allowed_domains: Vec<String>,
    pub gateway: Option<GatewaySettings>,
}

/// What the rest of the configuration says that these modes depend on.
pub struct Context<'a> {
    pub default_user: Option<&'a str>,
    pub single_user: bool,
    pub transport: Transport,
}

pub fn read(env: Env, cx: &Context) -> Result<Identity, Fail> {
    let oauth21 = first(env, &["MCP_ENABLE_OAUTH21"]).map(|v| parse_bool("MCP_ENABLE_OAUTH21", &v)).transpose()?;
    let oauth21 = oauth21.unwrap_or(false);
    let service_account_key = service_account(env, cx, oauth21)?;
    let dwd_allowed_domains: Vec<String> = first(env, &["DWD_ALLOWED_DOMAINS"])
        .map(|v| split_list(&[v]).into_iter().map(|d| d.trim_start_matches('@').to_ascii_lowercase()).collect())
        .unwrap_or_default();
    if !dwd_allowed_domains.is_empty() {
        if service_account_key.is_none() {
            return Err("DWD_ALLOWED_DOMAINS applies to service account mode; set GOOGLE_SERVICE_ACCOUNT_KEY_FILE \
                        too, or unset it"
                .into());
        }
        let default_domain = cx.default_user.and_then(|u| u.rsplit_once('@')).map(|(_, d)| d.to_ascii_lowercase());
        if let Some(domain) = default_domain.filter(|d| !dwd_allowed_domains.contains(d)) {
            return Err(format!(
                "USER_GOOGLE_EMAIL is in {domain}, which DWD_ALLOWED_DOMAINS ({}) does not allow",
                dwd_allowed_domains.join(", ")
            ));
        }
    }
    let gateway = gateway(env, cx, oauth21)?;
    Ok(Identity { service_account_key, dwd_allowed_domains, gateway })
}

fn service_account(env: Env, cx: &Context, oauth21: bool) -> Result<Option<Secret>, Fail> {
    let file = first(env, &["GOOGLE_SERVICE_ACCOUNT_KEY_FILE"]);
    let inline = first(env, &["GOOGLE_SERVICE_ACCOUNT_KEY_JSON"]);
    let (text, source) = match (file, inline) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => {
            return Err("set GOOGLE_SERVICE_ACCOUNT_KEY_FILE or GOOGLE_SERVICE_ACCOUNT_KEY_JSON, not both".into());
        }
        (Some(path), None) => {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read GOOGLE_SERVICE_ACCOUNT_KEY_FILE {path}: {e}"))?;
            (text, "GOOGLE_SERVICE_ACCOUNT_KEY_FILE")
        }
        (None, Some(json)) => (json, "GOOGLE_SERVICE_ACCOUNT_KEY_JSON"),
    };
    if oauth21 {
        return Err(format!("{source} (service account mode) cannot be combined with MCP_ENABLE_OAUTH21"));
    }
    if cx.single_user {
        return Err(format!("{source} (service account mode) cannot be combined with --single-user"));
    }
    if cx.default_user.is_none() {
        return Err(format!(
            "{source} (service account mode) requires USER_GOOGLE_EMAIL, the user a call acts for when it names none"
        ));
    }
    wsmcp_auth::ServiceAccountKey::from_json(&text).map_err(|e| format!("{source}: {e}"))?;
    Ok(Some(Secret::new(text)))
}

fn gateway(env: Env, cx: &Context, oauth21: bool) -> Result<Option<GatewaySettings>, Fail> {
    let on = first(env, &["TRUST_GATEWAY_IDENTITY"]).map(|v| parse_bool("TRUST_GATEWAY_IDENTITY", &v)).transpose()?;
    if !on.unwrap_or(false) {
        return Ok(None);
    }
    if oauth21 {
        return Err("TRUST_GATEWAY_IDENTITY cannot be combined with MCP_ENABLE_OAUTH21".into());
    }
    if cx.transport != Transport::StreamableHttp {
        return Err("TRUST_GATEWAY_IDENTITY needs --transport streamable-http (the gateway sends HTTP headers)".into());
    }
    let required = |name: &str| first(env, &[name]).ok_or_else(|| format!("TRUST_GATEWAY_IDENTITY requires {name}"));
    let jwks_url = required("GATEWAY_IDENTITY_JWKS_URL")?;
    if !(jwks_url.starts_with("https://") || jwks_url.starts_with("http://")) {
        return Err(format!("invalid GATEWAY_IDENTITY_JWKS_URL '{jwks_url}'; accepted: an http(s) URL"));
    }
    let audience = required("GATEWAY_IDENTITY_AUDIENCE")?;
    let mut algorithms = Vec::new();
    for name in first(env, &["GATEWAY_IDENTITY_ALGORITHMS"]).map(|v| split_list(&[v])).unwrap_or_default() {
        let alg = Algorithm::parse(&name.to_ascii_uppercase())
            .ok_or_else(|| format!("invalid GATEWAY_IDENTITY_ALGORITHMS '{name}'; accepted: ES256, RS256"))?;
        algorithms.push(alg);
    }
    if algorithms.is_empty() {
        algorithms.push(Algorithm::Es256);
    }
    let header = first(env, &["GATEWAY_IDENTITY_HEADER"]).unwrap_or_else(|| DEFAULT_HEADER.into()).to_ascii_lowercase();
    if axum_header_invalid(&header) {
        return Err(format!("invalid GATEWAY_IDENTITY_HEADER '{header}'; accepted: an HTTP header name"));
    }
    Ok(Some(GatewaySettings {
        jwks_url,
        header,
        algorithms,
        issuer: first(env, &["GATEWAY_IDENTITY_ISSUER"]),
        audience,
    }))
}

/// Header names are tokens: letters, digits and `!#$%&'*+-.^_`|~`.
fn axum_header_invalid(name: &str) -> bool {
    name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const KEY_FILE: &str =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../sandbox-kit/fixtures/test-only-service-account-key.json");

    /// Variables, the rest of the configuration, and what the error must say.
    type Case<'a> = (Vec<(&'a str, &'a str)>, Context<'a>, &'a str);

    fn read_with(vars: &[(&str, &str)], cx: &Context) -> Result<Identity, Fail> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        read(&env, cx)
    }

    fn cx(default_user: Option<&str>) -> Context<'_> {
        Context { default_user, single_user: false, transport: Transport::StreamableHttp }
    }

    #[test]
    fn service_account_mode_needs_a_default_user_and_refuses_other_modes() {
        let user = Some("alex.rivera@example.com");
        let ok = read_with(
            &[("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", KEY_FILE), ("DWD_ALLOWED_DOMAINS", "Example.com, @example.org")],
            &cx(user),
        )
        .unwrap();
        assert!(ok.service_account_key.is_some());
        assert_eq!(ok.dwd_allowed_domains, ["example.com", "example.org"]);
        let key = std::fs::read_to_string(KEY_FILE).unwrap();
        assert!(
            read_with(&[("GOOGLE_SERVICE_ACCOUNT_KEY_JSON", &key)], &cx(user)).unwrap().service_account_key.is_some()
        );

        let cases: Vec<Case> = vec![
            (vec![("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", KEY_FILE)], cx(None), "requires USER_GOOGLE_EMAIL"),
            (
                vec![("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", KEY_FILE), ("MCP_ENABLE_OAUTH21", "true")],
                cx(user),
                "MCP_ENABLE_OAUTH21",
            ),
            (
                vec![("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", KEY_FILE)],
                Context { single_user: true, ..cx(user) },
                "--single-user",
            ),
            (
                vec![("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", "/nonexistent.json")],
                cx(user),
                "cannot read GOOGLE_SERVICE_ACCOUNT_KEY_FILE",
            ),
            (
                vec![("GOOGLE_SERVICE_ACCOUNT_KEY_JSON", "{}")],
                cx(user),
                "GOOGLE_SERVICE_ACCOUNT_KEY_JSON: cannot use the service account key",
            ),
            (
                vec![("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", KEY_FILE), ("GOOGLE_SERVICE_ACCOUNT_KEY_JSON", "{}")],
                cx(user),
                "not both",
            ),
            (
                vec![("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", KEY_FILE), ("DWD_ALLOWED_DOMAINS", "example.org")],
                cx(user),
                "USER_GOOGLE_EMAIL is in example.com",
            ),
            (vec![("DWD_ALLOWED_DOMAINS", "example.org")], cx(user), "applies to service account mode"),
        ];
        for (vars, cx, expected) in cases {
            let e = read_with(&vars, &cx).err().unwrap_or_else(|| panic!("{vars:?} should fail"));
            assert!(e.contains(expected) && !e.contains('\n'), "{vars:?}: {e}");
            assert!(!e.contains("PRIVATE KEY"), "{e}");
        }
    }

    #[test]
    fn gateway_settings_have_defaults_and_required_values() {
        let base = [
            ("TRUST_GATEWAY_IDENTITY", "true"),
            ("GATEWAY_IDENTITY_JWKS_URL", "https://auth.example.com/.well-known/pomerium/jwks.json"),
            ("GATEWAY_IDENTITY_AUDIENCE", "mcp.example.com"),
        ];
        let g = read_with(&base, &cx(None)).unwrap().gateway.unwrap();
        assert_eq!(
            (g.header.as_str(), g.algorithms.as_slice(), g.issuer),
            (DEFAULT_HEADER, &[Algorithm::Es256][..], None)
        );
        let mut more = base.to_vec();
        more.extend([
            ("GATEWAY_IDENTITY_ALGORITHMS", "ES256,rs256"),
            ("GATEWAY_IDENTITY_HEADER", "X-Goog-IAP-JWT-Assertion"),
            ("GATEWAY_IDENTITY_ISSUER", "https://auth.example.com"),
        ]);
        let g = read_with(&more, &cx(None)).unwrap().gateway.unwrap();
        assert_eq!((g.header.as_str(), g.algorithms.len()), ("x-goog-iap-jwt-assertion", 2));
        assert!(read_with(&[("TRUST_GATEWAY_IDENTITY", "false")], &cx(None)).unwrap().gateway.is_none());

        let with = |extra: (&'static str, &'static str)| {
            let mut v = base.to_vec();
            v.retain(|(k, _)| *k != extra.0);
            if !extra.1.is_empty() {
                v.push(extra);
            }
            v
        };
        let cases: Vec<Case> = vec![
            (with(("GATEWAY_IDENTITY_JWKS_URL", "")), cx(None), "requires GATEWAY_IDENTITY_JWKS_URL"),
            (with(("GATEWAY_IDENTITY_AUDIENCE", "")), cx(None), "requires GATEWAY_IDENTITY_AUDIENCE"),
            (with(("GATEWAY_IDENTITY_ALGORITHMS", "HS256")), cx(None), "accepted: ES256, RS256"),
            (with(("GATEWAY_IDENTITY_ALGORITHMS", "none")), cx(None), "accepted: ES256, RS256"),
            (with(("MCP_ENABLE_OAUTH21", "1")), cx(None), "MCP_ENABLE_OAUTH21"),
            (with(("TRUST_GATEWAY_IDENTITY", "maybe")), cx(None), "TRUST_GATEWAY_IDENTITY 'maybe'"),
            (base.to_vec(), Context { transport: Transport::Stdio, ..cx(None) }, "streamable-http"),
        ];
        for (vars, cx, expected) in cases {
            let e = read_with(&vars, &cx).err().unwrap_or_else(|| panic!("{vars:?} should fail"));
            assert!(e.contains(expected), "{vars:?}: {e}");
        }
    }
}
