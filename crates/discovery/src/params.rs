//! Query-string and path-parameter checks.
//!
//! Google binds every query parameter to a field of the request message (or to a system parameter
//! such as `alt` or `fields`); a name that binds to nothing is a 400, as is a value that does not
//! parse as the field's type. Method parameters also bind under their proto (snake_case) spelling.

use crate::document::{Api, Location, Method, Param};
use crate::error::Violation;
use crate::fields;
use crate::formats::{Scalar, parse_int_in};
use crate::schema::snake_case;
use crate::upload::Phase;
use std::collections::BTreeMap;

fn invalid_value(name: &str, label: &str, value: &str) -> Violation {
    Violation::invalid(format!("Invalid value at '{}' ({label}), \"{value}\"", snake_case(name)))
}

/// Checks one value against a parameter's type, enum and bounds.
pub(crate) fn check_value(name: &str, param: &Param, value: &str) -> Result<(), Violation> {
    if !param.scalar.accepts_text(value) {
        return Err(invalid_value(name, param.scalar.proto_label(), value));
    }
    if let Some(allowed) = &param.enum_values
        && !allowed.iter().any(|a| a == value)
    {
        return Err(invalid_value(name, "TYPE_ENUM", value));
    }
    if param.minimum.is_some() || param.maximum.is_some() {
        let number = match param.scalar {
            Scalar::Int32 | Scalar::UInt32 | Scalar::Int64 | Scalar::UInt64 => {
                parse_int_in(param.scalar, value).map(|i| i as f64)
            }
            _ => value.parse::<f64>().ok(),
        };
        let below = matches!((number, param.minimum), (Some(n), Some(min)) if n < min);
        let above = matches!((number, param.maximum), (Some(n), Some(max)) if n > max);
        if below || above {
            let show = |b: Option<f64>| b.map_or_else(|| "-".to_owned(), |b| b.to_string());
            return Err(Violation::invalid(format!(
                "Invalid value '{value}'. Values must be within the range: [{}, {}]",
                show(param.minimum),
                show(param.maximum)
            )));
        }
    }
    Ok(())
}

/// Finds what a query name binds to: a method query parameter (either spelling) or a global one.
fn lookup<'a>(api: &'a Api, method: &'a Method, name: &str) -> Result<(&'a str, &'a Param), Violation> {
    let own =
        method.params.iter().find(|(n, p)| p.location == Location::Query && (*n == name || snake_case(n) == name));
    if let Some((canonical, param)) = own {
        return Ok((canonical, param));
    }
    if let Some((canonical, param)) = api.globals.get_key_value(name) {
        return Ok((canonical, param));
    }
    let why = if method.params.get(name).is_some_and(|p| p.location == Location::Path) {
        format!("'{name}' is a path parameter and cannot also be given in the query")
    } else {
        format!("Field '{name}' could not be found in request message")
    };
    Err(Violation::invalid(format!(
        "Invalid JSON payload received. Unknown name \"{name}\": Cannot bind query parameter. {why}."
    )))
}

/// Validates the whole query string for `method`, given the upload phase the request is in.
pub(crate) fn check_query(
    api: &Api,
    method: &Method,
    query: &[(String, String)],
    phase: Option<Phase>,
) -> Result<(), Violation> {
    let mut seen: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
    for (name, value) in query {
        // Upload protocol parameters: uploadType is judged by the upload rules; upload_id is the
        // session handle Google hands out for resumable uploads and exists nowhere in the document.
        // Anywhere else upload_id falls through and is refused as an unknown name.
        if name == "upload_id" && phase == Some(Phase::ResumableChunk) {
            seen.entry("upload_id").or_insert((0, false)).0 += 1;
            continue;
        }
        let (canonical, param) = lookup(api, method, name)?;
        seen.entry(canonical).or_insert((0, param.repeated)).0 += 1;
        if canonical == "uploadType" {
            continue;
        }
        check_value(canonical, param, value)?;
        if canonical == "alt" && value == "media" && !method.media_download {
            return Err(Violation::invalid(format!(
                "{} does not support alt=media (it has no media download).",
                method.id
            )));
        }
        if canonical == "fields" {
            fields::check(api, method.response.as_deref(), value)?;
        }
    }
    if let Some((name, _)) = seen.iter().find(|(_, (count, repeated))| *count > 1 && !repeated) {
        return Err(Violation::invalid(format!(
            "Invalid JSON payload received. Multiple values given for the non-repeated field '{}'.",
            snake_case(name)
        )));
    }
    for (name, param) in &method.params {
        if param.location == Location::Query && param.required && !seen.contains_key(name.as_str()) {
            return Err(Violation::required(format!("Required parameter: {name}")));
        }
    }
    Ok(())
}

/// Type-checks decoded path values against their declared parameters.
pub(crate) fn check_path(method: &Method, values: &[(String, String)]) -> Result<(), Violation> {
    for (name, value) in values {
        // flatPath variables (spacesId, ...) are not declared; their shape was checked by routing.
        if let Some(param) = method.params.get(name).filter(|p| p.location == Location::Path) {
            check_value(name, param, value)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::formats::Scalar;

    fn param(scalar: Scalar) -> Param {
        Param {
            location: Location::Query,
            scalar,
            required: false,
            repeated: false,
            enum_values: None,
            minimum: None,
            maximum: None,
            pattern: None,
        }
    }

    #[test]
    fn values_by_type_enum_and_range() {
        assert!(check_value("maxResults", &param(Scalar::UInt32), "10").is_ok());
        let err = check_value("maxResults", &param(Scalar::UInt32), "abc").unwrap_err();
        assert_eq!(err.message, "Invalid value at 'max_results' (TYPE_UINT32), \"abc\"");
        let mut e = param(Scalar::String);
        e.enum_values = Some(vec!["full".into(), "raw".into()]);
        assert!(check_value("format", &e, "raw").is_ok());
        assert!(check_value("format", &e, "RAW").is_err());
        let mut r = param(Scalar::Int32);
        r.minimum = Some(1.0);
        r.maximum = Some(500.0);
        assert!(check_value("maxResults", &r, "500").is_ok());
        let err = check_value("maxResults", &r, "0").unwrap_err();
        assert_eq!(err.message, "Invalid value '0'. Values must be within the range: [1, 500]");
        assert!(check_value("maxResults", &r, "501").is_err());
    }
}
