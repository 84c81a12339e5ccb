//! `EXTERNAL_OAUTH21_PROVIDER`: `/mcp` takes Google access tokens the client got itself. It is
//! a variant of OAuth 2.1 mode, so it needs `MCP_ENABLE_OAUTH21=true`, as the reference does;
//! its settings are the client id tokens must be minted for and the validation cache and
//! concurrency (`WORKSPACE_MCP_TOKEN_VALIDATION_CACHE_TTL`, `_WORKERS`, the reference's names).

use std::time::Duration;

use wsmcp_server::external::{DEFAULT_CACHE_TTL, ExternalSettings, MAX_CACHE_TTL};

use crate::args::{Env, Fail, first, parse_bool};

const CACHE_TTL: &str = "WORKSPACE_MCP_TOKEN_VALIDATION_CACHE_TTL";
const WORKERS: &str = "WORKSPACE_MCP_TOKEN_VALIDATION_WORKERS";

/// The settings when the mode is on, and the settings that were adjusted (as warnings).
pub fn read(env: Env) -> Result<(Option<ExternalSettings>, Vec<String>), Fail> {
    let on = first(env, &["EXTERNAL_OAUTH21_PROVIDER"])
        .map(|v| parse_bool("EXTERNAL_OAUTH21_PROVIDER", &v))
        .transpose()?
        .unwrap_or(false);
    if !on {
        return Ok((None, Vec::new()));
    }
    let oauth21 = first(env, &["MCP_ENABLE_OAUTH21"]).map(|v| parse_bool("MCP_ENABLE_OAUTH21", &v)).transpose()?;
    if oauth21 != Some(true) {
        return Err("EXTERNAL_OAUTH21_PROVIDER needs MCP_ENABLE_OAUTH21=true: it is OAuth 2.1 with the Google \
                    tokens the client obtains itself"
            .into());
    }
    let mut warnings = Vec::new();
    let cache_ttl = match first(env, &[CACHE_TTL]) {
        None => DEFAULT_CACHE_TTL,
        Some(v) => {
            let secs = v
                .parse::<u64>()
                .map_err(|_| format!("invalid {CACHE_TTL} '{v}'; accepted: a whole number of seconds, 0 to 300"))?;
            let ttl = Duration::from_secs(secs);
            if ttl > MAX_CACHE_TTL {
                warnings.push(format!("{CACHE_TTL}={secs} is above the maximum; using {}", MAX_CACHE_TTL.as_secs()));
            }
            ttl.min(MAX_CACHE_TTL)
        }
    };
    let validation_workers = match first(env, &[WORKERS]) {
        None => wsmcp_server::external::DEFAULT_VALIDATION_WORKERS,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1024).contains(n))
            .ok_or_else(|| format!("invalid {WORKERS} '{v}'; accepted: a number from 1 to 1024"))?,
    };
    let client_id =
        wsmcp_auth::OAuthClientConfig::from_env(env, String::new()).map_err(|e| e.to_string())?.map(|c| c.client_id);
    let settings = ExternalSettings { client_id, cache_ttl, validation_workers, ..ExternalSettings::default() };
    Ok((Some(settings), warnings))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read_with(vars: &[(&str, &str)]) -> Result<(Option<ExternalSettings>, Vec<String>), Fail> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        read(&env)
    }

    const ON: [(&str, &str); 2] = [("EXTERNAL_OAUTH21_PROVIDER", "yes"), ("MCP_ENABLE_OAUTH21", "1")];

    #[test]
    fn needs_oauth21_and_reads_its_settings() {
        assert!(read_with(&[]).unwrap().0.is_none());
        assert!(read_with(&[("EXTERNAL_OAUTH21_PROVIDER", "false")]).unwrap().0.is_none());
        let e = read_with(&[("EXTERNAL_OAUTH21_PROVIDER", "true")]).err().unwrap();
        assert!(e.contains("needs MCP_ENABLE_OAUTH21=true"), "{e}");
        assert!(
            read_with(&[("EXTERNAL_OAUTH21_PROVIDER", "maybe")]).err().unwrap().contains("EXTERNAL_OAUTH21_PROVIDER")
        );

        let (s, warnings) = read_with(&ON).unwrap();
        let s = s.unwrap();
        assert_eq!((s.client_id, s.cache_ttl, s.validation_workers), (None, DEFAULT_CACHE_TTL, 4));
        assert!(warnings.is_empty());

        let mut vars = ON.to_vec();
        vars.extend([(CACHE_TTL, "0"), (WORKERS, "8"), ("GOOGLE_OAUTH_CLIENT_ID", "app.apps.googleusercontent.com")]);
        let s = read_with(&vars).unwrap().0.unwrap();
        assert_eq!(s.client_id.as_deref(), Some("app.apps.googleusercontent.com"), "no secret needed");
        assert_eq!((s.cache_ttl, s.validation_workers), (Duration::ZERO, 8));
    }

    #[test]
    fn out_of_range_values_are_clamped_or_refused() {
        let mut vars = ON.to_vec();
        vars.push((CACHE_TTL, "900"));
        let (s, warnings) = read_with(&vars).unwrap();
        assert_eq!(s.unwrap().cache_ttl, MAX_CACHE_TTL);
        assert!(warnings[0].contains(CACHE_TTL));
        for bad in ["-1", "soon", "1.5"] {
            let mut vars = ON.to_vec();
            vars.push((CACHE_TTL, bad));
            assert!(read_with(&vars).err().unwrap().contains(CACHE_TTL), "{bad}");
        }
        let mut vars = ON.to_vec();
        vars.push((WORKERS, "0"));
        assert!(read_with(&vars).err().unwrap().contains(WORKERS));
    }
}
