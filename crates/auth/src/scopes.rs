//! Whether a granted set of scopes covers a required one.
//!
//! Google lets a broader scope stand in for a narrower one (a `drive` grant can
//! read files, so it satisfies `drive.readonly`). Insisting on exact strings would
//! send users through consent again for access they already gave, so this encodes
//! the few implications that are documented and safe; anything else must match.

const PREFIX: &str = "https://www.googleapis.com/auth/";

/// The scopes a sign-in always asks for, so the callback can learn who signed in.
pub const IDENTITY_SCOPES: [&str; 2] = ["openid", "https://www.googleapis.com/auth/userinfo.email"];

/// Required scopes not covered by `granted`, in the order given.
pub fn missing_scopes(granted: &[String], required: &[&str]) -> Vec<String> {
    required.iter().filter(|req| !granted.iter().any(|g| covers(g, req))).map(|s| (*s).to_owned()).collect()
}

/// Does the granted scope `g` give at least the access of `req`?
pub fn covers(g: &str, req: &str) -> bool {
    let (g, req) = (canonical(g), canonical(req));
    if g == req {
        return true;
    }
    let (Some(g), Some(req)) = (g.strip_prefix(PREFIX), req.strip_prefix(PREFIX)) else {
        // `https://mail.google.com/` is full Gmail access, outside the common prefix.
        return g == "https://mail.google.com/" && req.starts_with(&format!("{PREFIX}gmail."));
    };
    // `X` covers `X.readonly` for every Google API (drive, calendar, spreadsheets, ...).
    if req.strip_suffix(".readonly") == Some(g) {
        return true;
    }
    matches!(
        (g, req),
        ("gmail.modify", "gmail.readonly" | "gmail.labels" | "gmail.send" | "gmail.compose") | ("drive", "drive.file")
    )
}

/// Google reports `email`/`profile` as the long userinfo URLs and vice versa.
fn canonical(scope: &str) -> &str {
    match scope {
        "email" => "https://www.googleapis.com/auth/userinfo.email",
        "profile" => "https://www.googleapis.com/auth/userinfo.profile",
        other => other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn implications() {
        let granted =
            s(&["https://www.googleapis.com/auth/drive", "https://www.googleapis.com/auth/gmail.modify", "email"]);
        let req = [
            "https://www.googleapis.com/auth/drive.readonly",
            "https://www.googleapis.com/auth/drive.file",
            "https://www.googleapis.com/auth/gmail.send",
            "https://www.googleapis.com/auth/userinfo.email",
            "https://www.googleapis.com/auth/calendar.readonly",
            "https://www.googleapis.com/auth/gmail.settings.basic",
        ];
        assert_eq!(
            missing_scopes(&granted, &req),
            s(&[
                "https://www.googleapis.com/auth/calendar.readonly",
                "https://www.googleapis.com/auth/gmail.settings.basic"
            ])
        );
        assert!(covers("https://mail.google.com/", "https://www.googleapis.com/auth/gmail.settings.basic"));
        assert!(!covers("https://www.googleapis.com/auth/drive.readonly", "https://www.googleapis.com/auth/drive"));
    }
}
