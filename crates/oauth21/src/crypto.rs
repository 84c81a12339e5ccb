//! The few primitives the authorization server needs, all from `ring` (already linked through
//! rustls): HMAC-SHA256 for access tokens and CSRF tokens, SHA-256 for store keys and PKCE,
//! ChaCha20-Poly1305 for values at rest, and the system's random generator.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, Nonce, UnboundKey};
use ring::digest::{SHA256, digest};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};

/// The keys of one deployment, all derived from one secret so replicas that share the secret
/// share the keys.
pub struct Keys {
    signing: hmac::Key,
    sealing: LessSafeKey,
    rng: SystemRandom,
}

impl Keys {
    /// Derives independent signing and sealing keys from `secret` (HMAC with distinct labels),
    /// so a leak of one use does not give away the other.
    pub fn derive(secret: &[u8]) -> Keys {
        let root = hmac::Key::new(hmac::HMAC_SHA256, secret);
        let label = |l: &[u8]| hmac::sign(&root, l);
        let signing = hmac::Key::new(hmac::HMAC_SHA256, label(b"wsmcp-oauth21 access-token signing").as_ref());
        let seal_bytes = label(b"wsmcp-oauth21 sealing");
        // A 32-byte key for a 32-byte algorithm cannot be refused.
        let sealing = UnboundKey::new(&CHACHA20_POLY1305, &seal_bytes.as_ref()[..32])
            .map(LessSafeKey::new)
            .unwrap_or_else(|_| unreachable_key());
        Keys { signing, sealing, rng: SystemRandom::new() }
    }

    /// Keys from fresh randomness: tokens die with the process (the sandbox without a secret).
    pub fn ephemeral() -> Keys {
        let mut secret = [0u8; 32];
        fill(&SystemRandom::new(), &mut secret);
        Keys::derive(&secret)
    }

    pub fn sign(&self, data: &[u8]) -> Vec<u8> {
        hmac::sign(&self.signing, data).as_ref().to_vec()
    }

    /// Constant-time check of a signature made by [`Keys::sign`].
    pub fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        hmac::verify(&self.signing, data, signature).is_ok()
    }

    /// `nonce || ciphertext+tag`; `context` (the store key) is authenticated with it, so a
    /// value copied under another key does not open.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Vec<u8> {
        let mut nonce = [0u8; 12];
        fill(&self.rng, &mut nonce);
        let mut buf = plaintext.to_vec();
        // Sealing fails only for inputs of about 256 GiB.
        if self
            .sealing
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(context), &mut buf)
            .is_err()
        {
            return Vec::new();
        }
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        out
    }

    /// The plaintext of [`Keys::seal`], or `None` when the bytes were not sealed by this key
    /// for this context.
    pub fn open(&self, sealed: &[u8], context: &str) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_at_checked(12)?;
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut buf = body.to_vec();
        let plain = self.sealing.open_in_place(nonce, Aad::from(context), &mut buf).ok()?;
        Some(plain.to_vec())
    }

    /// `bytes` random bytes, base64url: ids, codes, tokens.
    pub fn random_token(&self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        fill(&self.rng, &mut buf);
        B64.encode(buf)
    }

    pub fn random_index(&self, below: usize) -> usize {
        let mut buf = [0u8; 8];
        fill(&self.rng, &mut buf);
        (u64::from_le_bytes(buf) % below.max(1) as u64) as usize
    }
}

fn fill(rng: &SystemRandom, buf: &mut [u8]) {
    // The OS generator fails only when the kernel has none; nothing secure can be done then.
    if rng.fill(buf).is_err() {
        tracing::error!("the system random generator failed");
        std::process::abort();
    }
}

fn unreachable_key() -> LessSafeKey {
    tracing::error!("ChaCha20-Poly1305 refused a 32-byte key");
    std::process::abort();
}

/// Base64url (no padding) of SHA-256: store keys for tokens and PKCE's S256.
pub fn sha256_b64(data: &[u8]) -> String {
    B64.encode(digest(&SHA256, data))
}

/// Equality that takes the same time wherever the inputs differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn b64(data: &[u8]) -> String {
    B64.encode(data)
}

pub fn unb64(text: &str) -> Option<Vec<u8>> {
    B64.decode(text).ok()
}

/// RFC 7636 S256: does `verifier` hash to `challenge`? The verifier's form is checked too
/// (43-128 unreserved characters).
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    well_formed && constant_time_eq(sha256_b64(verifier.as_bytes()).as_bytes(), challenge.as_bytes())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pkce_follows_rfc7636_appendix_b() {
        assert!(pkce_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!pkce_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!pkce_matches("short", &sha256_b64(b"short")), "a verifier under 43 characters is refused");
    }

    #[test]
    fn sealed_values_open_only_with_their_key_and_context() {
        let keys = Keys::derive(b"secret");
        let sealed = keys.seal(b"google refresh token", "oauth21:google:abc");
        assert_eq!(keys.open(&sealed, "oauth21:google:abc").unwrap(), b"google refresh token");
        assert!(keys.open(&sealed, "oauth21:google:other").is_none(), "moved to another key");
        assert!(Keys::derive(b"other secret").open(&sealed, "oauth21:google:abc").is_none());
        assert!(!sealed.windows(6).any(|w| w == b"google"), "the plaintext is not stored");
        let sig = keys.sign(b"data");
        assert!(keys.verify(b"data", &sig) && !Keys::derive(b"x").verify(b"data", &sig));
    }
}
