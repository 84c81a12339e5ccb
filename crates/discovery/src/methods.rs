//! Method entries of a Discovery document: parameters, media upload settings and the URL
//! templates (REST path, flat path, upload paths) that lead to each method.

use crate::formats::Scalar;
use crate::path::Template;
use crate::pattern::Pattern;
use crate::schema;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub(crate) struct Method {
    pub(crate) id: String,
    pub(crate) http_method: String,
    pub(crate) params: BTreeMap<String, Param>,
    /// Schema name of the request body, when the method takes one.
    pub(crate) request: Option<String>,
    /// Schema name of the response, used to check `fields` selections.
    pub(crate) response: Option<String>,
    pub(crate) media: Option<MediaUpload>,
    pub(crate) media_download: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct MediaUpload {
    /// Accepted media types, e.g. `message/*` or `*/*`.
    pub(crate) accept: Vec<String>,
    pub(crate) max_size: Option<u64>,
    /// Whether the simple upload path takes `uploadType=multipart`.
    pub(crate) multipart: bool,
    pub(crate) resumable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RouteKind {
    /// The method's REST path; `flat` when it came from `flatPath` rather than `path`.
    Rest { flat: bool },
    /// `mediaUpload.protocols.simple.path`.
    SimpleUpload,
    /// `mediaUpload.protocols.resumable.path`.
    ResumableUpload,
}

#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub(crate) template: Template,
    pub(crate) method: usize,
    pub(crate) kind: RouteKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Query,
    Path,
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub(crate) location: Location,
    pub(crate) scalar: Scalar,
    pub(crate) required: bool,
    pub(crate) repeated: bool,
    pub(crate) enum_values: Option<Vec<String>>,
    pub(crate) minimum: Option<f64>,
    pub(crate) maximum: Option<f64>,
    pub(crate) pattern: Option<Pattern>,
}

pub(crate) fn str_field<'v>(obj: &'v Map<String, Value>, key: &str, at: &str) -> Result<&'v str, String> {
    obj.get(key).and_then(Value::as_str).ok_or_else(|| format!("{at}: missing string {key:?}"))
}

pub(crate) fn opt_str<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    obj.get(key).and_then(Value::as_str)
}

fn flag(obj: &Map<String, Value>, key: &str) -> bool {
    obj.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn parse_param(name: &str, node: &Value, at: &str) -> Result<Param, String> {
    let at = format!("{at} parameter {name}");
    let obj = node.as_object().ok_or_else(|| format!("{at} is not an object"))?;
    let ty = str_field(obj, "type", &at)?;
    let scalar = Scalar::from_discovery(ty, opt_str(obj, "format")).ok_or_else(|| format!("{at}: type {ty:?}"))?;
    let location = match opt_str(obj, "location") {
        Some("query") => Location::Query,
        Some("path") => Location::Path,
        _ => Location::Other,
    };
    // Bounds are written as strings ("1", "500"); tolerate numbers too.
    let bound = |key: &str| match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => s.parse::<f64>().map(Some).map_err(|_| format!("{at}: bad {key} {s:?}")),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(_) => Err(format!("{at}: bad {key}")),
    };
    let pattern = opt_str(obj, "pattern").map(Pattern::compile).transpose().map_err(|e| format!("{at}: {e}"))?;
    Ok(Param {
        location,
        scalar,
        required: flag(obj, "required"),
        repeated: flag(obj, "repeated"),
        enum_values: schema::string_list(obj, "enum", &at)?,
        minimum: bound("minimum")?,
        maximum: bound("maximum")?,
        pattern,
    })
}

pub(crate) fn parse_params(obj: &Map<String, Value>, at: &str) -> Result<BTreeMap<String, Param>, String> {
    let mut out = BTreeMap::new();
    if let Some(params) = obj.get("parameters") {
        let params = params.as_object().ok_or_else(|| format!("{at}: parameters is not an object"))?;
        for (name, node) in params {
            out.insert(name.clone(), parse_param(name, node, at)?);
        }
    }
    Ok(out)
}

fn ref_of(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(|v| v.get("$ref")).and_then(Value::as_str).map(str::to_owned)
}

/// Builds the absolute template for a method path relative to the service base.
pub(crate) fn join(base: &str, path: &str) -> String {
    if path.starts_with('/') { path.to_owned() } else { format!("{base}{path}") }
}

pub(crate) struct Builder {
    pub(crate) base: String,
    pub(crate) methods: Vec<Method>,
    pub(crate) routes: Vec<Route>,
}

impl Builder {
    fn add_route(&mut self, text: &str, method: usize, kind: RouteKind) -> Result<(), String> {
        let template = Template::parse(text)?;
        self.routes.push(Route { template, method, kind });
        Ok(())
    }

    fn add_method(&mut self, node: &Value, at: &str) -> Result<(), String> {
        let obj = node.as_object().ok_or_else(|| format!("{at} is not an object"))?;
        let id = str_field(obj, "id", at)?.to_owned();
        let http_method = str_field(obj, "httpMethod", at)?.to_owned();
        let path = str_field(obj, "path", &id)?;
        let index = self.methods.len();
        let rest_path = join(&self.base, path);
        self.add_route(&rest_path, index, RouteKind::Rest { flat: false })?;
        if let Some(flat) = opt_str(obj, "flatPath").map(|f| join(&self.base, f)).filter(|f| *f != rest_path) {
            self.add_route(&flat, index, RouteKind::Rest { flat: true })?;
        }
        let mut media = None;
        if flag(obj, "supportsMediaUpload") {
            let mu =
                obj.get("mediaUpload").and_then(Value::as_object).ok_or_else(|| format!("{id}: no mediaUpload"))?;
            let protocols = mu.get("protocols").and_then(Value::as_object);
            let proto = |name: &str| protocols.and_then(|p| p.get(name)).and_then(Value::as_object);
            if let Some(simple) = proto("simple") {
                self.add_route(&join(&self.base, str_field(simple, "path", &id)?), index, RouteKind::SimpleUpload)?;
            }
            if let Some(resumable) = proto("resumable") {
                let text = join(&self.base, str_field(resumable, "path", &id)?);
                self.add_route(&text, index, RouteKind::ResumableUpload)?;
            }
            media = Some(MediaUpload {
                accept: schema::string_list(mu, "accept", &id)?.unwrap_or_default(),
                max_size: opt_str(mu, "maxSize").and_then(|s| s.parse().ok()),
                multipart: proto("simple").is_some_and(|p| flag(p, "multipart")),
                resumable: proto("resumable").is_some(),
            });
        }
        self.methods.push(Method {
            params: parse_params(obj, &id)?,
            request: ref_of(obj, "request"),
            response: ref_of(obj, "response"),
            media,
            media_download: flag(obj, "supportsMediaDownload"),
            id,
            http_method,
        });
        Ok(())
    }

    /// Walks `methods` and nested `resources`, flattening them into one list.
    pub(crate) fn add_resource(&mut self, obj: &Map<String, Value>, at: &str) -> Result<(), String> {
        if let Some(methods) = obj.get("methods").and_then(Value::as_object) {
            for (name, node) in methods {
                self.add_method(node, &format!("{at}.{name}"))?;
            }
        }
        if let Some(resources) = obj.get("resources").and_then(Value::as_object) {
            for (name, node) in resources {
                let sub = node.as_object().ok_or_else(|| format!("{at}.{name} is not an object"))?;
                self.add_resource(sub, &format!("{at}.{name}"))?;
            }
        }
        Ok(())
    }
}
