//! The gateway's signing keys: a JWKS document (RFC 7517) fetched over HTTP and read into the
//! public keys ring verifies with. Keys of types we do not verify with are skipped, not errors:
//! a gateway may publish more than it uses.

use std::time::Duration;

use serde::Deserialize;

use super::{Algorithm, Rejection};
use crate::jwt::unb64url;

/// A stuck JWKS endpoint must not hold every request.
const TIMEOUT: Duration = Duration::from_secs(10);
/// A JWKS document is a few KB; a larger answer is not one.
const MAX_BYTES: usize = 256 * 1024;

/// One verification key.
#[derive(Clone)]
pub(crate) struct Jwk {
    pub kid: Option<String>,
    /// The algorithm the key is pinned to, if the JWKS says.
    pub alg: Option<String>,
    pub key: PublicKey,
}

#[derive(Clone)]
pub(crate) enum PublicKey {
    /// P-256, as the uncompressed point `04 || x || y`.
    P256(Vec<u8>),
    /// RSA modulus and exponent, big-endian.
    Rsa { n: Vec<u8>, e: Vec<u8> },
}

impl Jwk {
    /// Whether a token signed with `alg` may be checked with this key: the key's type must be
    /// the algorithm's, and a key pinned to an algorithm serves that one only.
    pub fn fits(&self, alg: Algorithm) -> bool {
        let type_fits = matches!(
            (&self.key, alg),
            (PublicKey::P256(_), Algorithm::Es256) | (PublicKey::Rsa { .. }, Algorithm::Rs256)
        );
        type_fits && self.alg.as_deref().is_none_or(|a| a == alg.as_str())
    }
}

#[derive(Deserialize)]
struct Document {
    keys: Vec<RawKey>,
}

#[derive(Deserialize)]
struct RawKey {
    kty: Option<String>,
    kid: Option<String>,
    alg: Option<String>,
    #[serde(rename = "use")]
    usage: Option<String>,
    crv: Option<String>,
    x: Option<String>,
    y: Option<String>,
    n: Option<String>,
    e: Option<String>,
}

impl RawKey {
    fn into_jwk(self) -> Option<Jwk> {
        if self.usage.as_deref().is_some_and(|u| u != "sig") {
            return None;
        }
        let key = match (self.kty.as_deref()?, self.crv.as_deref()) {
            ("EC", Some("P-256")) => {
                let (x, y) = (unb64url(self.x.as_deref()?)?, unb64url(self.y.as_deref()?)?);
                if x.len() != 32 || y.len() != 32 {
                    return None;
                }
                PublicKey::P256([&[4u8][..], &x, &y].concat())
            }
            ("RSA", _) => PublicKey::Rsa { n: unb64url(self.n.as_deref()?)?, e: unb64url(self.e.as_deref()?)? },
            _ => return None,
        };
        Some(Jwk { kid: self.kid, alg: self.alg, key })
    }
}

/// Reads a JWKS document; keys we cannot use are left out.
pub(crate) fn parse(body: &[u8]) -> Result<Vec<Jwk>, String> {
    let doc: Document = serde_json::from_slice(body).map_err(|e| format!("not a JWKS document ({e})"))?;
    Ok(doc.keys.into_iter().filter_map(RawKey::into_jwk).collect())
}

/// Fetches and reads the JWKS at `url` with the server's HTTP client (its proxy and CA settings).
pub(crate) async fn fetch(http: &reqwest::Client, url: &str) -> Result<Vec<Jwk>, Rejection> {
    let fail = |detail: String| Rejection::Jwks(detail);
    let resp = http.get(url).timeout(TIMEOUT).send().await.map_err(|e| fail(format!("cannot fetch it: {e}")))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(fail(format!("it answered HTTP {}", status.as_u16())));
    }
    let body = resp.bytes().await.map_err(|e| fail(format!("cannot read it: {e}")))?;
    if body.len() > MAX_BYTES {
        return Err(fail(format!("it is larger than {MAX_BYTES} bytes")));
    }
    parse(&body).map_err(fail)
}
