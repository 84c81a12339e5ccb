//! The parsed form of one Discovery document: identity, URLs, methods, parameters and schemas.

use crate::methods::{Builder, join, opt_str, parse_params, str_field};
use crate::schema::{self, Schema};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

pub(crate) use crate::methods::{Location, MediaUpload, Method, Param, Route, RouteKind};

/// One Google API as described by its Discovery document.
#[derive(Debug, Clone)]
pub struct Api {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) host: String,
    pub(crate) batch_path: Option<String>,
    pub(crate) methods: Vec<Method>,
    /// Every template a request may arrive on, each pointing at its method.
    pub(crate) routes: Vec<Route>,
    pub(crate) schemas: HashMap<String, Schema>,
    /// Parameters every method accepts (`alt`, `fields`, `key`, ...).
    pub(crate) globals: BTreeMap<String, Param>,
}

/// Splits `https://host[:port]/path/` into the host and the path (always starting with `/`).
fn split_root_url(url: &str) -> Result<(String, String), String> {
    let rest = url.split_once("://").map(|(_, r)| r).ok_or_else(|| format!("rootUrl {url:?} has no scheme"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let host = authority.split(':').next().unwrap_or(authority).to_ascii_lowercase();
    if host.is_empty() {
        return Err(format!("rootUrl {url:?} has no host"));
    }
    Ok((host, path.to_owned()))
}

impl Api {
    /// Parses a Discovery document (the JSON text Google serves for `apis/{name}/{version}/rest`).
    pub fn from_json(text: &str) -> Result<Api, String> {
        let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let obj = doc.as_object().ok_or("document is not a JSON object")?;
        let name = str_field(obj, "name", "document")?.to_owned();
        let version = str_field(obj, "version", "document")?.to_owned();
        let (host, root_path) = split_root_url(str_field(obj, "rootUrl", &name)?)?;
        let base = format!("{root_path}{}", opt_str(obj, "servicePath").unwrap_or(""));
        let batch_path = opt_str(obj, "batchPath").filter(|b| !b.is_empty()).map(|b| join(&root_path, b));

        let mut schemas = HashMap::new();
        if let Some(defs) = obj.get("schemas").and_then(Value::as_object) {
            for (sname, node) in defs {
                schemas.insert(sname.clone(), schema::parse(node, sname)?);
            }
        }
        let mut builder = Builder { base, methods: Vec::new(), routes: Vec::new() };
        builder.add_resource(obj, &name)?;
        let api = Api {
            globals: parse_params(obj, &name)?,
            name,
            version,
            host,
            batch_path,
            methods: builder.methods,
            routes: builder.routes,
            schemas,
        };
        api.check_refs()?;
        Ok(api)
    }

    /// Refuses documents whose `$ref`s point nowhere, so validation never meets a dangling name.
    fn check_refs(&self) -> Result<(), String> {
        let mut refs = Vec::new();
        for s in self.schemas.values() {
            schema::collect_refs(s, &mut refs);
        }
        for m in &self.methods {
            refs.extend(m.request.as_deref());
            refs.extend(m.response.as_deref());
        }
        match refs.into_iter().find(|r| !self.schemas.contains_key(*r)) {
            Some(missing) => Err(format!("{}: $ref to unknown schema {missing:?}", self.name)),
            None => Ok(()),
        }
    }

    /// An API that matches nothing; stands in if an embedded document ever failed to parse, so
    /// the sandbox fails closed (everything 404s) instead of panicking.
    pub(crate) fn unavailable(name: &str, host: &str) -> Api {
        Api {
            name: name.to_owned(),
            version: String::new(),
            host: host.to_owned(),
            batch_path: None,
            methods: Vec::new(),
            routes: Vec::new(),
            schemas: HashMap::new(),
            globals: BTreeMap::new(),
        }
    }

    pub(crate) fn method_by_id(&self, id: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.id == id)
    }

    /// Follows `$ref`s to a concrete node; also returns the last schema name passed through.
    /// `None` only for a dangling or circular chain of bare references, which loading refuses
    /// (dangling) or no document contains (circular).
    pub(crate) fn deref<'s>(&'s self, mut schema: &'s Schema) -> Option<(&'s Schema, Option<&'s str>)> {
        let mut name = None;
        for _ in 0..32 {
            match &schema.kind {
                schema::Kind::Ref(r) => {
                    let (key, next) = self.schemas.get_key_value(r)?;
                    name = Some(key.as_str());
                    schema = next;
                }
                _ => return Some((schema, name)),
            }
        }
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::path::Template;

    #[test]
    fn root_url_split() {
        assert_eq!(
            split_root_url("https://gmail.googleapis.com/").unwrap(),
            ("gmail.googleapis.com".into(), "/".into())
        );
        assert_eq!(split_root_url("http://127.0.0.1:8080").unwrap(), ("127.0.0.1".into(), "/".into()));
        assert!(split_root_url("gmail.googleapis.com").is_err());
    }

    #[test]
    fn minimal_document() {
        let doc = r#"{"name":"demo","version":"v9","rootUrl":"https://demo.googleapis.com/","servicePath":"demo/v9/",
            "batchPath":"batch/demo/v9","parameters":{"alt":{"type":"string","location":"query","enum":["json"]}},
            "schemas":{"Thing":{"type":"object","properties":{"name":{"type":"string"}}}},
            "resources":{"things":{"methods":{"get":{"id":"demo.things.get","httpMethod":"GET","path":"things/{id}",
              "parameters":{"id":{"type":"string","location":"path","required":true}},"response":{"$ref":"Thing"}}}}}}"#;
        let api = Api::from_json(doc).unwrap();
        assert_eq!((api.name.as_str(), api.host.as_str()), ("demo", "demo.googleapis.com"));
        assert_eq!(api.batch_path.as_deref(), Some("/batch/demo/v9"));
        assert_eq!(api.routes[0].template, Template::parse("/demo/v9/things/{id}").unwrap());
        assert!(api.globals.contains_key("alt"));
        let dangling = doc.replace(r#""response":{"$ref":"Thing"}"#, r#""response":{"$ref":"Nope"}"#);
        assert!(Api::from_json(&dangling).unwrap_err().contains("Nope"));
        assert!(Api::from_json("[]").is_err());
    }
}
